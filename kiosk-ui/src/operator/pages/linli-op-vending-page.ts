import type {
  OperatorVendingSlot,
  VendingOrderListResponse,
  VendingRestockRequest,
} from "@linli/protocols/api";
import { css, html, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import {
  ORDER_STATE_TEXT,
  type OrderFilter,
  type RefundDetail,
} from "../components/linli-op-vending-orders.js";
import "../components/linli-op-vending-orders.js";
import "../components/linli-op-vending-slots.js";
import { onLiveMessage } from "../data/live.js";
import {
  fetchVendingOrders,
  fetchVendingSlots,
  refundVendingOrder,
  restockVendingSlot,
} from "../data/vending.js";
import { OperatorPage } from "../operator-context.js";
import { consoleStyles } from "../styles.js";
import { errorText } from "./page-errors.js";

const PAGE_SIZE = 20;
/** Live messages come in bursts (an order steps through several states): reload once after. */
const RELOAD_AFTER_MS = 500;

interface Editing {
  deviceId: string;
  slot: number;
}

/**
 * Vending: the orders (failures and refunds marked, a manual refund for a
 * paid order that was not vended, after a confirm step), and every unit's
 * slots with their stock, what open orders hold and jams, restocked here.
 * Orders and slots follow the live stream.
 */
export class LinliOpVendingPage extends OperatorPage {
  static override properties = {
    ...OperatorPage.properties,
    orders: { state: true },
    filter: { state: true },
    offset: { state: true },
    ordersError: { state: true },
    refunding: { state: true },
    refundNote: { state: true },
    slots: { state: true },
    slotsError: { state: true },
    editing: { state: true },
    restocking: { state: true },
    restockError: { state: true },
    restockNote: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      .note {
        font-weight: 600;
        color: var(--op-ok);
      }
    `,
  ];

  declare orders: VendingOrderListResponse | undefined;
  declare filter: OrderFilter;
  declare offset: number;
  declare ordersError: string;
  declare refunding: boolean;
  declare refundNote: string;
  declare slots: OperatorVendingSlot[] | undefined;
  declare slotsError: string;
  declare editing: Editing | undefined;
  declare restocking: boolean;
  declare restockError: string;
  declare restockNote: string;

  #unsubscribe: (() => void) | undefined;
  #reload: number | undefined;
  #ordersToken = 0;

  constructor() {
    super();
    this.filter = "all";
    this.offset = 0;
    this.ordersError = "";
    this.refunding = false;
    this.refundNote = "";
    this.slotsError = "";
    this.restocking = false;
    this.restockError = "";
    this.restockNote = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadOrders();
    void this.#loadSlots();
    this.#unsubscribe = onLiveMessage(this.op.live, (message) => {
      const vending =
        message.type === "vending.order" ||
        (message.type === "device.state" && this.#isUnit(message.deviceId));
      if (!vending) return;
      window.clearTimeout(this.#reload);
      this.#reload = window.setTimeout(() => {
        void this.#loadOrders();
        void this.#loadSlots();
      }, RELOAD_AFTER_MS);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    window.clearTimeout(this.#reload);
  }

  #isUnit(deviceId: string): boolean {
    return this.slots?.some((slot) => slot.deviceId === deviceId) ?? false;
  }

  async #loadOrders(): Promise<void> {
    const token = ++this.#ordersToken;
    try {
      const list = await fetchVendingOrders({
        state: this.filter,
        limit: PAGE_SIZE,
        offset: this.offset,
      });
      if (token !== this.#ordersToken) return;
      this.orders = list;
      this.ordersError = "";
    } catch (error) {
      if (token === this.#ordersToken) this.ordersError = errorText(this.op.t, error);
    }
  }

  async #loadSlots(): Promise<void> {
    try {
      this.slots = (await fetchVendingSlots()).items;
      this.slotsError = "";
    } catch (error) {
      this.slotsError = errorText(this.op.t, error);
    }
  }

  async #refund({ orderId, reason }: RefundDetail): Promise<void> {
    const { t, lang } = this.op;
    this.refunding = true;
    this.refundNote = "";
    this.ordersError = "";
    try {
      const order = await refundVendingOrder(orderId, reason);
      this.refundNote = t("refundRequested", {
        product: lang === "en" ? order.product.nameEn : order.product.nameZh,
        state: t(ORDER_STATE_TEXT[order.state]),
      });
    } catch (error) {
      this.ordersError = t("actionFailed", { message: errorText(t, error) });
    } finally {
      this.refunding = false;
    }
    await this.#loadOrders();
  }

  async #restock(request: VendingRestockRequest): Promise<void> {
    const { t } = this.op;
    this.restocking = true;
    this.restockError = "";
    this.restockNote = "";
    try {
      const slot = await restockVendingSlot(request);
      this.slots = this.slots?.map((old) =>
        old.deviceId === slot.deviceId && old.slot === slot.slot ? slot : old,
      );
      this.editing = undefined;
      this.restockNote = t("restocked", { slot: slot.slot, stock: slot.stock });
    } catch (error) {
      this.restockError = t("actionFailed", { message: errorText(t, error) });
    } finally {
      this.restocking = false;
    }
  }

  #setFilter(filter: OrderFilter): void {
    this.filter = filter;
    this.offset = 0;
    void this.#loadOrders();
  }

  #setOffset(offset: number): void {
    this.offset = offset;
    void this.#loadOrders();
  }

  override render() {
    const { t } = this.op;
    return html`<div class="page">
      <div class="page-head">
        <h2>${t("vendingTitle")}</h2>
        <button
          class="btn"
          @click=${() => {
            void this.#loadOrders();
            void this.#loadSlots();
          }}
        >
          ${t("refresh")}
        </button>
      </div>
      <section class="card" aria-labelledby="orders-title">
        <h3 id="orders-title">${t("ordersTitle")}</h3>
        ${this.ordersError ? html`<p class="error" role="alert">${this.ordersError}</p>` : nothing}
        <p class="note" role="status">${this.refundNote}</p>
        <linli-op-vending-orders
          .list=${this.orders}
          .filter=${this.filter}
          .t=${t}
          .lang=${this.op.lang}
          .busy=${this.refunding}
          @linli-filter=${(event: CustomEvent<OrderFilter>) => this.#setFilter(event.detail)}
          @linli-offset=${(event: CustomEvent<number>) => this.#setOffset(event.detail)}
          @linli-refund=${(event: CustomEvent<RefundDetail>) => void this.#refund(event.detail)}
        ></linli-op-vending-orders>
      </section>
      ${this.#units()}
    </div>`;
  }

  #units() {
    const { t } = this.op;
    if (this.slotsError && !this.slots) {
      return html`<p class="error" role="alert">${this.slotsError}</p>`;
    }
    if (!this.slots) return html`<p aria-busy="true">${t("loading")}</p>`;
    const units = [...new Set(this.slots.map((slot) => slot.deviceId))];
    if (units.length === 0) return html`<p class="empty">${t("noVendingUnits")}</p>`;
    return html`<p class="note" role="status">${this.restockNote}</p>
      ${units.map((deviceId) => {
        const titleId = `slots-${deviceId}`;
        const editing = this.editing?.deviceId === deviceId ? this.editing.slot : null;
        return html`<section class="card" aria-labelledby=${titleId} data-unit=${deviceId}>
          <h3 id=${titleId}>${t("slotsTitle", { device: deviceId })}</h3>
          <linli-op-vending-slots
            .deviceId=${deviceId}
            .slots=${this.slots?.filter((slot) => slot.deviceId === deviceId) ?? []}
            .editing=${editing}
            .t=${t}
            .lang=${this.op.lang}
            ?busy=${this.restocking}
            .error=${this.restockError}
            @linli-edit=${(event: CustomEvent<number | null>) => {
              this.restockError = "";
              this.editing = event.detail === null ? undefined : { deviceId, slot: event.detail };
            }}
            @linli-restock=${(event: CustomEvent<VendingRestockRequest>) =>
              void this.#restock(event.detail)}
          ></linli-op-vending-slots>
        </section>`;
      })}`;
  }
}

customElements.define("linli-op-vending-page", LinliOpVendingPage);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-vending-page": LinliOpVendingPage;
  }
}
