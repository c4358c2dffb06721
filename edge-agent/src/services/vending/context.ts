/**
 * What the vending service's parts share once started, and the one way an
 * order changes state: a compare-and-set on the row, its `vending.order`
 * outbox event and whatever else belongs to the step (the stock, a refund
 * record) in one transaction; the bus hears of it after the commit.
 */
import type { VendingOrderEvent, VendingOrderState } from "@linli/protocols/api";
import type { EventBus } from "../../bus.js";
import type { JobStore } from "../../devices/jobs/job-store.js";
import type { Logger } from "../../log.js";
import type { SqliteDatabase } from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import type { ServiceOutbox } from "../parcels/types.js";
import type { PaymentProvider } from "../payment/provider.js";
import type { SlotCatalogue } from "./catalogue.js";
import type { OrderChange, OrderRow, OrderRows, RefundRow } from "./order-rows.js";
import type { VendingDevices } from "./units.js";

export const VENDING_ORDER_EVENT = "vending.order";
/** A refund the provider refused for good: a person must act (upstream hears at once). */
export const VENDING_REFUND_FAILED_EVENT = "vending.refund_failed";

export interface RefundRetry {
  /** Wait before the second try; doubles each time. */
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface VendingContext {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly bus: EventBus | undefined;
  readonly rows: OrderRows;
  readonly catalogue: SlotCatalogue;
  readonly devices: VendingDevices;
  readonly jobs: JobStore;
  readonly payment: PaymentProvider | undefined;
  readonly log: Logger;
  readonly now: () => Date;
  readonly refundRetry: RefundRetry;
  /** How long a paid order waits for its unit to come back online before it is refunded. */
  readonly offlineGraceMs: number;
}

export interface MoveOptions {
  readonly change?: OrderChange;
  /** Why, for the event and the operator: a vend failure reason, "cancelled_by_resident", … */
  readonly reason?: string;
  /** More writes that commit with the move (run only if the move happened). */
  readonly also?: (row: OrderRow) => void;
}

/** Moves an order from one of `from` to `to`; false (nothing written) if it was elsewhere. */
export function moveOrder(
  ctx: VendingContext,
  orderId: string,
  from: readonly VendingOrderState[],
  to: VendingOrderState,
  options: MoveOptions = {},
): boolean {
  const at = ctx.now().toISOString();
  let event: Omit<VendingOrderEvent, "type"> | undefined;
  ctx.db.transaction(() => {
    const change: OrderChange = {
      ...options.change,
      ...(options.reason === undefined ? {} : { failure: options.reason }),
    };
    if (!ctx.rows.move(orderId, from, to, at, change)) return;
    const row = ctx.rows.get(orderId) as OrderRow;
    options.also?.(row);
    event = {
      orderId,
      deviceId: row.device_id,
      at,
      slot: row.slot,
      amountFen: row.amount_fen,
      state: to,
      ...(options.reason === undefined ? {} : { reason: options.reason }),
    };
    ctx.outbox.add(VENDING_ORDER_EVENT, event, Priority.kept);
  })();
  if (!event) return false;
  announce(ctx, event);
  return true;
}

/** A new order's first event (state `created`), inside the caller's transaction. */
export function recordCreated(ctx: VendingContext, row: OrderRow): void {
  const event = {
    orderId: row.id,
    deviceId: row.device_id,
    at: row.created_at,
    slot: row.slot,
    amountFen: row.amount_fen,
    state: row.state,
  };
  ctx.outbox.add(VENDING_ORDER_EVENT, event, Priority.kept);
  announce(ctx, event);
}

/**
 * The refund record of an order, written with the move to `refunding`. Its id
 * is the provider's idempotency key and derives from the order, so there is
 * never a second refund for one order, whoever asks and however often.
 */
export function refundRecord(
  ctx: VendingContext,
  row: OrderRow,
  requestedBy: RefundRow["requested_by"],
  reason: string,
): RefundRow {
  const at = ctx.now().toISOString();
  return {
    id: `refund-${row.id}`,
    order_id: row.id,
    charge_id: row.charge_id ?? "",
    amount_fen: row.amount_fen,
    reason,
    requested_by: requestedBy,
    state: "pending",
    attempts: 0,
    last_error: null,
    next_attempt_at: at,
    provider_refund_id: null,
    created_at: at,
    updated_at: at,
    completed_at: null,
  };
}

/**
 * Tells the bus once the caller's transaction has committed (a microtask runs
 * after the synchronous commit); an order no longer in that state by then,
 * because an outer transaction rolled back, is not announced.
 */
function announce(ctx: VendingContext, event: Omit<VendingOrderEvent, "type">): void {
  const { bus } = ctx;
  if (!bus) return;
  queueMicrotask(() => {
    try {
      if (ctx.rows.get(event.orderId)?.state !== event.state) return;
      bus.emit("vendingOrder", event);
    } catch (error) {
      ctx.log.warn({ err: error, orderId: event.orderId }, "a vendingOrder listener failed");
    }
  });
}
