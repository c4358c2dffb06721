import type { VendingOrder } from "@linli/protocols/api";
import { css, html, LitElement, type PropertyValues } from "lit";
import { clockText, secondsLeft, yuan } from "../data/vending.js";
import type { Lang, Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";
import "./linli-qr-code.js";

/**
 * What the resident pays with: the product and amount, the payment QR code
 * to scan with a phone (its text below, small, for staff), and a countdown to
 * the order's payment deadline.
 */
export class LinliVendPayment extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    order: { attribute: false },
    now: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
        padding: 28px 32px;
        border: 4px solid var(--linli-red);
        border-radius: calc(var(--linli-radius) + 4px);
        background: var(--linli-surface);
      }
      .what {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 12px;
      }
      .name {
        font-size: var(--linli-title);
        font-weight: 700;
      }
      .amount {
        display: grid;
        justify-items: end;
      }
      .amount strong {
        color: var(--linli-red);
        font-size: var(--linli-display);
        font-variant-numeric: tabular-nums;
      }
      .scan {
        display: flex;
        align-items: center;
        gap: 12px;
        font-size: var(--linli-action);
        font-weight: 700;
        --linli-icon-size: 1.4em;
      }
      figure {
        display: grid;
        place-items: center;
        gap: 12px;
        margin: 0;
        padding: 24px;
        border: 3px solid var(--linli-ink);
        border-radius: var(--linli-radius);
        background: #ffffff;
        color: #111111;
      }
      figure code {
        max-inline-size: 100%;
        font-size: var(--linli-small);
        overflow-wrap: anywhere;
        text-align: center;
      }
      figcaption {
        font-size: var(--linli-small);
      }
      .timer {
        display: flex;
        align-items: baseline;
        gap: 16px;
        font-size: var(--linli-action);
      }
      .timer strong {
        font-size: var(--linli-title);
        font-variant-numeric: tabular-nums;
      }
      .timer.low strong {
        color: var(--linli-red);
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare order: VendingOrder;
  declare now: number;
  #ticker: number | undefined;

  constructor() {
    super();
    this.now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.now = Date.now();
    this.#ticker = window.setInterval(() => {
      this.now = Date.now();
    }, 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.#ticker);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("order")) this.now = Date.now();
  }

  override render() {
    const { t, order } = this;
    const payment = order.payment;
    const left = payment ? secondsLeft(payment.expiresAt, this.now) : 0;
    return html`<div class="what">
        <span class="name">${this.lang === "en" ? order.product.nameEn : order.product.nameZh}</span>
        <span class="amount"
          ><span>${t("vendAmount")}</span><strong data-amount>${yuan(order.amountFen)}</strong></span
        >
      </div>
      <p class="scan"><linli-icon name="qr"></linli-icon>${t("vendScanToPay")}</p>
      ${
        payment
          ? html`<figure aria-label=${t("vendPayCode")}>
              <linli-qr-code .text=${payment.qr} .label=${t("vendPayCode")}></linli-qr-code>
              <code data-payment-code>${payment.qr}</code>
              <figcaption>${t("vendPayCode")}</figcaption>
            </figure>
            <p class="timer ${left <= 30 ? "low" : ""}">
              <span>${t("vendTimeLeft")}</span><strong role="timer" data-left=${left}
                >${clockText(left)}</strong
              >
            </p>`
          : html`<p class="muted" aria-busy="true">${t("vendStateCreated")}</p>`
      }`;
  }
}

customElements.define("linli-vend-payment", LinliVendPayment);

declare global {
  interface HTMLElementTagNameMap {
    "linli-vend-payment": LinliVendPayment;
  }
}
