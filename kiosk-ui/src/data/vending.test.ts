import type { VendingOrderState, VendingUnit } from "@linli/protocols/api";
import { describe, expect, it } from "vitest";
import {
  clockText,
  isUnpaid,
  offerNote,
  offersOf,
  pageOf,
  secondsLeft,
  unitNotice,
  vendingRefusal,
  vendProgress,
  vendScreen,
  yuan,
} from "./vending.js";

const water = {
  slot: 1,
  nameZh: "矿泉水",
  nameEn: "Mineral water",
  priceFen: 200,
  inStock: true,
  available: true,
};
const tissues = { ...water, slot: 2, nameZh: "纸巾", nameEn: "Tissues", priceFen: 300 };

const unit = (over: Partial<VendingUnit> = {}): VendingUnit => ({
  deviceId: "vending-1",
  available: true,
  reason: null,
  products: [tissues, water],
  ...over,
});

describe("prices", () => {
  it("are shown in yuan with the fen, as the agent words them", () => {
    expect(yuan(200)).toBe("¥2.00");
    expect(yuan(5)).toBe("¥0.05");
    expect(yuan(1550)).toBe("¥15.50");
    expect(yuan(1_000_000)).toBe("¥10000.00");
  });
});

describe("the products on offer", () => {
  it("come in slot order with their unit, buyable when both the product and its unit allow it", () => {
    const offers = offersOf([unit()]);
    expect(offers.map((offer) => [offer.slot, offer.deviceId, offer.buyable])).toEqual([
      [1, "vending-1", true],
      [2, "vending-1", true],
    ]);
  });

  it("are not buyable while their unit cannot sell, though still in stock", () => {
    const offers = offersOf([unit({ available: false, reason: "offline" })]);
    expect(offers.every((offer) => !offer.buyable)).toBe(true);
    expect(offers.map(offerNote)).toEqual(["vendNotNow", "vendNotNow"]);
  });

  it("say sold out when out of stock, and nothing when they can be bought", () => {
    const [soldOut, inStock] = offersOf([
      unit({ products: [{ ...water, inStock: false, available: false }, tissues] }),
    ]);
    expect(soldOut && offerNote(soldOut)).toBe("vendSoldOut");
    expect(inStock && offerNote(inStock)).toBe("");
  });

  it("tell why a unit cannot sell", () => {
    expect(unitNotice(unit())).toBe("");
    expect(unitNotice(unit({ available: false, reason: "offline" }))).toBe("vendUnitOffline");
    expect(unitNotice(unit({ available: false, reason: "payment_unavailable" }))).toBe(
      "vendPaymentUnavailable",
    );
  });

  it("are shown a page at a time, the page kept within range", () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(pageOf(items, 0, 4)).toEqual({ items: [1, 2, 3, 4], page: 0, pages: 3 });
    expect(pageOf(items, 2, 4)).toEqual({ items: [9], page: 2, pages: 3 });
    expect(pageOf(items, 7, 4).page).toBe(2);
    expect(pageOf([], 0, 4)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe("an order's screen and words", () => {
  const screens: Record<VendingOrderState, string> = {
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

  it("maps every state to its screen", () => {
    for (const [state, screen] of Object.entries(screens)) {
      expect(vendScreen(state as VendingOrderState)).toBe(screen);
      expect(vendProgress(state as VendingOrderState).screen).toBe(screen);
    }
  });

  it("goes paid → dispensing → take it", () => {
    expect(vendProgress("paid")).toMatchObject({ step: 0, tone: "working" });
    expect(vendProgress("vending")).toMatchObject({ step: 1, tone: "working" });
    expect(vendProgress("vended")).toMatchObject({
      step: 2,
      tone: "done",
      message: "vendStateVended",
    });
  });

  it("says a failed vend and its refund as a problem", () => {
    for (const state of ["vend_failed", "refunding", "refunded"] as const) {
      expect(vendProgress(state)).toMatchObject({ step: 1, tone: "problem" });
    }
    expect(vendProgress("refunded").message).toBe("vendStateRefunded");
  });

  it("says why an unpaid order closed; a cancel the resident chose is no problem", () => {
    expect(vendProgress("declined")).toMatchObject({
      tone: "problem",
      message: "vendStateDeclined",
    });
    expect(vendProgress("expired")).toMatchObject({ tone: "problem", message: "vendStateExpired" });
    expect(vendProgress("cancelled")).toMatchObject({
      tone: "done",
      message: "vendStateCancelled",
    });
  });

  it("counts as unpaid only before payment, so only then is it cancelled on leaving", () => {
    const unpaid = Object.keys(screens).filter((state) => isUnpaid(state as VendingOrderState));
    expect(unpaid).toEqual(["created", "awaiting_payment"]);
  });
});

describe("the time left to pay", () => {
  const expiresAt = "2025-05-01T10:03:00.000Z";
  const at = (iso: string) => Date.parse(iso);

  it("counts whole seconds down to the deadline and stops at zero", () => {
    expect(secondsLeft(expiresAt, at("2025-05-01T10:00:00.000Z"))).toBe(180);
    expect(secondsLeft(expiresAt, at("2025-05-01T10:02:59.500Z"))).toBe(1);
    expect(secondsLeft(expiresAt, at("2025-05-01T10:05:00.000Z"))).toBe(0);
    expect(secondsLeft("not a date", at("2025-05-01T10:00:00.000Z"))).toBe(0);
  });

  it("is shown as minutes and seconds", () => {
    expect(clockText(180)).toBe("3:00");
    expect(clockText(65)).toBe("1:05");
    expect(clockText(9)).toBe("0:09");
    expect(clockText(-3)).toBe("0:00");
  });
});

describe("the agent's refusals", () => {
  it("are said in the resident's words by their code", () => {
    expect(vendingRefusal("LINLI_ERR_VENDING_OUT_OF_STOCK")).toBe("vendRefusedSoldOut");
    expect(vendingRefusal("LINLI_ERR_VENDING_SLOT_UNAVAILABLE")).toBe("vendRefusedSlot");
    expect(vendingRefusal("LINLI_ERR_VENDING_UNIT_OFFLINE")).toBe("vendUnitOffline");
    expect(vendingRefusal("LINLI_ERR_VENDING_PAYMENT_UNAVAILABLE")).toBe("vendPaymentUnavailable");
    expect(vendingRefusal("LINLI_ERR_VENDING_NO_SUCH_PRODUCT")).toBe("vendRefusedGone");
    expect(vendingRefusal("LINLI_ERR_SOMETHING_ELSE")).toBe("loadFailed");
  });
});
