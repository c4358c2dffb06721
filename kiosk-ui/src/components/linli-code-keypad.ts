import { css, html, LitElement, nothing } from "lit";
import type { MessageKey, Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

export type KeypadKey =
  | "0"
  | "1"
  | "2"
  | "3"
  | "4"
  | "5"
  | "6"
  | "7"
  | "8"
  | "9"
  | "backspace"
  | "clear"
  | "submit";

export const CODE_LENGTH = 6;
const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * A 6-digit code typed on a numeric keypad: the digits so far in six boxes,
 * the keys, and the button that sends the code once it is complete. The
 * owner keeps the value; this fires `linli-key` with a digit, "backspace",
 * "clear" or "submit". While `disabled` (a cool-down) no key can be pressed.
 */
export class LinliCodeKeypad extends LitElement {
  static override properties = {
    t: { attribute: false },
    value: { type: String },
    label: { attribute: false },
    submitLabel: { attribute: false },
    disabled: { type: Boolean, reflect: true },
    busy: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
        justify-items: center;
      }
      .label {
        font-size: var(--linli-action);
        font-weight: 600;
        text-align: center;
      }
      .boxes {
        display: grid;
        grid-template-columns: repeat(6, 1fr);
        gap: 12px;
        inline-size: min(100%, 720px);
      }
      .box {
        display: grid;
        place-items: center;
        block-size: calc(var(--linli-display) * 1.7);
        border: 3px solid var(--linli-line);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
        font-size: var(--linli-display);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .box.next {
        border-color: var(--linli-red);
      }
      [role="group"] {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 14px;
        inline-size: min(100%, 720px);
      }
      .key {
        min-block-size: calc(var(--linli-target) * 1.35);
        font-size: var(--linli-title);
        font-variant-numeric: tabular-nums;
        box-shadow: 0 2px 0 var(--linli-line);
      }
      .key.word {
        font-size: var(--linli-action);
      }
      .submit {
        inline-size: min(100%, 720px);
        min-block-size: calc(var(--linli-target) * 1.35);
      }
      button:disabled {
        cursor: not-allowed;
        opacity: 0.55;
        box-shadow: none;
      }
    `,
  ];

  declare t: Translate;
  declare value: string;
  declare label: string;
  declare submitLabel: string;
  declare disabled: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.value = "";
    this.label = "";
    this.submitLabel = "";
    this.disabled = false;
    this.busy = false;
  }

  #press(key: KeypadKey): void {
    this.dispatchEvent(new CustomEvent<KeypadKey>("linli-key", { detail: key }));
  }

  override render() {
    const { t, value, disabled } = this;
    const digits = [...value.slice(0, CODE_LENGTH)];
    const full = digits.length === CODE_LENGTH;
    const key = (digit: KeypadKey) =>
      html`<button class="btn key main" ?disabled=${disabled || full} @click=${() => this.#press(digit)}>
        ${digit}
      </button>`;
    const word = (name: KeypadKey, text: MessageKey) =>
      html`<button
        class="btn key word main"
        ?disabled=${disabled || digits.length === 0}
        @click=${() => this.#press(name)}
      >
        ${name === "backspace" ? html`<linli-icon name="backspace"></linli-icon>` : nothing}${t(text)}
      </button>`;
    return html`<p class="label">${this.label}</p>
      <div class="boxes" aria-hidden="true" data-code=${value}>
        ${Array.from(
          { length: CODE_LENGTH },
          (_, index) =>
            html`<span class=${`box ${index === digits.length && !disabled ? "next" : ""}`}>${digits[index] ?? ""}</span>`,
        )}
      </div>
      <p class="visually-hidden" role="status">${t("parcelCodeTyped", { n: digits.length })}</p>
      <div role="group" aria-label=${t("parcelKeypadLabel")}>
        ${DIGITS.map(key)} ${word("clear", "keyClear")} ${key("0")} ${word("backspace", "keyBackspace")}
      </div>
      <button
        class="btn main primary submit"
        ?disabled=${disabled || !full || this.busy}
        @click=${() => this.#press("submit")}
      >
        ${this.busy ? t("parcelOpening") : this.submitLabel}
      </button>`;
  }
}

customElements.define("linli-code-keypad", LinliCodeKeypad);

declare global {
  interface HTMLElementTagNameMap {
    "linli-code-keypad": LinliCodeKeypad;
  }
}
