import { css, html, LitElement } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import type { Translate } from "../i18n/i18n.js";

import type { KeypadKey } from "../keypad.js";

export type { KeypadKey } from "../keypad.js";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * A numeric keypad for the kiosk's touchscreen, which has no keyboard: it
 * only reports keys (`linli-key`, detail the key); the owner keeps the value.
 */
export class LinliOpKeypad extends LitElement {
  static override properties = {
    t: { attribute: false },
    disabled: { type: Boolean },
    large: { type: Boolean, reflect: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .pad {
        display: grid;
        grid-template-columns: repeat(3, minmax(56px, 1fr));
        gap: 8px;
        max-inline-size: 300px;
      }
      :host([large]) .pad {
        gap: 10px;
        max-inline-size: 340px;
      }
      .btn {
        min-block-size: 52px;
        padding: 4px;
        font-size: var(--linli-action);
        font-variant-numeric: tabular-nums;
      }
      :host([large]) .btn {
        min-block-size: 60px;
        font-size: 26px;
      }
      .btn.aux {
        font-size: var(--linli-body);
      }
    `,
  ];

  declare t: Translate;
  declare disabled: boolean;
  declare large: boolean;

  constructor() {
    super();
    this.disabled = false;
    this.large = false;
  }

  #press(key: KeypadKey): void {
    this.dispatchEvent(new CustomEvent<KeypadKey>("linli-key", { detail: key, bubbles: true }));
  }

  override render() {
    const key = (value: KeypadKey, label: string, aux = false) =>
      html`<button
        type="button"
        class="btn ${aux ? "aux" : ""}"
        ?disabled=${this.disabled}
        @click=${() => this.#press(value)}
      >
        ${label}
      </button>`;
    return html`<div class="pad" role="group" aria-label=${this.t("keypadLabel")}>
      ${DIGITS.map((digit) => key(digit, digit))} ${key("clear", this.t("keyClear"), true)}
      ${key("0", "0")} ${key("back", this.t("keyBackspace"), true)}
    </div>`;
  }
}

customElements.define("linli-op-keypad", LinliOpKeypad);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-keypad": LinliOpKeypad;
  }
}
