import { css, html, LitElement, nothing } from "lit";
import { type Offer, offerNote, yuan } from "../data/vending.js";
import type { Lang, Translate } from "../i18n/i18n.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * One product of a vending unit as a big tile: its name, its price (¥2.00)
 * and, when it cannot be bought, why (已售完), greyed and not tappable.
 * Choosing it fires `linli-choose` with the offer.
 */
export class LinliProductTile extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    offer: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      button {
        display: grid;
        align-content: center;
        gap: 8px;
        inline-size: 100%;
        min-block-size: calc(var(--linli-target) * 2.4);
        padding: 18px 20px;
        border: 2px solid var(--linli-line);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
        text-align: start;
        cursor: pointer;
        touch-action: manipulation;
      }
      button:active:not(:disabled) {
        transform: scale(0.97);
      }
      .name {
        font-size: var(--linli-action);
        font-weight: 700;
        line-height: 1.25;
      }
      .price {
        color: var(--linli-red);
        font-size: var(--linli-title);
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      button:disabled {
        border-style: dashed;
        background: var(--linli-bg);
        cursor: not-allowed;
      }
      button:disabled .name,
      button:disabled .price {
        color: var(--linli-muted);
      }
      button:disabled .price {
        text-decoration: line-through;
      }
      .note {
        justify-self: start;
        padding: 2px 12px;
        border: 2px solid var(--linli-muted);
        border-radius: 999px;
        color: var(--linli-ink);
        font-size: var(--linli-small);
        font-weight: 700;
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare offer: Offer;

  #choose(): void {
    this.dispatchEvent(
      new CustomEvent<Offer>("linli-choose", { detail: this.offer, bubbles: true, composed: true }),
    );
  }

  override render() {
    const { t, offer } = this;
    const note = offerNote(offer);
    const name = this.lang === "en" ? offer.nameEn : offer.nameZh;
    return html`<button
      ?disabled=${!offer.buyable}
      data-slot=${offer.slot}
      data-device=${offer.deviceId}
      @click=${() => this.#choose()}
    >
      <span class="name">${name}</span>
      <span class="price">${yuan(offer.priceFen)}</span>
      ${note ? html`<span class="note">${t(note)}</span>` : nothing}
    </button>`;
  }
}

customElements.define("linli-product-tile", LinliProductTile);

declare global {
  interface HTMLElementTagNameMap {
    "linli-product-tile": LinliProductTile;
  }
}
