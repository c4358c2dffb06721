/**
 * Why an order cannot be placed or refunded, each as an error with a code and
 * a message the person in front of it can act on: the resident's in plain
 * Chinese (the kiosk shows and reads it), the operator's in English.
 */
import { LinliError } from "@linli/protocols";
import type { VendingOrderRequest } from "@linli/protocols/api";
import type { SlotRow } from "./catalogue.js";
import type { VendingContext } from "./context.js";
import { paymentUnavailable } from "./order-flow.js";
import type { OrderRow } from "./order-rows.js";
import { isOnline, slotBlocked, vendingUnit } from "./units.js";

export function noSuchOrder(id: string): never {
  throw new LinliError("LINLI_ERR_VENDING_NO_SUCH_ORDER", `没有找到订单 ${id}`, { status: 404 });
}

export function noSuchUnit(deviceId: string): never {
  throw new LinliError(
    "LINLI_ERR_VENDING_NO_SUCH_UNIT",
    `there is no vending unit "${deviceId}" on this kiosk; GET /api/v1/vending lists them`,
    { status: 404 },
  );
}

/** The slot to sell from, if the unit, the product, the stock and payments all allow it now. */
export function checkOrderable(ctx: VendingContext, input: VendingOrderRequest): SlotRow {
  const unit = vendingUnit(ctx.devices, input.deviceId);
  if (!unit) {
    throw new LinliError("LINLI_ERR_VENDING_NO_SUCH_UNIT", "没有这台售货机，请返回重新选择", {
      status: 404,
    });
  }
  const slot = ctx.catalogue.get(input.deviceId, input.slot);
  if (!slot || slot.enabled === 0) {
    throw new LinliError(
      "LINLI_ERR_VENDING_NO_SUCH_PRODUCT",
      `${input.slot} 号货道没有在售的商品，请选择其他商品`,
      { status: 404 },
    );
  }
  if (!ctx.payment) throw paymentUnavailable();
  if (!isOnline(unit)) {
    throw new LinliError(
      "LINLI_ERR_VENDING_UNIT_OFFLINE",
      "售货机暂时无法使用，请稍后再试或联系工作人员",
      { status: 503 },
    );
  }
  if (slotBlocked(unit, input.slot)) {
    throw new LinliError(
      "LINLI_ERR_VENDING_SLOT_UNAVAILABLE",
      `${slot.name_zh} 暂时不能出货，请选择其他商品或联系工作人员`,
      { status: 409 },
    );
  }
  if (slot.stock - ctx.catalogue.held(input.deviceId, input.slot) <= 0) {
    throw new LinliError(
      "LINLI_ERR_VENDING_OUT_OF_STOCK",
      `${slot.name_zh} 已售完，请选择其他商品`,
      { status: 409 },
    );
  }
  return slot;
}

/** Throws unless a manual refund makes sense: paid and not vended. */
export function refuseRefund(row: OrderRow): void {
  const refusal = (code: `LINLI_ERR_VENDING_${string}`, message: string) =>
    new LinliError(code, message, { status: 409, details: { state: row.state } });
  switch (row.state) {
    case "vended":
      throw refusal(
        "LINLI_ERR_VENDING_ORDER_VENDED",
        `order ${row.id} was vended; the kiosk refunds only orders that were not`,
      );
    case "vending":
      throw refusal(
        "LINLI_ERR_VENDING_IN_PROGRESS",
        `the unit is vending order ${row.id} now; wait for the outcome (a failed vend is refunded by itself)`,
      );
    case "created":
    case "awaiting_payment":
    case "cancelled":
    case "expired":
    case "declined":
      throw refusal(
        "LINLI_ERR_VENDING_NOT_PAID",
        `order ${row.id} was never paid (it is ${row.state}); there is nothing to refund`,
      );
    default:
      return;
  }
}
