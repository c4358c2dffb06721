import { css, html, LitElement } from "lit";
import { localName } from "../i18n/i18n.js";
import type { KioskContext } from "../kiosk-context.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * A row of category chips to narrow results, "全部" first. Categories with no
 * outlets in the circle are left out. Fires `linli-change` with the code, or
 * "" for all.
 */
export class LinliCategoryChips extends LitElement {
  static override properties = { kiosk: { attribute: false }, value: { type: String } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-inline-size: 0;
      }
      div {
        display: flex;
        gap: 10px;
        overflow-x: auto;
        padding-block: 4px;
        scrollbar-width: none;
        mask-image: linear-gradient(to right, #000 92%, transparent);
      }
      .chip {
        flex: none;
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare value: string;

  constructor() {
    super();
    this.value = "";
  }

  override updated(): void {
    // Keep the chosen chip in view when the row is longer than the screen.
    this.renderRoot
      .querySelector<HTMLElement>('[aria-pressed="true"]')
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  #choose(code: string): void {
    this.dispatchEvent(new CustomEvent<string>("linli-change", { detail: code }));
  }

  override render() {
    const { t, lang, catalog } = this.kiosk;
    const chip = (code: string, label: string) =>
      html`<button
        class="chip"
        data-category=${code}
        aria-pressed=${this.value === code ? "true" : "false"}
        @click=${() => this.#choose(code)}
      >
        ${label}
      </button>`;
    return html`<div role="group" aria-label=${t("categoryFilterLabel")}>
      ${chip("", t("allCategories"))}
      ${catalog.categories
        .filter((category) => category.count > 0)
        .map((category) => chip(category.code, localName(category, lang)))}
    </div>`;
  }
}

customElements.define("linli-category-chips", LinliCategoryChips);

declare global {
  interface HTMLElementTagNameMap {
    "linli-category-chips": LinliCategoryChips;
  }
}
