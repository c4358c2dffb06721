import type { CoverageResponse, Notice } from "@linli/protocols/api";
import { css, html, LitElement } from "lit";
import { fetchNotices } from "../data/community.js";
import { fetchCoverage } from "../data/outlets.js";
import { localName } from "../i18n/i18n.js";
import { categoryByCode, type KioskContext, minutesFor } from "../kiosk-context.js";
import "./linli-icon.js";
import "./linli-notice-list.js";
import { sharedStyles } from "./shared-styles.js";

const CLASS_KEYS = {
  品质型: "classQuality",
  提升型: "classImproved",
  基础型: "classBasic",
} as const;

/**
 * Shown when nobody has touched the kiosk for a while: what the circle offers
 * (its class, how many places are within a 15-minute walk, the nearest of
 * each slogan's categories) and an invitation to touch the screen.
 */
export class LinliAttractScreen extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    coverage: { state: true },
    notices: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 30;
        display: grid;
        place-items: center;
        padding: var(--linli-page);
        background: var(--linli-bg);
        overflow: auto;
      }
      section {
        display: grid;
        gap: calc(var(--linli-gap) * 1.5);
        inline-size: min(1000px, 100%);
        text-align: center;
      }
      .rings {
        justify-self: center;
        inline-size: 220px;
        block-size: 220px;
        color: var(--linli-red);
      }
      .rings circle {
        fill: none;
        stroke: currentColor;
        stroke-width: 3;
        stroke-dasharray: 10 8;
      }
      .rings .centre {
        fill: currentColor;
        stroke: none;
      }
      h2 {
        font-size: calc(var(--linli-display) * 1.4);
        color: var(--linli-red);
      }
      .lead {
        font-size: var(--linli-title);
      }
      .facts {
        display: grid;
        gap: 16px;
        padding: 36px;
        font-size: var(--linli-title);
      }
      .facts strong {
        color: var(--linli-red);
        font-size: var(--linli-display);
      }
      li p {
        font-size: var(--linli-action);
      }
      ul {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr));
        gap: var(--linli-gap);
        margin: 0;
        padding: 0;
        list-style: none;
        text-align: start;
      }
      li {
        padding: 20px 24px;
      }
      li h3 {
        color: var(--linli-red);
      }
      .btn {
        justify-self: center;
        min-inline-size: 360px;
        animation: breathe 3s ease-in-out infinite;
      }
      @keyframes breathe {
        50% {
          transform: scale(1.04);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .btn {
          animation: none;
        }
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare coverage: CoverageResponse | undefined;
  declare notices: readonly Notice[] | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    fetchCoverage().then(
      (coverage) => {
        this.coverage = coverage;
      },
      // The facts are a nicety; the invitation to start stands without them.
      () => undefined,
    );
    fetchNotices().then(
      (notices) => {
        this.notices = notices.items;
      },
      () => undefined,
    );
  }

  #nearest(code: string): string | null {
    const entry = this.coverage?.categories.find((category) => category.code === code);
    const category = categoryByCode(this.kiosk, code);
    if (!entry?.nearest || !category) return null;
    const minutes = minutesFor(this.kiosk, entry.nearest.walkMinutes);
    return `${localName(category, this.kiosk.lang)} ${this.kiosk.t("walkMinutesShort", { n: minutes })}`;
  }

  override render() {
    const { t, lang, catalog } = this.kiosk;
    const coverage = this.coverage;
    return html`<section aria-labelledby="attract-title">
      <svg class="rings" viewBox="0 0 220 220" aria-hidden="true">
        <circle cx="110" cy="110" r="106"></circle>
        <circle cx="110" cy="110" r="72"></circle>
        <circle cx="110" cy="110" r="38"></circle>
        <circle class="centre" cx="110" cy="110" r="12"></circle>
      </svg>
      <h2 id="attract-title">${this.kiosk.health.kiosk.name}</h2>
      <p class="lead">${t("attractLead")} · ${t("appTagline")}</p>
      ${
        coverage
          ? html`<div class="card facts">
            ${
              coverage.circleClass
                ? html`<p>
                  ${t("attractClass", { class: "" })}<strong
                    >${t(CLASS_KEYS[coverage.circleClass])}</strong
                  >
                </p>`
                : null
            }
            <p>${t("attractOutlets", { n: coverage.chainShare.within15Minutes.outlets })}</p>
            <p>${t("attractBasic", coverage.basic)}</p>
            <p>${t("attractQuality", coverage.quality)}</p>
          </div>
          <ul>
            ${catalog.groups.map((group) => {
              const nearest = group.categories
                .map((code) => this.#nearest(code))
                .filter((text): text is string => text !== null);
              return html`<li class="card">
                <h3>${localName(group, lang)}</h3>
                <p>${nearest.join(t("listSeparator"))}</p>
              </li>`;
            })}
          </ul>`
          : null
      }
      ${
        this.notices && this.notices.length > 0
          ? html`<linli-notice-list
            .kiosk=${this.kiosk}
            .notices=${this.notices}
            .limit=${2}
            data-notices
          ></linli-notice-list>`
          : null
      }
      <button class="btn primary main">
        <linli-icon name="forward"></linli-icon>${t("attractTouch")}
      </button>
    </section>`;
  }
}

customElements.define("linli-attract-screen", LinliAttractScreen);

declare global {
  interface HTMLElementTagNameMap {
    "linli-attract-screen": LinliAttractScreen;
  }
}
