import { css, html, LitElement } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import type { DemoReceipt } from "../data/demo.js";
import { timeText } from "../format.js";
import type { Lang, Translate } from "../i18n/i18n.js";

/**
 * Demo mode: the simulated printer's receipts as the paper they would be —
 * a narrow roll of fixed-width text, newest on top, a torn edge per cut.
 */
export class LinliOpPaper extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    receipts: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ol {
        display: grid;
        gap: 18px;
        margin: 0;
        padding: 0;
        list-style: none;
        justify-items: center;
      }
      figure {
        margin: 0;
        display: grid;
        gap: 6px;
        justify-items: center;
      }
      .roll {
        position: relative;
        padding: 16px 14px 22px;
        background: #fffef8;
        color: #111111;
        box-shadow: 0 1px 4px rgb(0 0 0 / 25%);
        /* A cut edge: the paper ends in teeth. */
        mask: conic-gradient(from -45deg at bottom, #0000, #000 1deg 89deg, #0000 90deg) 50% / 14px
          100%;
      }
      pre {
        margin: 0;
        font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", "DejaVu Sans Mono", monospace;
        font-size: 16px;
        line-height: 1.35;
        white-space: pre;
      }
      .qr {
        margin-block-start: 8px;
        font-size: 16px;
        overflow-wrap: anywhere;
        max-inline-size: 20em;
      }
      figcaption {
        color: var(--linli-muted);
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare receipts: DemoReceipt[];

  constructor() {
    super();
    this.receipts = [];
  }

  override render() {
    const { t } = this;
    if (this.receipts.length === 0) return html`<p class="muted">${t("paperEmpty")}</p>`;
    return html`<ol>
      ${[...this.receipts].reverse().map(
        (receipt) => html`<li>
          <figure>
            <div class="roll">
              <pre>${receipt.text.replace(/\n+$/, "")}</pre>
              ${receipt.qrCodes.map(
                (qr) => html`<p class="qr">${t("receiptQr", { text: qr })}</p>`,
              )}
            </div>
            <figcaption>${t("receiptAt", { time: timeText(receipt.cutAt, this.lang) })}</figcaption>
          </figure>
        </li>`,
      )}
    </ol>`;
  }
}

customElements.define("linli-op-paper", LinliOpPaper);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-paper": LinliOpPaper;
  }
}
