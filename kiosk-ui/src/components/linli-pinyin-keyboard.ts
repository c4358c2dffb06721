import { css, html, LitElement } from "lit";
import type { Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

export type KeyboardKey = string | "backspace" | "clear" | "done";

const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"] as const;

/**
 * An on-screen keyboard for pinyin: residents type full pinyin (bianlidian)
 * or initials (bld) and the agent matches both, so latin letters are all it
 * needs. Fires `linli-key` with a letter, "backspace", "clear" or "done".
 */
export class LinliPinyinKeyboard extends LitElement {
  static override properties = { t: { attribute: false } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        padding: 16px var(--linli-page) 24px;
        background: #ece6dc;
        border-block-start: 2px solid var(--linli-line);
      }
      [role="group"] {
        display: grid;
        gap: 10px;
        max-inline-size: 1200px;
        margin-inline: auto;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(10, 1fr);
        gap: 10px;
      }
      .row.second {
        padding-inline: 5%;
        grid-template-columns: repeat(9, 1fr);
      }
      .row.third {
        grid-template-columns: repeat(7, 1fr) 2fr;
        padding-inline-start: 10%;
      }
      .row.actions {
        grid-template-columns: 1fr 1fr;
      }
      .hint {
        font-size: var(--linli-small);
        color: var(--linli-muted);
      }
      .key {
        min-block-size: calc(var(--linli-target) * 1.15);
        padding: 0;
        font-size: var(--linli-action);
        font-weight: 600;
        box-shadow: 0 2px 0 var(--linli-line);
      }
    `,
  ];

  declare t: Translate;

  #press(key: KeyboardKey): void {
    this.dispatchEvent(new CustomEvent<KeyboardKey>("linli-key", { detail: key }));
  }

  override render() {
    const { t } = this;
    const letter = (character: string) =>
      html`<button class="btn key main" @click=${() => this.#press(character)}>${character}</button>`;
    const [first = "", second = "", third = ""] = ROWS;
    return html`<div role="group" aria-label=${t("keyboardLabel")}>
      <p class="hint">${t("searchHint")}</p>
      <div class="row">${[...first].map(letter)}</div>
      <div class="row second">${[...second].map(letter)}</div>
      <div class="row third">
        ${[...third].map(letter)}
        <button class="btn key main" aria-label=${t("keyBackspace")} @click=${() => this.#press("backspace")}>
          <linli-icon name="backspace"></linli-icon>
        </button>
      </div>
      <div class="row actions">
        <button class="btn key main" @click=${() => this.#press("clear")}>${t("keyClear")}</button>
        <button class="btn key main primary" @click=${() => this.#press("done")}>
          <linli-icon name="keyboard"></linli-icon>${t("keyDone")}
        </button>
      </div>
    </div>`;
  }
}

customElements.define("linli-pinyin-keyboard", LinliPinyinKeyboard);

declare global {
  interface HTMLElementTagNameMap {
    "linli-pinyin-keyboard": LinliPinyinKeyboard;
  }
}
