/** An order's state in the plain words the resident's screen shows (and reads aloud). */
import type { VendingOrderState } from "@linli/protocols/api";

/** ¥2.00 for 200 fen. */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

const FINISHED: ReadonlySet<VendingOrderState> = new Set([
  "vended",
  "refunded",
  "expired",
  "cancelled",
  "declined",
]);

export function isFinished(state: VendingOrderState): boolean {
  return FINISHED.has(state);
}

export function outcomeOf(
  state: VendingOrderState,
  amountFen: number,
): { message: string; finished: boolean } {
  const amount = yuan(amountFen);
  const messages: Record<VendingOrderState, string> = {
    created: "正在生成付款码，请稍候",
    awaiting_payment: `请用手机扫码支付 ${amount}`,
    paid: "已收到付款，正在出货，请稍候",
    vending: "正在出货，请稍候",
    vended: "出货成功，请从取货口取走商品",
    vend_failed: `出货没有成功，${amount} 将原路退回`,
    refunding: `出货没有成功，正在退款 ${amount}，将原路退回`,
    refunded: `已退款 ${amount}，将原路退回到您的付款账户`,
    expired: "付款超时，订单已取消，没有扣款",
    cancelled: "订单已取消，没有扣款",
    declined: "付款没有成功，没有扣款，可以重新下单",
  };
  return { message: messages[state], finished: isFinished(state) };
}
