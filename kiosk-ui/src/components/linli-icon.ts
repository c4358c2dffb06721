import { css, html, LitElement } from "lit";
import { ICONS } from "./icons.js";

/** A decorative line icon; the text beside it says what it means. */
export class LinliIcon extends LitElement {
  static override properties = { name: { type: String } };

  static override styles = css`
    :host {
      display: inline-block;
      inline-size: var(--linli-icon-size, 1.25em);
      block-size: var(--linli-icon-size, 1.25em);
      flex: none;
      line-height: 0;
    }
    svg {
      inline-size: 100%;
      block-size: 100%;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
  `;

  declare name: string;

  constructor() {
    super();
    this.name = "pin";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("aria-hidden", "true");
  }

  override render() {
    return html`<svg viewBox="0 0 24 24"><path d=${ICONS[this.name] ?? ICONS.pin ?? ""}></path></svg>`;
  }
}

customElements.define("linli-icon", LinliIcon);

declare global {
  interface HTMLElementTagNameMap {
    "linli-icon": LinliIcon;
  }
}
