import type { OperatorVendingSlot } from "@linli/protocols/api";
import { css, html, LitElement } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { yuanText } from "../format.js";
import type { Lang, Translate } from "../i18n/i18n.js";
import { consoleStyles } from "../styles.js";
import { slotState } from "../vending-rules.js";
import "./linli-op-restock-form.js";

/**
 * One vending unit's slots: product, price, stock, what open orders hold,
 * whether it sells, jams; and the restock form under the slot being
 * restocked. It reports `linli-edit` (a slot number, or null to close) and,
 * from the form, `linli-restock`; the page sends it.
 */
export class LinliOpVendingSlots extends LitElement {
  static override properties = {
    deviceId: { attribute: false },
    slots: { attribute: false },
    editing: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    busy: { type: Boolean },
    error: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      :host {
        display: block;
      }
      tr.critical td {
        background: var(--op-critical-soft);
      }
      td.number {
        font-variant-numeric: tabular-nums;
      }
      td.form {
        background: var(--linli-bg);
      }
      h4 {
        margin: 0 0 8px;
        font-size: var(--linli-action);
      }
    `,
  ];

  declare deviceId: string;
  declare slots: OperatorVendingSlot[];
  /** The slot whose restock form is open. */
  declare editing: number | null;
  declare t: Translate;
  declare lang: Lang;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.slots = [];
    this.editing = null;
    this.busy = false;
    this.error = "";
  }

  #edit(slot: number | null): void {
    this.dispatchEvent(new CustomEvent("linli-edit", { detail: slot, bubbles: true }));
  }

  override render() {
    const { t } = this;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t("colSlot")}</th>
            <th scope="col">${t("colSlotName")}</th>
            <th scope="col">${t("colPrice")}</th>
            <th scope="col">${t("colStock")}</th>
            <th scope="col">${t("colHeld")}</th>
            <th scope="col">${t("colSlotState")}</th>
            <th scope="col">${t("colSlotAction")}</th>
          </tr>
        </thead>
        <tbody>
          ${this.slots.map((slot) => this.#row(slot))}
        </tbody>
      </table>
    </div>`;
  }

  #row(slot: OperatorVendingSlot) {
    const { t, lang } = this;
    const state = slotState(slot);
    const open = this.editing === slot.slot;
    const row = html`<tr
      class=${state.tone === "critical" ? "critical" : ""}
      data-slot=${slot.slot}
      data-stock=${slot.stock}
    >
      <td class="number">${slot.slot}</td>
      <td>${lang === "en" ? slot.nameEn : slot.nameZh}</td>
      <td class="number">${t("yuan", { amount: yuanText(slot.priceFen) })}</td>
      <td class="number">${slot.stock}</td>
      <td class="number">${slot.held}</td>
      <td><span class="badge ${state.tone}">${t(state.key)}</span></td>
      <td>
        <button
          class="btn"
          aria-expanded=${open ? "true" : "false"}
          @click=${() => this.#edit(open ? null : slot.slot)}
        >
          ${t("restockButton", { slot: slot.slot })}
        </button>
      </td>
    </tr>`;
    if (!open) return row;
    return html`${row}
      <tr>
        <td class="form" colspan="7">
          <h4>${t("restockTitle", { device: slot.deviceId, slot: slot.slot })}</h4>
          <linli-op-restock-form
            .vendingSlot=${slot}
            .t=${t}
            ?busy=${this.busy}
            .error=${this.error}
            @linli-cancel=${() => this.#edit(null)}
          ></linli-op-restock-form>
        </td>
      </tr>`;
  }
}

customElements.define("linli-op-vending-slots", LinliOpVendingSlots);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-vending-slots": LinliOpVendingSlots;
  }
}
