import type {
  OperatorVendingOrder,
  OperatorVendingSlot,
  VendingRestockRequest,
} from "@linli/protocols/api";
import type { MessageKey } from "./i18n/i18n.js";

/** The vending page's rules: what a restock form sends, which orders can be refunded, tones. */

export const MAX_STOCK = 999;
const MAX_PRICE_FEN = 1_000_000;

/** "3.5" or "3.50" yuan → 350 fen; undefined when it is not a price the agent takes. */
export function fenOf(text: string): number | undefined {
  const match = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return fen >= 1 && fen <= MAX_PRICE_FEN ? fen : undefined;
}

/** What the operator typed, as the restock request, or the first thing wrong with it. */
export function restockRequest(
  slot: Pick<OperatorVendingSlot, "deviceId" | "slot">,
  fields: { stock: string; price: string; nameZh: string; nameEn: string; enabled: boolean },
): VendingRestockRequest | { problem: MessageKey } {
  const stock = Number(fields.stock.trim());
  if (fields.stock.trim() === "" || !Number.isInteger(stock) || stock < 0 || stock > MAX_STOCK) {
    return { problem: "invalidStock" };
  }
  const priceFen = fenOf(fields.price);
  if (priceFen === undefined) return { problem: "invalidPrice" };
  const nameZh = fields.nameZh.trim();
  const nameEn = fields.nameEn.trim();
  if (!nameZh || !nameEn) return { problem: "invalidName" };
  return {
    deviceId: slot.deviceId,
    slot: slot.slot,
    stock,
    priceFen,
    nameZh,
    nameEn,
    enabled: fields.enabled,
  };
}

/**
 * A manual refund makes sense for a paid order that was not vended and has
 * no refund under way (the agent refunds a failed vend by itself), or whose
 * refund the payment provider refused.
 */
export function refundable(order: OperatorVendingOrder): boolean {
  if (order.refund) return order.refund.state === "failed";
  return order.state === "paid" || order.state === "vend_failed";
}

/** How an order's row is marked: failures (and failed refunds) red, refunds amber. */
export function orderTone(order: OperatorVendingOrder): "critical" | "warning" | "" {
  if (order.state === "vend_failed" || order.refund?.state === "failed") return "critical";
  if (order.refund || order.state === "refunding" || order.state === "refunded") return "warning";
  return "";
}

/** A slot's state in one word, worst first. */
export function slotState(slot: OperatorVendingSlot): {
  key: MessageKey;
  tone: "critical" | "warning" | "ok";
} {
  if (slot.jammed) return { key: "slotJammed", tone: "critical" };
  if (!slot.enabled) return { key: "slotDisabled", tone: "warning" };
  if (slot.stock - slot.held <= 0) return { key: "slotEmpty", tone: "warning" };
  return { key: "slotOnSale", tone: "ok" };
}
