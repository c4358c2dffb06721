/**
 * A payment provider that behaves like a real one, for demo mode and tests:
 * a charge is paid only when the resident "pays" (`pay`, in demo mode a
 * demo-only route), can be declined, expires at its deadline, cannot be paid
 * once closed, and refunds can fail for a while (`failNextRefunds`, or the
 * whole provider `offline`) and go through on a later try.
 *
 * Its ledger stands in for the provider's servers, so it is kept in SQLite
 * (tables `payment_sim_*`) rather than in memory: a kiosk that crashes and
 * restarts finds its charges where a real provider would still have them.
 */
import { randomUUID } from "node:crypto";
import type { SqliteDatabase } from "../../store/index.js";
import {
  type Charge,
  type ChargeListener,
  type ChargeRequest,
  type ChargeState,
  PaymentError,
  type PaymentProvider,
  type RefundReceipt,
  type RefundRequest,
} from "./provider.js";

export interface SimulatedPaymentOptions {
  readonly db: SqliteDatabase;
  readonly now?: () => Date;
}

interface ChargeRow {
  charge_id: string;
  order_id: string;
  amount_fen: number;
  description: string;
  state: ChargeState;
  qr_text: string;
  expires_at: string;
  created_at: string;
  paid_at: string | null;
}

interface RefundRow {
  refund_id: string;
  provider_refund_id: string;
  charge_id: string;
  amount_fen: number;
  reason: string;
  refunded_at: string;
}

/** What a simulated QR code carries; a phone would open the provider's cashier with it. */
export const SIMULATED_QR_PREFIX = "linli-sim-pay:";

const toCharge = (row: ChargeRow): Charge => ({
  chargeId: row.charge_id,
  orderId: row.order_id,
  amountFen: row.amount_fen,
  state: row.state,
  qrText: row.qr_text,
  expiresAt: row.expires_at,
  paidAt: row.paid_at,
});

const toReceipt = (row: RefundRow): RefundReceipt => ({
  refundId: row.refund_id,
  providerRefundId: row.provider_refund_id,
  chargeId: row.charge_id,
  amountFen: row.amount_fen,
  refundedAt: row.refunded_at,
});

function refused(code: `LINLI_ERR_PAYMENT_${string}`, message: string): PaymentError {
  return new PaymentError(code, message, { retryable: false });
}

export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = "simulated";
  readonly #db: SqliteDatabase;
  readonly #now: () => Date;
  readonly #listeners = new Set<ChargeListener>();
  #failRefunds = 0;
  #refundsRefused = false;
  #offline = false;

  constructor(options: SimulatedPaymentOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
  }

  /** While true every call fails as a network error would (retryable). */
  set offline(offline: boolean) {
    this.#offline = offline;
  }

  get offline(): boolean {
    return this.#offline;
  }

  /**
   * The next `count` refund calls fail: as "busy, try again" (retryable), or
   * `permanent`ly as a provider refuses a refund the merchant account cannot
   * cover (a person must top it up and ask again).
   */
  failNextRefunds(count: number, options: { permanent?: boolean } = {}): void {
    this.#failRefunds = Math.max(0, Math.floor(count));
    this.#refundsRefused = options.permanent === true;
  }

  async createCharge(request: ChargeRequest): Promise<Charge> {
    this.#reachable();
    const existing = this.#byOrder(request.orderId);
    if (existing) {
      if (existing.amount_fen !== request.amountFen) {
        throw refused(
          "LINLI_ERR_PAYMENT_ORDER_REUSED",
          `order ${request.orderId} was charged ${existing.amount_fen} fen before, not ${request.amountFen}`,
        );
      }
      return toCharge(this.#expireIfDue(existing));
    }
    const chargeId = `sim-${randomUUID()}`;
    const row: ChargeRow = {
      charge_id: chargeId,
      order_id: request.orderId,
      amount_fen: request.amountFen,
      description: request.description,
      state: "pending",
      qr_text: `${SIMULATED_QR_PREFIX}${chargeId}`,
      expires_at: request.expiresAt.toISOString(),
      created_at: this.#now().toISOString(),
      paid_at: null,
    };
    this.#db
      .prepare(
        `INSERT INTO payment_sim_charges (charge_id, order_id, amount_fen, description, state, qr_text, expires_at, created_at, paid_at)
         VALUES (@charge_id, @order_id, @amount_fen, @description, @state, @qr_text, @expires_at, @created_at, @paid_at)`,
      )
      .run(row);
    return toCharge(row);
  }

  async getCharge(chargeId: string): Promise<Charge> {
    this.#reachable();
    return toCharge(this.#expireIfDue(this.#require(chargeId)));
  }

  async cancelCharge(chargeId: string): Promise<Charge> {
    this.#reachable();
    const row = this.#expireIfDue(this.#require(chargeId));
    if (row.state === "pending") this.#move(chargeId, "pending", "cancelled");
    return toCharge(this.#require(chargeId));
  }

  async refund(request: RefundRequest): Promise<RefundReceipt> {
    this.#reachable();
    const done = this.#db
      .prepare("SELECT * FROM payment_sim_refunds WHERE refund_id = ?")
      .get(request.refundId) as RefundRow | undefined;
    if (done) return toReceipt(done);
    if (this.#failRefunds > 0) {
      this.#failRefunds -= 1;
      if (this.#refundsRefused) {
        throw refused(
          "LINLI_ERR_PAYMENT_REFUND_REFUSED",
          "the merchant account's balance cannot cover this refund; top it up, then refund again",
        );
      }
      throw new PaymentError(
        "LINLI_ERR_PAYMENT_BUSY",
        "the payment provider is busy and took no refund; try again shortly",
        { retryable: true },
      );
    }
    const charge = this.#require(request.chargeId);
    if (charge.state !== "paid") {
      throw refused("LINLI_ERR_PAYMENT_NOT_PAID", `charge ${charge.charge_id} was never paid`);
    }
    const refunded = this.#db
      .prepare(
        "SELECT COALESCE(SUM(amount_fen), 0) AS fen FROM payment_sim_refunds WHERE charge_id = ?",
      )
      .get(charge.charge_id) as { fen: number };
    if (refunded.fen + request.amountFen > charge.amount_fen) {
      throw refused(
        "LINLI_ERR_PAYMENT_REFUND_TOO_LARGE",
        `charge ${charge.charge_id} has ${charge.amount_fen - refunded.fen} fen left to refund, not ${request.amountFen}`,
      );
    }
    const row: RefundRow = {
      refund_id: request.refundId,
      provider_refund_id: `sim-refund-${randomUUID()}`,
      charge_id: charge.charge_id,
      amount_fen: request.amountFen,
      reason: request.reason,
      refunded_at: this.#now().toISOString(),
    };
    this.#db
      .prepare(
        `INSERT INTO payment_sim_refunds (refund_id, provider_refund_id, charge_id, amount_fen, reason, refunded_at)
         VALUES (@refund_id, @provider_refund_id, @charge_id, @amount_fen, @reason, @refunded_at)`,
      )
      .run(row);
    return toReceipt(row);
  }

  onChargeUpdate(listener: ChargeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // --- the resident's side (demo mode and tests) ---------------------------

  /** The resident pays on the phone: only a pending, unexpired charge can be paid. */
  pay(chargeId: string): Charge {
    return this.#settle(chargeId, "paid");
  }

  /** The resident's bank says no: the provider closes the charge as declined. */
  decline(chargeId: string): Charge {
    return this.#settle(chargeId, "declined");
  }

  /** Every charge, newest first, with what was refunded of it. */
  ledger(limit = 50): (Charge & { refundedFen: number })[] {
    const rows = this.#db
      .prepare(
        `SELECT c.*, COALESCE((SELECT SUM(amount_fen) FROM payment_sim_refunds r WHERE r.charge_id = c.charge_id), 0) AS refunded_fen
         FROM payment_sim_charges c ORDER BY c.created_at DESC, c.rowid DESC LIMIT ?`,
      )
      .all(limit) as (ChargeRow & { refunded_fen: number })[];
    return rows.map((row) => ({ ...toCharge(row), refundedFen: row.refunded_fen }));
  }

  refunds(chargeId: string): RefundReceipt[] {
    const rows = this.#db
      .prepare("SELECT * FROM payment_sim_refunds WHERE charge_id = ? ORDER BY rowid")
      .all(chargeId) as RefundRow[];
    return rows.map(toReceipt);
  }

  #settle(chargeId: string, to: "paid" | "declined"): Charge {
    const row = this.#expireIfDue(this.#require(chargeId));
    if (row.state !== "pending") {
      throw refused(
        "LINLI_ERR_PAYMENT_CHARGE_CLOSED",
        `charge ${chargeId} is ${row.state}; only a pending charge can be paid or declined`,
      );
    }
    this.#move(chargeId, "pending", to, to === "paid" ? this.#now().toISOString() : null);
    const charge = toCharge(this.#require(chargeId));
    // A notification arrives a moment after the payment, as a provider's callback would.
    setImmediate(() => {
      for (const listener of this.#listeners) listener(charge);
    });
    return charge;
  }

  #reachable(): void {
    if (this.#offline) {
      throw new PaymentError(
        "LINLI_ERR_PAYMENT_UNREACHABLE",
        "the payment provider cannot be reached; check the kiosk's network",
        { retryable: true },
      );
    }
  }

  #byOrder(orderId: string): ChargeRow | undefined {
    return this.#db.prepare("SELECT * FROM payment_sim_charges WHERE order_id = ?").get(orderId) as
      | ChargeRow
      | undefined;
  }

  #require(chargeId: string): ChargeRow {
    const row = this.#db
      .prepare("SELECT * FROM payment_sim_charges WHERE charge_id = ?")
      .get(chargeId) as ChargeRow | undefined;
    if (!row) {
      throw new PaymentError("LINLI_ERR_PAYMENT_NO_SUCH_CHARGE", `no charge ${chargeId}`, {
        retryable: false,
        status: 404,
      });
    }
    return row;
  }

  #expireIfDue(row: ChargeRow): ChargeRow {
    if (row.state !== "pending" || row.expires_at > this.#now().toISOString()) return row;
    this.#move(row.charge_id, "pending", "expired");
    return { ...row, state: "expired" };
  }

  #move(chargeId: string, from: ChargeState, to: ChargeState, paidAt: string | null = null): void {
    this.#db
      .prepare(
        "UPDATE payment_sim_charges SET state = ?, paid_at = COALESCE(?, paid_at) WHERE charge_id = ? AND state = ?",
      )
      .run(to, paidAt, chargeId, from);
  }
}
