import { css, html, LitElement, svg } from "lit";
import { QUIET_ZONE, qrDrawing } from "./qr-path.js";

/**
 * A QR code a phone can scan from the screen: black on white with its quiet
 * zone, whatever the theme or 长辈模式 does to colours around it. `label`
 * names it for screen readers and read-aloud ("付款码").
 */
export class LinliQrCode extends LitElement {
  static override properties = {
    text: { type: String },
    label: { type: String },
  };

  declare text: string;
  declare label: string;

  static override styles = css`
    :host {
      display: block;
      inline-size: var(--linli-qr-size, 320px);
      max-inline-size: 100%;
      background: #ffffff;
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: auto;
    }
  `;

  constructor() {
    super();
    this.text = "";
    this.label = "";
  }

  override render() {
    if (!this.text) return null;
    const { size, path } = qrDrawing(this.text);
    const side = size + 2 * QUIET_ZONE;
    return html`<svg
      role="img"
      aria-label=${this.label}
      viewBox="0 0 ${side} ${side}"
      shape-rendering="crispEdges"
    >
      ${svg`<rect width=${side} height=${side} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
    </svg>`;
  }
}

customElements.define("linli-qr-code", LinliQrCode);

declare global {
  interface HTMLElementTagNameMap {
    "linli-qr-code": LinliQrCode;
  }
}
