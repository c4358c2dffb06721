import type {
  OperatorVendingOrder,
  VendingOrderListResponse,
  VendingOrderState,
  VendingRefund,
} from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { dateTimeText, yuanText } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import { consoleStyles } from "../styles.js";
import { orderTone, refundable } from "../vending-rules.js";

export const ORDER_STATE_TEXT: Record<VendingOrderState, MessageKey> = {
  created: "orderCreated",
  awaiting_payment: "orderAwaitingPayment",
  paid: "orderPaid",
  vending: "orderVending",
  vended: "orderVended",
  vend_failed: "orderVendFailed",
  refunding: "orderRefunding",
  refunded: "orderRefunded",
  expired: "orderExpired",
  cancelled: "orderCancelled",
  declined: "orderDeclined",
};

/** Every state, in the order an order passes through them (the record keeps it complete). */
const ORDER_STATES = Object.keys(ORDER_STATE_TEXT) as VendingOrderState[];

const REFUND_STATE_TEXT: Record<VendingRefund["state"], MessageKey> = {
  pending: "refundPending",
  succeeded: "refundSucceeded",
  failed: "refundFailed",
};

export type OrderFilter = VendingOrderState | "all";

export interface RefundDetail {
  orderId: string;
  reason?: string;
}

/**
 * The vending orders newest first, a page at a time, filtered by state, with
 * failures and refunds marked and explained, and a refund (after a confirm
 * step) for a paid order that was not vended. It reports the operator's
 * choices (`linli-filter`, `linli-offset`, `linli-refund`); the page acts.
 */
export class LinliOpVendingOrders extends LitElement {
  static override properties = {
    list: { attribute: false },
    filter: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    busy: { attribute: false },
    confirming: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
      }
      tr.critical td {
        background: var(--op-critical-soft);
      }
      tr.warning td {
        background: var(--op-warning-soft);
      }
      td.detail {
        display: grid;
        gap: 4px;
        min-inline-size: 16em;
      }
      .confirm {
        display: grid;
        gap: 10px;
        padding: 12px 14px;
        border: 2px solid var(--op-critical);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
      }
      .amount {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  declare list: VendingOrderListResponse | undefined;
  declare filter: OrderFilter;
  declare t: Translate;
  declare lang: Lang;
  declare busy: boolean;
  /** The order whose refund is being confirmed. */
  declare confirming: string | undefined;

  constructor() {
    super();
    this.filter = "all";
    this.busy = false;
  }

  #emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  #amount(fen: number): string {
    return this.t("yuan", { amount: yuanText(fen) });
  }

  override render() {
    const { t } = this;
    const list = this.list;
    return html`<div class="row">
        <label class="field"
          >${t("orderStateFilter")}
          <select
            data-filter
            @change=${(event: Event) =>
              this.#emit("linli-filter", (event.target as HTMLSelectElement).value)}
          >
            <option value="all" ?selected=${this.filter === "all"}>${t("orderStateAll")}</option>
            ${ORDER_STATES.map(
              (state) =>
                html`<option value=${state} ?selected=${this.filter === state}>
                  ${t(ORDER_STATE_TEXT[state])}
                </option>`,
            )}
          </select>
        </label>
      </div>
      ${
        !list
          ? html`<p aria-busy="true">${t("loading")}</p>`
          : list.items.length === 0
            ? html`<p class="empty">${t("noOrders")}</p>`
            : html`<p role="status">
                ${t("ordersCount", {
                  n: list.total,
                  from: list.offset + 1,
                  to: list.offset + list.items.length,
                })}
              </p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t("colOrderTime")}</th>
                      <th scope="col">${t("colProduct")}</th>
                      <th scope="col">${t("colAmount")}</th>
                      <th scope="col">${t("colOrderState")}</th>
                      <th scope="col">${t("colOrderDetail")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.items.map((order) => this.#row(order))}
                  </tbody>
                </table>
              </div>
              ${this.#pager(list)}`
      }`;
  }

  #row(order: OperatorVendingOrder) {
    const { t, lang } = this;
    const name = lang === "en" ? order.product.nameEn : order.product.nameZh;
    return html`<tr class=${orderTone(order)} data-order=${order.id} data-state=${order.state}>
      <td>${dateTimeText(order.createdAt, lang)}</td>
      <td>${name}<br /><span class="muted">${order.deviceId} · ${t("colSlot")} ${order.slot}</span></td>
      <td class="amount">${this.#amount(order.amountFen)}</td>
      <td>${t(ORDER_STATE_TEXT[order.state])}</td>
      <td class="detail">
        ${order.failure ? html`<span>${t("failureLine", { reason: order.failure })}</span>` : nothing}
        ${order.refund ? this.#refund(order.refund) : nothing}
        ${refundable(order) ? this.#refundAction(order, name) : nothing}
      </td>
    </tr>`;
  }

  #refund(refund: VendingRefund) {
    const { t } = this;
    return html`<span data-refund=${refund.state}>
        <strong>${t("refundLine", {
          amount: this.#amount(refund.amountFen),
          state: t(REFUND_STATE_TEXT[refund.state]),
        })}</strong>
      </span>
      <span class="muted">
        ${t(refund.requestedBy === "operator" ? "refundByOperator" : "refundBySystem")} ·
        ${t("refundAttempts", { n: refund.attempts })}
      </span>
      <span>${t("refundReason", { reason: refund.reason })}</span>
      ${
        refund.lastError && refund.state !== "succeeded"
          ? html`<span class="error">${t("refundLastError", { message: refund.lastError })}</span>`
          : nothing
      }
      ${
        refund.providerRefundId
          ? html`<span class="muted">${t("refundProviderId", { id: refund.providerRefundId })}</span>`
          : nothing
      }`;
  }

  #refundAction(order: OperatorVendingOrder, name: string) {
    const { t } = this;
    if (this.confirming !== order.id) {
      return html`<div class="row">
        <button class="btn" ?disabled=${this.busy} @click=${() => {
          this.confirming = order.id;
        }}>
          ${order.refund ? t("retryRefundButton") : t("refundButton")}
        </button>
      </div>`;
    }
    const titleId = `refund-${order.id}`;
    return html`<form
      class="confirm"
      role="group"
      aria-labelledby=${titleId}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const reason = String(
          new FormData(event.currentTarget as HTMLFormElement).get("reason") ?? "",
        ).trim();
        this.confirming = undefined;
        this.#emit("linli-refund", reason ? { orderId: order.id, reason } : { orderId: order.id });
      }}
    >
      <strong id=${titleId}>${t("refundConfirmTitle", { amount: this.#amount(order.amountFen) })}
        · ${name}</strong>
      <span>${t("refundConfirmHint")}</span>
      <label class="field"
        >${t("refundReasonLabel")}<input name="reason" type="text" maxlength="200"
      /></label>
      <div class="row">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${t("refundConfirm")}</button>
        <button class="btn" type="button" @click=${() => {
          this.confirming = undefined;
        }}>
          ${t("cancelAction")}
        </button>
      </div>
    </form>`;
  }

  #pager(list: VendingOrderListResponse) {
    const { t } = this;
    const pages = Math.max(1, Math.ceil(list.total / list.limit));
    const page = Math.floor(list.offset / list.limit) + 1;
    if (pages === 1) return nothing;
    return html`<nav class="row" aria-label=${t("ordersTitle")}>
      <button
        class="btn"
        ?disabled=${page <= 1}
        @click=${() => this.#emit("linli-offset", Math.max(0, list.offset - list.limit))}
      >
        ${t("prevPage")}
      </button>
      <span>${t("pageNumber", { page, pages })}</span>
      <button
        class="btn"
        ?disabled=${page >= pages}
        @click=${() => this.#emit("linli-offset", list.offset + list.limit)}
      >
        ${t("nextPage")}
      </button>
    </nav>`;
  }
}

customElements.define("linli-op-vending-orders", LinliOpVendingOrders);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-vending-orders": LinliOpVendingOrders;
  }
}
