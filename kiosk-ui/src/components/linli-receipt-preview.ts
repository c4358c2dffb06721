import { css, html, LitElement } from "lit";
import { sharedStyles } from "./shared-styles.js";

/**
 * What a receipt will print, line for line, on a strip of paper: the agent's
 * text preview (a QR code shows as [QR]) in a fixed-width face, in taller
 * type for large print. The guide is printed in Chinese whatever the screen's
 * language, so the text is marked as Chinese.
 */
export class LinliReceiptPreview extends LitElement {
  static override properties = {
    text: { type: String },
    columns: { type: Number },
    largePrint: { type: Boolean, attribute: "large-print", reflect: true },
    label: { type: String },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        justify-content: center;
      }
      figure {
        margin: 0;
        padding: 28px 24px 36px;
        background: #ffffff;
        color: #111111;
        border: 1px solid var(--linli-line);
        border-radius: 4px;
        box-shadow: 0 6px 18px rgb(31 35 40 / 0.12);
        /* The torn edge of a receipt. */
        mask-image: linear-gradient(to bottom, #000 calc(100% - 10px), transparent);
      }
      pre {
        margin: 0;
        font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", ui-monospace, monospace;
        font-size: var(--linli-body);
        line-height: 1.5;
        white-space: pre-wrap;
        word-break: break-all;
        /* One column per digit's width; a Chinese character takes two columns, and no more room. */
        inline-size: calc(var(--columns, 32) * 1ch + 4px);
        max-inline-size: 100%;
      }
      :host([large-print]) pre {
        font-size: calc(var(--linli-body) * 1.25);
        line-height: 2;
        font-weight: 600;
      }
    `,
  ];

  declare text: string;
  declare columns: number;
  declare largePrint: boolean;
  declare label: string;

  constructor() {
    super();
    this.text = "";
    this.columns = 32;
    this.largePrint = false;
    this.label = "";
  }

  override render() {
    return html`<figure aria-label=${this.label} style=${`--columns: ${this.columns}`}>
      <pre lang="zh-CN">${this.text}</pre>
    </figure>`;
  }
}

customElements.define("linli-receipt-preview", LinliReceiptPreview);

declare global {
  interface HTMLElementTagNameMap {
    "linli-receipt-preview": LinliReceiptPreview;
  }
}
