/**
 * An order's way through its states, one step at a time, each step decided
 * from what is on disk (never from memory), so the same code runs an order
 * just placed and one found half-way after a crash:
 *
 *   created ─▶ awaiting_payment ─▶ paid ─▶ vending ─▶ vended
 *      │              │                       │
 *      ▼              ▼                       ▼
 *  cancelled   expired | cancelled     vend_failed ─▶ refunding ─▶ refunded
 *              | declined
 *
 * - created: the charge was being made when the agent stopped; it is made
 *   again (idempotent by order id) and closed: the resident never saw its QR.
 * - awaiting_payment: the provider is asked; past the deadline the charge is
 *   closed, and what the provider says after closing decides.
 * - paid: the vend is issued as a durable job keyed by the order; re-issuing
 *   returns the same job and never vends twice. A unit offline for a moment
 *   is waited for (offlineGraceMs); one that stays away means a refund.
 * - vending: the job decides: done → vended (and one fewer in stock);
 *   failed, or uncertain (the agent stopped mid-vend and the outcome cannot
 *   be confirmed) → vend_failed. The resident gets the benefit of the doubt.
 * - vend_failed: a refund record is written (one per order) → refunding.
 * - refunding: the refund is sent with its idempotency key, retried with
 *   back-off while the provider fails transiently; a refusal for good marks
 *   the record failed for an operator.
 */
import { LinliError } from "@linli/protocols";
import type { Job } from "../../devices/jobs/job-store.js";
import { type VendJob, type VendResult, vendJobId } from "../../devices/vending/vend-jobs.js";
import { reportStoreFailure } from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import { type Charge, isRetryable, type PaymentProvider } from "../payment/provider.js";
import {
  moveOrder,
  refundRecord,
  VENDING_REFUND_FAILED_EVENT,
  type VendingContext,
} from "./context.js";
import type { OrderRow, RefundRow } from "./order-rows.js";
import { isOnline, vendingUnit } from "./units.js";

const CLOSED_UNPAID = ["cancelled", "expired", "declined"] as const;
const MAX_STEPS = 12;

function isFinishedJob(job: Job | undefined): job is VendJob {
  return job?.state === "done" || job?.state === "failed" || job?.state === "uncertain";
}

export function paymentUnavailable(cause?: unknown): LinliError {
  return new LinliError(
    "LINLI_ERR_VENDING_PAYMENT_UNAVAILABLE",
    "暂时无法付款，请稍后再试或联系工作人员",
    { status: 503, cause },
  );
}

export class OrderFlow {
  readonly #ctx: VendingContext;
  #halted = false;

  constructor(ctx: VendingContext) {
    this.#ctx = ctx;
  }

  /**
   * Takes no further step (the service is stopping): a step waiting on the
   * unit or the provider ends without moving the order, which the next start
   * finds on disk and carries on, as after a crash.
   */
  halt(): void {
    this.#halted = true;
  }

  /** Takes the order as far as it can go now; returns when it waits on someone else. */
  async run(orderId: string): Promise<void> {
    for (let step = 0; step < MAX_STEPS && !this.#halted; step += 1) {
      const row = this.#ctx.rows.get(orderId);
      if (!row) return;
      try {
        if (!(await this.#step(row))) return;
      } catch (error) {
        // The order stays where it is on disk; the next pass (or the next start) takes it on.
        // A full store is logged once by its health, not at every pass.
        if (!reportStoreFailure(this.#ctx.db, error)) {
          this.#ctx.log.warn(
            { err: error, orderId, state: row.state },
            "vending order step failed",
          );
        }
        return;
      }
    }
  }

  /** Moves the order by what the provider says of its charge; true if it moved. */
  applyCharge(row: OrderRow, charge: Charge): boolean {
    const ctx = this.#ctx;
    const chargeFields = { charge_id: charge.chargeId, charge_qr: charge.qrText };
    if (charge.state === "paid") {
      const paidAt = charge.paidAt ?? ctx.now().toISOString();
      if ((CLOSED_UNPAID as readonly string[]).includes(row.state)) {
        // Money arrived for an order already closed: it is refunded, never kept.
        return moveOrder(ctx, row.id, CLOSED_UNPAID, "refunding", {
          change: { ...chargeFields, paid_at: paidAt },
          reason: "paid_after_close",
          also: (after) =>
            ctx.rows.insertRefund(
              refundRecord(ctx, after, "system", "paid after the order closed"),
            ),
        });
      }
      return moveOrder(ctx, row.id, ["created", "awaiting_payment"], "paid", {
        change: { ...chargeFields, paid_at: paidAt },
      });
    }
    if (charge.state === "pending") return false;
    return moveOrder(ctx, row.id, ["created", "awaiting_payment"], charge.state, {
      change: chargeFields,
      reason: charge.state === "cancelled" ? "charge_closed" : `payment_${charge.state}`,
    });
  }

  async #step(row: OrderRow): Promise<boolean> {
    switch (row.state) {
      case "created":
        return this.#closeInterrupted(row);
      case "awaiting_payment":
        return this.#checkPayment(row);
      case "paid":
        return this.#vend(row);
      case "vending":
        return this.#settleVend(row);
      case "vend_failed":
        return this.#openRefund(row);
      case "refunding":
        return this.#refund(row);
      default:
        return false;
    }
  }

  #provider(): PaymentProvider {
    if (!this.#ctx.payment) throw paymentUnavailable();
    return this.#ctx.payment;
  }

  /** An order whose charge was being made when the agent stopped: the QR was never shown. */
  async #closeInterrupted(row: OrderRow): Promise<boolean> {
    const payment = this.#provider();
    const charge = await payment.createCharge({
      orderId: row.id,
      amountFen: row.amount_fen,
      description: row.name_zh,
      expiresAt: new Date(row.pay_by),
    });
    const closed = await payment.cancelCharge(charge.chargeId);
    if (closed.state === "pending") return false;
    return closed.state === "paid"
      ? this.applyCharge(row, closed)
      : moveOrder(this.#ctx, row.id, ["created"], "cancelled", {
          change: { charge_id: closed.chargeId },
          reason: "interrupted",
        });
  }

  async #checkPayment(row: OrderRow): Promise<boolean> {
    const payment = this.#provider();
    const chargeId = row.charge_id ?? "";
    let charge = await payment.getCharge(chargeId);
    if (charge.state === "pending" && this.#ctx.now().toISOString() >= row.pay_by) {
      // Closed first, then believed: a payment that slipped in before the close still counts.
      charge = await payment.cancelCharge(chargeId);
      if (charge.state === "cancelled") charge = { ...charge, state: "expired" };
    }
    return this.applyCharge(row, charge);
  }

  /** paid → vending: the vend job is created in the same transaction as the move. */
  async #vend(row: OrderRow): Promise<boolean> {
    const ctx = this.#ctx;
    const unit = vendingUnit(ctx.devices, row.device_id);
    if (!unit) return this.#vendFailed(row, ["paid"], "unit_missing");
    if (!isOnline(unit)) {
      // A glitch (a cable knocked, the VMC rebooting) must not cost the resident the sale.
      const waited = ctx.now().getTime() - Date.parse(row.paid_at ?? row.updated_at);
      return waited >= ctx.offlineGraceMs ? this.#vendFailed(row, ["paid"], "offline") : false;
    }
    let vending: Promise<VendJob> | undefined;
    moveOrder(ctx, row.id, ["paid"], "vending", {
      change: { vend_job_id: vendJobId(row.id) },
      also: () => {
        vending = unit.vend(row.slot, { orderId: row.id });
      },
    });
    if (!vending) return true;
    await vending.catch((error: unknown) => {
      ctx.log.warn({ err: error, orderId: row.id }, "the vend was refused before it started");
    });
    return true;
  }

  async #settleVend(row: OrderRow): Promise<boolean> {
    const ctx = this.#ctx;
    const jobId = vendJobId(row.id);
    let job: Job | undefined = ctx.jobs.get(jobId);
    const unit = vendingUnit(ctx.devices, row.device_id);
    if (!isFinishedJob(job) && unit) {
      // The same order again: the job in flight, the finished one, or (never sent) a new one.
      job = await unit.vend(row.slot, { orderId: row.id }).catch(() => ctx.jobs.get(jobId));
    }
    if (!job) return this.#vendFailed(row, ["vending"], unit ? "refused" : "unit_missing");
    if (!isFinishedJob(job)) {
      // Still marked running with nobody running it: the unit is gone from the config.
      return unit ? false : this.#vendFailed(row, ["vending"], "unit_missing");
    }
    if (job.state === "done") {
      return moveOrder(ctx, row.id, ["vending"], "vended", {
        change: { vended_at: ctx.now().toISOString() },
        also: (after) => ctx.catalogue.dispensed(after.device_id, after.slot),
      });
    }
    const reason = (job.result as VendResult | null)?.reason ?? job.error ?? "dispense_error";
    return this.#vendFailed(
      row,
      ["vending"],
      job.state === "uncertain" ? `uncertain:${reason}` : reason,
    );
  }

  #vendFailed(row: OrderRow, from: readonly ("paid" | "vending")[], reason: string): boolean {
    return moveOrder(this.#ctx, row.id, from, "vend_failed", { reason });
  }

  #openRefund(row: OrderRow): Promise<boolean> {
    const ctx = this.#ctx;
    const moved = moveOrder(ctx, row.id, ["vend_failed"], "refunding", {
      ...(row.failure === null ? {} : { reason: row.failure }),
      also: (after) => {
        if (!ctx.rows.refundOf(after.id)) {
          ctx.rows.insertRefund(refundRecord(ctx, after, "system", `vend failed: ${row.failure}`));
        }
      },
    });
    return Promise.resolve(moved);
  }

  async #refund(row: OrderRow): Promise<boolean> {
    const ctx = this.#ctx;
    const refund = ctx.rows.refundOf(row.id);
    const at = ctx.now();
    if (!refund || refund.state === "failed" || refund.next_attempt_at > at.toISOString()) {
      return false;
    }
    if (refund.state === "succeeded") return this.#refunded(row, refund, refund.provider_refund_id);
    try {
      const receipt = await this.#provider().refund({
        refundId: refund.id,
        chargeId: refund.charge_id,
        amountFen: refund.amount_fen,
        reason: refund.reason,
      });
      return this.#refunded(row, refund, receipt.providerRefundId);
    } catch (error) {
      this.#refundFailed(refund, error);
      return false;
    }
  }

  #refunded(row: OrderRow, refund: RefundRow, providerRefundId: string | null): boolean {
    const ctx = this.#ctx;
    const at = ctx.now().toISOString();
    return moveOrder(ctx, row.id, ["refunding"], "refunded", {
      ...(row.failure === null ? {} : { reason: row.failure }),
      also: () =>
        ctx.rows.updateRefund(
          refund.id,
          {
            state: "succeeded",
            provider_refund_id: providerRefundId,
            completed_at: at,
            last_error: null,
            countAttempt: true,
          },
          at,
        ),
    });
  }

  #refundFailed(refund: RefundRow, error: unknown): void {
    const ctx = this.#ctx;
    const at = ctx.now();
    const message = error instanceof Error ? error.message : String(error);
    const { initialMs, maxMs } = ctx.refundRetry;
    if (isRetryable(error)) {
      const waitMs = Math.min(maxMs, initialMs * 2 ** refund.attempts);
      ctx.rows.updateRefund(
        refund.id,
        {
          last_error: message,
          next_attempt_at: new Date(at.getTime() + waitMs).toISOString(),
          countAttempt: true,
        },
        at.toISOString(),
      );
      ctx.log.warn({ orderId: refund.order_id, waitMs, err: error }, "refund failed; retrying");
      return;
    }
    ctx.db.transaction(() => {
      ctx.rows.updateRefund(
        refund.id,
        { state: "failed", last_error: message, countAttempt: true },
        at.toISOString(),
      );
      ctx.outbox.add(
        VENDING_REFUND_FAILED_EVENT,
        {
          orderId: refund.order_id,
          refundId: refund.id,
          amountFen: refund.amount_fen,
          error: message,
        },
        Priority.kept,
      );
    })();
    ctx.log.error({ orderId: refund.order_id, err: error }, "the provider refused a refund");
  }
}
