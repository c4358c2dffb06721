/** Rows of `vending_orders` and `vending_refunds`, and their API shapes. */
import type {
  OperatorVendingOrder,
  VendingOrder,
  VendingOrderState,
  VendingRefund,
  VendingRefundState,
} from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";
import { outcomeOf } from "./outcome.js";

export interface OrderRow {
  id: string;
  device_id: string;
  slot: number;
  name_zh: string;
  name_en: string;
  amount_fen: number;
  state: VendingOrderState;
  session_id: string | null;
  charge_id: string | null;
  charge_qr: string | null;
  /** The payment deadline: after it an unpaid order expires. */
  pay_by: string;
  vend_job_id: string | null;
  failure: string | null;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  vended_at: string | null;
}

export interface RefundRow {
  id: string;
  order_id: string;
  charge_id: string;
  amount_fen: number;
  reason: string;
  requested_by: "system" | "operator";
  state: VendingRefundState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  provider_refund_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** What a move may set besides the state; a field left out keeps its value. */
export type OrderChange = Partial<
  Pick<OrderRow, "charge_id" | "charge_qr" | "vend_job_id" | "failure" | "paid_at" | "vended_at">
>;

export function toResidentOrder(row: OrderRow): VendingOrder {
  return {
    id: row.id,
    deviceId: row.device_id,
    slot: row.slot,
    product: { nameZh: row.name_zh, nameEn: row.name_en },
    amountFen: row.amount_fen,
    state: row.state,
    payment:
      row.state === "awaiting_payment" && row.charge_id !== null && row.charge_qr !== null
        ? { chargeId: row.charge_id, qr: row.charge_qr, expiresAt: row.pay_by }
        : null,
    outcome: outcomeOf(row.state, row.amount_fen),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRefund(row: RefundRow): VendingRefund {
  return {
    id: row.id,
    state: row.state,
    amountFen: row.amount_fen,
    reason: row.reason,
    requestedBy: row.requested_by,
    attempts: row.attempts,
    lastError: row.last_error,
    providerRefundId: row.provider_refund_id,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

export function toOperatorOrder(
  row: OrderRow,
  refund: RefundRow | undefined,
): OperatorVendingOrder {
  return {
    id: row.id,
    deviceId: row.device_id,
    slot: row.slot,
    product: { nameZh: row.name_zh, nameEn: row.name_en },
    amountFen: row.amount_fen,
    state: row.state,
    chargeId: row.charge_id,
    vendJobId: row.vend_job_id,
    failure: row.failure,
    refund: refund ? toRefund(refund) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    paidAt: row.paid_at,
    vendedAt: row.vended_at,
  };
}

export class OrderRows {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  get(id: string): OrderRow | undefined {
    return this.#db.prepare("SELECT * FROM vending_orders WHERE id = ?").get(id) as
      | OrderRow
      | undefined;
  }

  byCharge(chargeId: string): OrderRow | undefined {
    return this.#db.prepare("SELECT * FROM vending_orders WHERE charge_id = ?").get(chargeId) as
      | OrderRow
      | undefined;
  }

  insert(row: OrderRow): void {
    this.#db
      .prepare(
        `INSERT INTO vending_orders (id, device_id, slot, name_zh, name_en, amount_fen, state, session_id,
           charge_id, charge_qr, pay_by, vend_job_id, failure, created_at, updated_at, paid_at, vended_at)
         VALUES (@id, @device_id, @slot, @name_zh, @name_en, @amount_fen, @state, @session_id,
           @charge_id, @charge_qr, @pay_by, @vend_job_id, @failure, @created_at, @updated_at, @paid_at, @vended_at)`,
      )
      .run(row);
  }

  /** Compare-and-set on the state: false (and nothing written) when the order was not in `from`. */
  move(
    id: string,
    from: readonly VendingOrderState[],
    to: VendingOrderState,
    at: string,
    change: OrderChange = {},
  ): boolean {
    const before = this.get(id);
    if (!before || !from.includes(before.state)) return false;
    const after: OrderRow = { ...before, ...change, state: to, updated_at: at };
    this.#db
      .prepare(
        `UPDATE vending_orders SET state = @state, updated_at = @updated_at, charge_id = @charge_id,
           charge_qr = @charge_qr, vend_job_id = @vend_job_id, failure = @failure, paid_at = @paid_at,
           vended_at = @vended_at
         WHERE id = @id AND state = @from`,
      )
      .run({ ...after, from: before.state });
    return true;
  }

  /** Orders in these states, oldest first. */
  inStates(states: readonly VendingOrderState[], limit = 1000): OrderRow[] {
    return this.#db
      .prepare(
        `SELECT * FROM vending_orders WHERE state IN (${states.map(() => "?").join(", ")})
         ORDER BY created_at, rowid LIMIT ?`,
      )
      .all(...states, limit) as OrderRow[];
  }

  /** A page of orders, newest first, and how many match in all. */
  page(filter: {
    state?: VendingOrderState | undefined;
    deviceId?: string | undefined;
    limit: number;
    offset: number;
  }): { rows: OrderRow[]; total: number } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.state !== undefined) {
      where.push("state = ?");
      params.push(filter.state);
    }
    if (filter.deviceId !== undefined) {
      where.push("device_id = ?");
      params.push(filter.deviceId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const { total } = this.#db
      .prepare(`SELECT COUNT(*) AS total FROM vending_orders ${clause}`)
      .get(...params) as { total: number };
    const rows = this.#db
      .prepare(
        `SELECT * FROM vending_orders ${clause} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit, filter.offset) as OrderRow[];
    return { rows, total };
  }

  refundOf(orderId: string): RefundRow | undefined {
    return this.#db.prepare("SELECT * FROM vending_refunds WHERE order_id = ?").get(orderId) as
      | RefundRow
      | undefined;
  }

  insertRefund(row: RefundRow): void {
    this.#db
      .prepare(
        `INSERT INTO vending_refunds (id, order_id, charge_id, amount_fen, reason, requested_by, state, attempts,
           last_error, next_attempt_at, provider_refund_id, created_at, updated_at, completed_at)
         VALUES (@id, @order_id, @charge_id, @amount_fen, @reason, @requested_by, @state, @attempts,
           @last_error, @next_attempt_at, @provider_refund_id, @created_at, @updated_at, @completed_at)`,
      )
      .run(row);
  }

  updateRefund(
    id: string,
    change: Partial<
      Pick<
        RefundRow,
        "state" | "last_error" | "next_attempt_at" | "provider_refund_id" | "completed_at"
      >
    > & { countAttempt?: boolean },
    at: string,
  ): void {
    const before = this.#db.prepare("SELECT * FROM vending_refunds WHERE id = ?").get(id) as
      | RefundRow
      | undefined;
    if (!before) return;
    const { countAttempt, ...fields } = change;
    const after: RefundRow = {
      ...before,
      ...fields,
      attempts: before.attempts + (countAttempt ? 1 : 0),
      updated_at: at,
    };
    this.#db
      .prepare(
        `UPDATE vending_refunds SET state = @state, attempts = @attempts, last_error = @last_error,
           next_attempt_at = @next_attempt_at, provider_refund_id = @provider_refund_id,
           updated_at = @updated_at, completed_at = @completed_at
         WHERE id = @id`,
      )
      .run(after);
  }
}
