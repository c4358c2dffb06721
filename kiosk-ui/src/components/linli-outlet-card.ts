import type { OutletSummary } from "@linli/protocols/api";
import { css, html, LitElement } from "lit";
import { localName } from "../i18n/i18n.js";
import { categoryByCode, type KioskContext, minutesFor } from "../kiosk-context.js";
import { navigate } from "../router.js";
import "./linli-open-state.js";
import { sharedStyles } from "./shared-styles.js";

/** One result: name (with the matched characters marked), kind, open state and walking minutes. */
export class LinliOutletCard extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    outlet: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      button {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 8px 24px;
        inline-size: 100%;
        min-block-size: calc(var(--linli-target) * 1.5);
        padding: 18px 24px;
        border: 2px solid var(--linli-line);
        border-radius: calc(var(--linli-radius) + 4px);
        background: var(--linli-surface);
        text-align: start;
        cursor: pointer;
        touch-action: manipulation;
      }
      button:active {
        transform: scale(0.99);
      }
      .name {
        display: block;
        font-size: var(--linli-action);
        font-weight: 700;
        line-height: 1.3;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        align-items: baseline;
        margin-block-start: 6px;
      }
      .kind {
        font-size: var(--linli-small);
      }
      .walk {
        display: grid;
        justify-items: end;
        text-align: end;
      }
      .minutes {
        font-size: var(--linli-title);
        font-weight: 700;
        color: var(--linli-red);
        line-height: 1.1;
        white-space: nowrap;
      }
      .distance {
        font-size: var(--linli-small);
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare outlet: OutletSummary;

  #name() {
    const { name, match } = this.outlet;
    const highlight = match?.highlight;
    if (!highlight || highlight.end <= highlight.start) return name;
    return html`${name.slice(0, highlight.start)}<mark>${name.slice(highlight.start, highlight.end)}</mark>${name.slice(highlight.end)}`;
  }

  override render() {
    const { t, lang } = this.kiosk;
    const { outlet } = this;
    const category = categoryByCode(this.kiosk, outlet.category);
    const minutes = minutesFor(this.kiosk, outlet.walkMinutes);
    return html`<button
      data-outlet=${outlet.id}
      data-minutes=${minutes}
      data-open=${outlet.openState}
      @click=${() => navigate(`/outlets/${encodeURIComponent(outlet.id)}`)}
    >
      <span>
        <span class="name" lang="zh-CN">${this.#name()}</span>
        <span class="meta">
          <span class="kind muted">${category ? localName(category, lang) : outlet.category}</span>
          <linli-open-state .t=${t} .outlet=${outlet}></linli-open-state>
        </span>
      </span>
      <span class="walk">
        <span class="minutes">${t("walkMinutesShort", { n: minutes })}</span>
        <span class="distance muted">${t("meters", { n: outlet.distanceMeters })}</span>
      </span>
    </button>`;
  }
}

customElements.define("linli-outlet-card", LinliOutletCard);

declare global {
  interface HTMLElementTagNameMap {
    "linli-outlet-card": LinliOutletCard;
  }
}
