import type {
  VendingCatalogueResponse,
  VendingOrder,
  VendingOrderRequest,
  VendingOrderState,
  VendingProduct,
  VendingUnit,
} from "@linli/protocols/api";
import type { MessageKey } from "../i18n/i18n.js";
import { getJson, postJson, STORE_FULL } from "./api.js";

/** Typed wrappers over the agent's vending routes (edge-agent/src/http/routes/vending.ts). */

export const fetchVendingCatalogue = (signal?: AbortSignal) =>
  getJson<VendingCatalogueResponse>("/vending", signal);

/** Orders one product; the answer carries the payment QR (201), or a refusal as ApiError. */
export const placeVendingOrder = (request: VendingOrderRequest, signal?: AbortSignal) =>
  postJson<VendingOrder>("/vending/orders", request, signal);

export const fetchVendingOrder = (orderId: string, signal?: AbortSignal) =>
  getJson<VendingOrder>(`/vending/orders/${encodeURIComponent(orderId)}`, signal);

/** Cancels an order not yet paid; 409 LINLI_ERR_VENDING_ALREADY_PAID once it is. */
export const cancelVendingOrder = (orderId: string, signal?: AbortSignal) =>
  postJson<VendingOrder>(`/vending/orders/${encodeURIComponent(orderId)}/cancel`, {}, signal);

/**
 * Demo mode only: what the resident's phone does after scanning the QR. The
 * kiosk shows it as a clearly labelled button so the demo works without a phone.
 */
export const payOnDemoPhone = (chargeId: string, signal?: AbortSignal) =>
  postJson<unknown>(`/demo/payments/${encodeURIComponent(chargeId)}/pay`, {}, signal);

/** ¥2.00 for 200 fen: the same form as the agent's own words ("已退款 ¥2.00"). */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** A product with the unit it is sold from. */
export interface Offer extends VendingProduct {
  deviceId: string;
  /** Whether the resident can buy it now: the product and its unit both allow it. */
  buyable: boolean;
}

/** Every unit's products in slot order, each buyable only when its unit can sell now. */
export function offersOf(units: readonly VendingUnit[]): Offer[] {
  return units.flatMap((unit) =>
    [...unit.products]
      .sort((a, b) => a.slot - b.slot)
      .map((product) => ({
        ...product,
        deviceId: unit.deviceId,
        buyable: unit.available && product.available,
      })),
  );
}

/** What a product tile says under the price, if anything: sold out, or not now. */
export function offerNote(offer: Offer): MessageKey | "" {
  if (!offer.inStock) return "vendSoldOut";
  if (!offer.buyable) return "vendNotNow";
  return "";
}

/** Why a unit cannot sell now, in the resident's words; "" when it can. */
export function unitNotice(unit: Pick<VendingUnit, "available" | "reason">): MessageKey | "" {
  if (unit.available) return "";
  return unit.reason === "payment_unavailable" ? "vendPaymentUnavailable" : "vendUnitOffline";
}

/** One page of a list: `size` items from page `page` (from 0), and how many pages there are. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const clamped = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(clamped * size, clamped * size + size), page: clamped, pages };
}

/** Which screen an order is on. */
export type VendScreen = "pay" | "progress" | "refund" | "closed";

const SCREENS: Readonly<Record<VendingOrderState, VendScreen>> = {
  created: "pay",
  awaiting_payment: "pay",
  paid: "progress",
  vending: "progress",
  vended: "progress",
  vend_failed: "refund",
  refunding: "refund",
  refunded: "refund",
  expired: "closed",
  cancelled: "closed",
  declined: "closed",
};

export function vendScreen(state: VendingOrderState): VendScreen {
  return SCREENS[state];
}

/** An order not paid yet: cancelled when the resident leaves it (back, home, idle reset). */
export function isUnpaid(state: VendingOrderState): boolean {
  return state === "created" || state === "awaiting_payment";
}

/** How far a vend has got: 0 paid, 1 dispensing, 2 take it. */
export type VendStep = 0 | 1 | 2;

export interface VendProgress {
  screen: VendScreen;
  step: VendStep;
  /** What to tell the resident; `{amount}` is the order's amount. */
  message: MessageKey;
  /** "working" while waiting, "done" when it went well, "problem" said as an alert. */
  tone: "working" | "done" | "problem";
}

const MESSAGES: Readonly<Record<VendingOrderState, MessageKey>> = {
  created: "vendStateCreated",
  awaiting_payment: "vendStateAwaitingPayment",
  paid: "vendStatePaid",
  vending: "vendStateVending",
  vended: "vendStateVended",
  vend_failed: "vendStateVendFailed",
  refunding: "vendStateRefunding",
  refunded: "vendStateRefunded",
  expired: "vendStateExpired",
  cancelled: "vendStateCancelled",
  declined: "vendStateDeclined",
};

/** An order's state in the resident's terms. */
export function vendProgress(state: VendingOrderState): VendProgress {
  const screen = SCREENS[state];
  const message = MESSAGES[state];
  switch (state) {
    case "paid":
      return { screen, step: 0, message, tone: "working" };
    case "vending":
      return { screen, step: 1, message, tone: "working" };
    case "vended":
      return { screen, step: 2, message, tone: "done" };
    case "created":
    case "awaiting_payment":
      return { screen, step: 0, message, tone: "working" };
    case "cancelled":
      return { screen, step: 0, message, tone: "done" };
    default:
      // A failed vend, or a payment that did not go through.
      return {
        screen,
        step: state === "expired" || state === "declined" ? 0 : 1,
        message,
        tone: "problem",
      };
  }
}

/** Whole seconds left to pay, never below 0. */
export function secondsLeft(expiresAt: string, now: number): number {
  const left = Math.ceil((Date.parse(expiresAt) - now) / 1000);
  return Number.isFinite(left) ? Math.max(0, left) : 0;
}

/** 2:05 for 125 seconds. */
export function clockText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** The words for the agent's refusal to take an order, by its code. */
export function vendingRefusal(code: string): MessageKey {
  switch (code) {
    case "LINLI_ERR_VENDING_OUT_OF_STOCK":
      return "vendRefusedSoldOut";
    case "LINLI_ERR_VENDING_SLOT_UNAVAILABLE":
      return "vendRefusedSlot";
    case "LINLI_ERR_VENDING_UNIT_OFFLINE":
      return "vendUnitOffline";
    case "LINLI_ERR_VENDING_PAYMENT_UNAVAILABLE":
      return "vendPaymentUnavailable";
    case "LINLI_ERR_VENDING_NO_SUCH_PRODUCT":
    case "LINLI_ERR_VENDING_NO_SUCH_UNIT":
      return "vendRefusedGone";
    case STORE_FULL:
      return "storeFull";
    default:
      return "loadFailed";
  }
}
