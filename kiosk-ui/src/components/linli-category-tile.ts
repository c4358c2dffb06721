import type { CategoryEntry } from "@linli/protocols/api";
import { css, html, LitElement } from "lit";
import { localName } from "../i18n/i18n.js";
import type { KioskContext } from "../kiosk-context.js";
import { navigate } from "../router.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

/** A big tile for one category: its icon, its name and how many are within its walk. */
export class LinliCategoryTile extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    category: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      button {
        display: flex;
        align-items: center;
        gap: 16px;
        inline-size: 100%;
        block-size: 100%;
        min-block-size: calc(var(--linli-target) * 1.6);
        padding: 16px 20px;
        border: 2px solid var(--linli-line);
        border-radius: calc(var(--linli-radius) + 4px);
        background: var(--linli-surface);
        text-align: start;
        cursor: pointer;
        touch-action: manipulation;
      }
      button:active {
        transform: scale(0.98);
      }
      .icon {
        display: grid;
        place-items: center;
        flex: none;
        inline-size: calc(var(--linli-target) * 1.05);
        block-size: calc(var(--linli-target) * 1.05);
        border-radius: 50%;
        background: var(--linli-red-soft);
        color: var(--linli-red);
        --linli-icon-size: 60%;
      }
      :host([quality]) .icon {
        background: #e7eef6;
        color: var(--linli-quality);
      }
      .text {
        min-inline-size: 0;
        overflow-wrap: break-word;
      }
      .name {
        display: block;
        font-size: var(--linli-action);
        font-weight: 700;
        line-height: 1.2;
      }
      .count {
        display: block;
        color: var(--linli-muted);
        font-size: var(--linli-small);
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare category: CategoryEntry;

  override willUpdate(): void {
    this.toggleAttribute("quality", this.category.class === "quality");
  }

  override render() {
    const { t, lang } = this.kiosk;
    const { category } = this;
    const count =
      category.withinRadius > 0
        ? t("tileCount", { n: category.withinRadius, m: category.radiusMinutes })
        : t("tileFarther", { n: category.count });
    return html`<button
      data-category=${category.code}
      @click=${() => navigate(`/find?category=${encodeURIComponent(category.code)}`)}
    >
      <span class="icon"><linli-icon name=${category.icon}></linli-icon></span>
      <span class="text">
        <span class="name">${localName(category, lang)}</span>
        <span class="count">${count}</span>
      </span>
    </button>`;
  }
}

customElements.define("linli-category-tile", LinliCategoryTile);

declare global {
  interface HTMLElementTagNameMap {
    "linli-category-tile": LinliCategoryTile;
  }
}
