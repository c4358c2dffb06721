import type { CategoryEntry, Notice } from "@linli/protocols/api";
import { css, html } from "lit";
import "../components/linli-category-tile.js";
import "../components/linli-icon.js";
import "../components/linli-notice-list.js";
import { noticesSpeech } from "../components/linli-notice-list.js";
import { sharedStyles } from "../components/shared-styles.js";
import { fetchNotices } from "../data/community.js";
import { localName, type MessageKey } from "../i18n/i18n.js";
import { categoryByCode } from "../kiosk-context.js";
import { navigate } from "../router.js";
import { KioskPanel } from "./kiosk-panel.js";

interface Shortcut {
  path: string;
  icon: string;
  title: MessageKey;
  hint: MessageKey;
}

/** The big buttons above the categories; each new resident flow adds one here. */
const SHORTCUTS: readonly Shortcut[] = [
  { path: "/search", icon: "search", title: "searchPrompt", hint: "searchHint" },
  { path: "/map", icon: "map", title: "mapTile", hint: "mapTileHint" },
  { path: "/parcels", icon: "parcel", title: "parcelsTile", hint: "parcelsTileHint" },
  { path: "/vending", icon: "vending", title: "vendingTile", hint: "vendingTileHint" },
  { path: "/print", icon: "printer", title: "printTile", hint: "printTileHint" },
  { path: "/rate", icon: "smile", title: "rateTile", hint: "rateTileHint" },
  { path: "/report", icon: "flag", title: "reportTile", hint: "reportTileHint" },
  { path: "/community", icon: "canteen", title: "communityTile", hint: "communityTileHint" },
];

/**
 * Home: search and the map first, then the categories twice over — by the
 * four slogans (一店一早, 一菜一修, 一老一小, 一收一洗) and by class
 * (基本保障类 within 5–10 minutes, 品质提升类 within 15).
 */
export class LinliHomePanel extends KioskPanel {
  static override properties = { ...KioskPanel.properties, notices: { state: true } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        align-content: start;
        gap: calc(var(--linli-gap) * 1.6);
        padding: var(--linli-page);
      }
      .shortcuts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(440px, 100%), 1fr));
        gap: var(--linli-gap);
      }
      .shortcut {
        display: flex;
        align-items: center;
        justify-content: flex-start;
        gap: 20px;
        padding: 20px 28px;
        text-align: start;
        border-radius: calc(var(--linli-radius) + 6px);
        --linli-icon-size: 56px;
      }
      .shortcut .title {
        display: block;
        font-size: var(--linli-title);
      }
      .shortcut .hint {
        display: block;
        font-size: var(--linli-small);
        font-weight: 400;
      }
      section {
        display: grid;
        gap: var(--linli-gap);
      }
      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 16px;
      }
      .section-head p {
        font-size: var(--linli-body);
      }
      .groups {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(820px, 100%), 1fr));
        gap: var(--linli-gap);
      }
      .group {
        display: grid;
        align-content: start;
        gap: 14px;
        padding: 16px 20px 20px;
      }
      .group-title {
        justify-content: space-between;
        inline-size: 100%;
        padding-inline: 4px;
        border: none;
        background: transparent;
        color: var(--linli-red);
        font-size: var(--linli-title);
        font-weight: 700;
      }
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(var(--tile-min, 230px), 100%), 1fr));
        gap: 14px;
      }
      :host([elderly]) .tiles {
        --tile-min: 420px;
      }
      .missing {
        font-size: var(--linli-body);
      }
    `,
  ];

  /** Community notices valid now (社区通知), shown under the shortcuts and read aloud. */
  declare notices: readonly Notice[];

  constructor() {
    super();
    this.notices = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    fetchNotices().then(
      (notices) => {
        this.notices = notices.items;
      },
      // Notices are a nicety on the home screen; the shortcuts stand without them.
      () => undefined,
    );
  }

  override willUpdate(): void {
    this.toggleAttribute("elderly", this.kiosk.elderly);
  }

  speechText(): string {
    const { t, lang, catalog, health } = this.kiosk;
    const groups = catalog.groups.map((group) => localName(group, lang)).join(t("listSeparator"));
    const notices = noticesSpeech(this.notices, this.kiosk);
    return `${t("speechHome", { name: health.kiosk.name })} ${groups}${notices ? ` ${notices}` : ""}`;
  }

  #tiles(categories: readonly (CategoryEntry | undefined)[]) {
    return html`<div class="tiles">
      ${categories
        .filter(
          (category): category is CategoryEntry => category !== undefined && category.count > 0,
        )
        .map(
          (category) =>
            html`<linli-category-tile .kiosk=${this.kiosk} .category=${category}></linli-category-tile>`,
        )}
    </div>`;
  }

  override render() {
    const { t, lang, catalog } = this.kiosk;
    const byClass = (kind: CategoryEntry["class"]) =>
      catalog.categories.filter((category) => category.class === kind);
    const missing = catalog.categories.filter((category) => category.count === 0);
    return html`
      <nav class="shortcuts" aria-label=${t("home")}>
        ${SHORTCUTS.map(
          (shortcut, index) =>
            html`<button
              class=${`btn main shortcut ${index === 0 ? "primary" : ""}`}
              data-path=${shortcut.path}
              @click=${() => navigate(shortcut.path)}
            >
              <linli-icon name=${shortcut.icon}></linli-icon>
              <span>
                <span class="title">${t(shortcut.title)}</span>
                <span class="hint">${t(shortcut.hint)}</span>
              </span>
            </button>`,
        )}
      </nav>
      ${
        this.notices.length > 0
          ? html`<section aria-labelledby="home-notices" data-notices>
            <h2 id="home-notices">${t("noticesTitle")}</h2>
            <linli-notice-list .kiosk=${this.kiosk} .notices=${this.notices}></linli-notice-list>
          </section>`
          : null
      }

      <section aria-labelledby="slogans">
        <h2 id="slogans">${t("slogansTitle")}</h2>
        <div class="groups">
          ${catalog.groups.map(
            (group) => html`<article class="card group" data-group=${group.code}>
              <h3>
                <button
                  class="btn group-title"
                  @click=${() => navigate(`/find?group=${encodeURIComponent(group.code)}`)}
                >
                  ${localName(group, lang)}<linli-icon name="forward"></linli-icon>
                </button>
              </h3>
              ${this.#tiles(group.categories.map((code) => categoryByCode(this.kiosk, code)))}
            </article>`,
          )}
        </div>
      </section>

      ${(["basic", "quality"] as const).map(
        (kind) => html`<section aria-labelledby=${`class-${kind}`} data-class=${kind}>
          <div class="section-head">
            <h2 id=${`class-${kind}`}>${t(kind === "basic" ? "basicClass" : "qualityClass")}</h2>
            <p class="muted">${t(kind === "basic" ? "basicClassHint" : "qualityClassHint")}</p>
          </div>
          ${this.#tiles(byClass(kind))}
        </section>`,
      )}
      ${
        missing.length > 0
          ? html`<p class="missing muted">
            ${t("missingCategories", {
              list: missing.map((category) => localName(category, lang)).join(t("listSeparator")),
            })}
          </p>`
          : null
      }
    `;
  }
}

customElements.define("linli-home-panel", LinliHomePanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-home-panel": LinliHomePanel;
  }
}
