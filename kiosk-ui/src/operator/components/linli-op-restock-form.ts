import type { OperatorVendingSlot } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { yuanText } from "../format.js";
import type { MessageKey, Translate } from "../i18n/i18n.js";
import { consoleStyles } from "../styles.js";
import { MAX_STOCK, restockRequest } from "../vending-rules.js";

/**
 * Restocking one slot: how many items it holds now, and its price, product
 * names and whether it sells, filled in from the slot as it is. It only
 * reports the request (`linli-restock`); the page sends it.
 */
export class LinliOpRestockForm extends LitElement {
  static override properties = {
    vendingSlot: { attribute: false },
    t: { attribute: false },
    busy: { type: Boolean },
    error: { attribute: false },
    problem: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      form {
        display: grid;
        gap: 12px;
      }
      .fields {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
        gap: 12px;
      }
      .fields input {
        inline-size: 100%;
        box-sizing: border-box;
      }
      input[type="number"] {
        font: inherit;
        min-block-size: var(--linli-target);
        padding: 6px 12px;
        border: 2px solid var(--linli-line);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
        color: var(--linli-ink);
      }
      label.check {
        display: inline-flex;
        align-items: center;
        gap: 12px;
        min-block-size: var(--linli-target);
        font-weight: 600;
        cursor: pointer;
      }
      label.check input {
        inline-size: 44px;
        block-size: 44px;
        margin: 0;
      }
    `,
  ];

  /** The slot as it is now (not `slot`: HTMLElement has one). */
  declare vendingSlot: OperatorVendingSlot;
  declare t: Translate;
  declare busy: boolean;
  declare error: string;
  declare problem: MessageKey | undefined;

  constructor() {
    super();
    this.busy = false;
    this.error = "";
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const request = restockRequest(this.vendingSlot, {
      stock: String(data.get("stock") ?? ""),
      price: String(data.get("price") ?? ""),
      nameZh: String(data.get("nameZh") ?? ""),
      nameEn: String(data.get("nameEn") ?? ""),
      enabled: data.get("enabled") === "on",
    });
    if ("problem" in request) {
      this.problem = request.problem;
      return;
    }
    this.problem = undefined;
    this.dispatchEvent(
      new CustomEvent("linli-restock", { detail: request, bubbles: true, composed: true }),
    );
  }

  override render() {
    const { t, vendingSlot: slot } = this;
    const message = this.problem ? t(this.problem) : this.error;
    return html`<form @submit=${(event: SubmitEvent) => this.#submit(event)} novalidate>
      <div class="fields">
        <label class="field"
          >${t("fieldStock")}
          <input
            name="stock"
            type="number"
            inputmode="numeric"
            min="0"
            max=${MAX_STOCK}
            step="1"
            required
            .value=${String(slot.stock)}
        /></label>
        <label class="field"
          >${t("fieldPrice")}
          <input name="price" type="text" inputmode="decimal" required .value=${yuanText(slot.priceFen)}
        /></label>
        <label class="field"
          >${t("fieldNameZh")}
          <input name="nameZh" type="text" lang="zh-CN" maxlength="40" required .value=${slot.nameZh}
        /></label>
        <label class="field"
          >${t("fieldNameEn")}
          <input name="nameEn" type="text" lang="en" maxlength="60" required .value=${slot.nameEn}
        /></label>
      </div>
      <label class="check"
        ><input name="enabled" type="checkbox" .checked=${slot.enabled} />${t("fieldEnabled")}</label
      >
      ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
      <div class="row">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${t("saveRestock")}</button>
        <button
          class="btn"
          type="button"
          @click=${() => this.dispatchEvent(new CustomEvent("linli-cancel", { bubbles: true }))}
        >
          ${t("cancelAction")}
        </button>
      </div>
    </form>`;
  }
}

customElements.define("linli-op-restock-form", LinliOpRestockForm);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-restock-form": LinliOpRestockForm;
  }
}
