import { css, html, LitElement } from "lit";
import type { Translate } from "../i18n/i18n.js";

/**
 * What the kiosk shows while its screen sleeps: true black over everything
 * (black pixels are dark even where no backlight can be turned off). It
 * takes the first tap itself, so waking never presses the button under the
 * finger; the shell wakes on `linli-wake` (pointerdown: the backlight comes on
 * while the finger is still down) and removes the layer on the completed tap.
 */
export class LinliSleepScreen extends LitElement {
  static override properties = { t: { attribute: false } };

  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      z-index: 100;
      background: #000;
      cursor: none;
      touch-action: none;
    }
    p {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;

  declare t: Translate;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("pointerdown", this.#onPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("pointerdown", this.#onPointerDown);
  }

  readonly #onPointerDown = (event: PointerEvent): void => {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent("linli-wake", { bubbles: true, composed: true }));
  };

  override render() {
    return html`<p role="status">${this.t("sleepScreen")}</p>`;
  }
}

customElements.define("linli-sleep-screen", LinliSleepScreen);

declare global {
  interface HTMLElementTagNameMap {
    "linli-sleep-screen": LinliSleepScreen;
  }
}
