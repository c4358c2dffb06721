/**
 * What an operator does to vending, each audited as an operator action in the
 * same transaction as the change (when the service has the audit): record a
 * restock, and refund an order by hand.
 */
import { LinliError } from "@linli/protocols";
import type { VendingRestockRequest } from "@linli/protocols/api";
import type { Actor } from "../../operator/actions.js";
import type { AuditEntry, OperatorAudit } from "../../operator/audit.js";
import { Priority } from "../../uplink/outbox.js";
import type { SlotRow } from "./catalogue.js";
import { moveOrder, refundRecord, type VendingContext } from "./context.js";
import type { OrderRow } from "./order-rows.js";
import { noSuchUnit } from "./refusals.js";
import { clearJam } from "./units.js";

export type OperatorAuditLike = Pick<OperatorAudit, "run">;

/** Runs `work` audited when there is an audit and an actor, else as it is. */
function audited<T>(
  audit: OperatorAuditLike | undefined,
  work: () => T,
  describe: (result: T) => AuditEntry | undefined,
): T {
  return audit ? audit.run(work, describe) : work();
}

/** Records what the operator loaded into a slot; a jam there is cleared with it. */
export function restockSlot(
  ctx: VendingContext,
  input: VendingRestockRequest,
  audit: OperatorAuditLike | undefined,
  actor: Actor | undefined,
): SlotRow {
  const profile = ctx.devices.get(input.deviceId)?.profile;
  if (profile?.family !== "vending") noSuchUnit(input.deviceId);
  const slots = profile.capabilities.slots;
  if (input.slot > slots) {
    throw new LinliError(
      "LINLI_ERR_VENDING_NO_SUCH_SLOT",
      `${input.deviceId} has slots 1 to ${slots}, not ${input.slot}`,
      { status: 400 },
    );
  }
  const work = () =>
    ctx.db.transaction(() => {
      const row = ctx.catalogue.restock(input.deviceId, input.slot, input);
      const { device_id: deviceId, slot, stock, price_fen: priceFen } = row;
      const enabled = row.enabled === 1;
      ctx.outbox.add(
        "vending.stock",
        { deviceId, slot, stock, priceFen, enabled, at: row.updated_at },
        Priority.normal,
      );
      return row;
    })();
  const row = audited(audit, work, (after) =>
    actor
      ? {
          action: "vending_restock",
          ...actor,
          deviceId: input.deviceId,
          detail: {
            slot: after.slot,
            stock: after.stock,
            priceFen: after.price_fen,
            enabled: after.enabled === 1,
          },
        }
      : undefined,
  );
  // The operator had the unit open to restock it: whatever jammed that slot is cleared.
  clearJam(ctx.devices, input.deviceId, input.slot);
  return row;
}

/**
 * Opens the refund of a paid order that was not vended (paid, vend_failed),
 * or sends a refund the provider refused for good once more. Returns what it
 * did; nothing (and no audit entry) for an order already refunding or refunded.
 */
export function openOperatorRefund(
  ctx: VendingContext,
  row: OrderRow,
  reason: string,
  audit: OperatorAuditLike | undefined,
  actor: Actor | undefined,
): "opened" | "retried" | undefined {
  const open = (): "opened" | "retried" | undefined => {
    const existing = ctx.rows.refundOf(row.id);
    if (row.state === "refunding" && existing?.state === "failed") {
      const at = ctx.now().toISOString();
      ctx.rows.updateRefund(existing.id, { state: "pending", next_attempt_at: at }, at);
      return "retried";
    }
    if (row.state !== "paid" && row.state !== "vend_failed") return undefined;
    const moved = moveOrder(ctx, row.id, [row.state], "refunding", {
      reason: row.failure ?? "operator_refund",
      also: (after) => ctx.rows.insertRefund(refundRecord(ctx, after, "operator", reason)),
    });
    return moved ? "opened" : undefined;
  };
  return audited(audit, open, (done) =>
    done && actor
      ? {
          action: "vending_refund",
          ...actor,
          deviceId: row.device_id,
          detail: {
            orderId: row.id,
            amountFen: row.amount_fen,
            reason,
            retried: done === "retried",
          },
        }
      : undefined,
  );
}
