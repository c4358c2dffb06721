import { css, html, LitElement, nothing } from "lit";
import type { Offer } from "../data/vending.js";
import type { Lang, Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import "./linli-product-tile.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * One screenful of products as tiles (three a row, two in 长辈模式) with
 * 上一页 / 下一页 when there are more. The page is the panel's: turning it
 * fires `linli-page` with the new page; a chosen tile fires `linli-choose`.
 */
export class LinliProductGrid extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    offers: { attribute: false },
    page: { type: Number },
    pages: { type: Number },
    elderly: { type: Boolean, reflect: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--linli-gap);
      }
      :host([elderly]) .grid {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .pager {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: var(--linli-gap);
      }
      .btn:disabled {
        opacity: 0.75;
        cursor: default;
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare offers: readonly Offer[];
  declare page: number;
  declare pages: number;
  declare elderly: boolean;

  constructor() {
    super();
    this.offers = [];
    this.page = 0;
    this.pages = 1;
    this.elderly = false;
  }

  #turn(page: number): void {
    this.dispatchEvent(new CustomEvent<number>("linli-page", { detail: page }));
  }

  override render() {
    const { t, page, pages } = this;
    return html`<div class="grid" role="group" aria-label=${t("vendProductsLabel")}>
        ${this.offers.map(
          (offer) =>
            html`<linli-product-tile .t=${t} .lang=${this.lang} .offer=${offer}></linli-product-tile>`,
        )}
      </div>
      ${
        pages > 1
          ? html`<div class="pager">
            <button class="btn main" ?disabled=${page === 0} @click=${() => this.#turn(page - 1)}>
              <linli-icon name="back"></linli-icon>${t("vendPrevPage")}
            </button>
            <span>${t("vendPageLabel", { page: page + 1, pages })}</span>
            <button class="btn main" ?disabled=${page >= pages - 1} @click=${() => this.#turn(page + 1)}>
              ${t("vendNextPage")}<linli-icon name="forward"></linli-icon>
            </button>
          </div>`
          : nothing
      }`;
  }
}

customElements.define("linli-product-grid", LinliProductGrid);

declare global {
  interface HTMLElementTagNameMap {
    "linli-product-grid": LinliProductGrid;
  }
}
