import type { CategoryEntry } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { localName } from "../i18n/i18n.js";
import type { KioskContext } from "../kiosk-context.js";
import "./linli-icon.js";
import "./linli-outlet-checklist.js";
import type { CheckableOutlet } from "./linli-outlet-checklist.js";
import { sharedStyles } from "./shared-styles.js";

/** 长辈模式 shows fewer categories at a time; the rest are one tap away. */
const CATEGORIES_SHOWN_ELDERLY = 8;

/**
 * What a service guide lists and how it prints: a category (only those with
 * outlets within their walk), its outlets to tick or untick, and normal or
 * large print. It only reports taps — `linli-category` (a code),
 * `linli-toggle` (an outlet id), `linli-size` (true for large print) — and
 * the print panel keeps the choice.
 */
export class LinliGuideChooser extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    category: { type: String },
    outlets: { attribute: false },
    chosen: { attribute: false },
    largePrint: { type: Boolean },
    allCategories: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
      }
      section {
        display: grid;
        gap: 14px;
        padding: 24px 28px;
      }
      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 20px;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        --linli-icon-size: 1.2em;
      }
      .large {
        font-size: var(--linli-action);
      }
    `,
  ];

  declare kiosk: KioskContext;
  /** The chosen category's code, or "" when outlets came from an outlet's page. */
  declare category: string;
  declare outlets: readonly CheckableOutlet[];
  declare chosen: ReadonlySet<string>;
  declare largePrint: boolean;
  declare allCategories: boolean;

  constructor() {
    super();
    this.category = "";
    this.outlets = [];
    this.chosen = new Set();
    this.largePrint = false;
    this.allCategories = false;
  }

  #tell<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail }));
  }

  #printable(): CategoryEntry[] {
    return this.kiosk.catalog.categories.filter((category) => category.withinRadius > 0);
  }

  #categories() {
    const { t, lang, elderly } = this.kiosk;
    const all = this.#printable();
    const limit = elderly && !this.allCategories ? CATEGORIES_SHOWN_ELDERLY : all.length;
    const shown = all.filter((category, index) => index < limit || category.code === this.category);
    return html`<section class="card" aria-labelledby="categories">
      <h3 id="categories">${t("printChooseCategory")}</h3>
      <p class="muted">${t("printChooseCategoryHint")}</p>
      <div class="choices" role="group" aria-labelledby="categories">
        ${shown.map(
          (category) => html`<button
            class="chip"
            data-category=${category.code}
            aria-pressed=${category.code === this.category ? "true" : "false"}
            @click=${() => this.#tell("linli-category", category.code)}
          >
            <linli-icon name=${category.icon}></linli-icon>${localName(category, lang)}
          </button>`,
        )}
        ${
          shown.length < all.length
            ? html`<button
              class="chip"
              @click=${() => {
                this.allCategories = true;
              }}
            >
              ${t("printMoreCategories")}
            </button>`
            : nothing
        }
      </div>
    </section>`;
  }

  #outlets() {
    const { t } = this.kiosk;
    if (this.outlets.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="outlets">
      <div class="section-head">
        <h3 id="outlets">${t("printChooseOutlets")}</h3>
        <p class="muted" role="status">${t("printChosenCount", { n: this.chosen.size })}</p>
      </div>
      <p class="muted">${t("printChooseOutletsHint")}</p>
      <linli-outlet-checklist
        .kiosk=${this.kiosk}
        .outlets=${this.outlets}
        .chosen=${this.chosen}
        .label=${t("printChooseOutlets")}
        @linli-toggle=${(event: CustomEvent<string>) => this.#tell("linli-toggle", event.detail)}
      ></linli-outlet-checklist>
    </section>`;
  }

  #size() {
    const { t } = this.kiosk;
    const pressed = (large: boolean) => (this.largePrint === large ? "true" : "false");
    return html`<section class="card" aria-labelledby="size">
      <h3 id="size">${t("printSize")}</h3>
      <div class="choices" role="group" aria-labelledby="size">
        <button class="btn" aria-pressed=${pressed(false)} @click=${() => this.#tell("linli-size", false)}>
          ${t("printSizeNormal")}
        </button>
        <button class="btn large" aria-pressed=${pressed(true)} @click=${() => this.#tell("linli-size", true)}>
          ${t("printSizeLarge")}
        </button>
      </div>
    </section>`;
  }

  override render() {
    return html`${this.#categories()} ${this.#outlets()} ${this.#size()}`;
  }
}

customElements.define("linli-guide-chooser", LinliGuideChooser);

declare global {
  interface HTMLElementTagNameMap {
    "linli-guide-chooser": LinliGuideChooser;
  }
}
