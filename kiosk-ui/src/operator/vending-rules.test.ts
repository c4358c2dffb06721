import type { OperatorVendingOrder, OperatorVendingSlot } from "@linli/protocols/api";
import { describe, expect, it } from "vitest";
import { fenOf, orderTone, refundable, restockRequest, slotState } from "./vending-rules.js";

const AT = "2026-11-22T04:00:00.000Z";

const order = (overrides: Partial<OperatorVendingOrder> = {}): OperatorVendingOrder => ({
  id: "0b6f8f1e-2c1a-4a59-9d7e-1f2a3b4c5d6e",
  deviceId: "vending-1",
  slot: 3,
  product: { nameZh: "口罩", nameEn: "Masks" },
  amountFen: 500,
  state: "paid",
  chargeId: "charge-1",
  vendJobId: null,
  failure: null,
  refund: null,
  createdAt: AT,
  updatedAt: AT,
  paidAt: AT,
  vendedAt: null,
  ...overrides,
});

const refund = (state: "pending" | "succeeded" | "failed") => ({
  id: "refund-1",
  state,
  amountFen: 500,
  reason: "vend failed: jammed",
  requestedBy: "system" as const,
  attempts: 1,
  lastError: state === "failed" ? "provider refused" : null,
  providerRefundId: null,
  createdAt: AT,
  completedAt: null,
});

const slot = (overrides: Partial<OperatorVendingSlot> = {}): OperatorVendingSlot => ({
  deviceId: "vending-1",
  slot: 2,
  nameZh: "纸巾",
  nameEn: "Tissues",
  priceFen: 300,
  stock: 5,
  held: 0,
  enabled: true,
  jammed: false,
  updatedAt: AT,
  ...overrides,
});

describe("prices typed in yuan", () => {
  it("become fen, with up to two decimals", () => {
    expect(fenOf("3")).toBe(300);
    expect(fenOf("4.5")).toBe(450);
    expect(fenOf(" 0.05 ")).toBe(5);
    expect(fenOf("10000")).toBe(1_000_000);
  });

  it("are refused when empty, negative, zero, too precise or too dear", () => {
    for (const text of ["", "-1", "0", "0.00", "1.234", "10000.01", "abc", "1e3"]) {
      expect(fenOf(text), text).toBeUndefined();
    }
  });
});

describe("a restock form", () => {
  const fields = { stock: "6", price: "4.50", nameZh: " 纸巾 ", nameEn: "Tissues", enabled: true };

  it("sends the stock, price in fen, trimmed names and whether it sells", () => {
    expect(restockRequest(slot(), fields)).toEqual({
      deviceId: "vending-1",
      slot: 2,
      stock: 6,
      priceFen: 450,
      nameZh: "纸巾",
      nameEn: "Tissues",
      enabled: true,
    });
  });

  it("names the first thing wrong instead", () => {
    expect(restockRequest(slot(), { ...fields, stock: "" })).toEqual({ problem: "invalidStock" });
    expect(restockRequest(slot(), { ...fields, stock: "1000" })).toEqual({
      problem: "invalidStock",
    });
    expect(restockRequest(slot(), { ...fields, stock: "2.5" })).toEqual({
      problem: "invalidStock",
    });
    expect(restockRequest(slot(), { ...fields, price: "0" })).toEqual({ problem: "invalidPrice" });
    expect(restockRequest(slot(), { ...fields, nameEn: "  " })).toEqual({ problem: "invalidName" });
  });
});

describe("an order's refund", () => {
  it("is offered for a paid order not vended, and again when the provider refused it", () => {
    expect(refundable(order({ state: "paid" }))).toBe(true);
    expect(refundable(order({ state: "vend_failed" }))).toBe(true);
    expect(refundable(order({ state: "refunding", refund: refund("failed") }))).toBe(true);
  });

  it("is not offered once vended, while one is under way, once done, or when never paid", () => {
    expect(refundable(order({ state: "vended" }))).toBe(false);
    expect(refundable(order({ state: "vending" }))).toBe(false);
    expect(refundable(order({ state: "refunding", refund: refund("pending") }))).toBe(false);
    expect(refundable(order({ state: "refunded", refund: refund("succeeded") }))).toBe(false);
    expect(refundable(order({ state: "expired", paidAt: null }))).toBe(false);
  });

  it("marks failures red and refunds amber", () => {
    expect(orderTone(order({ state: "vend_failed" }))).toBe("critical");
    expect(orderTone(order({ state: "refunding", refund: refund("failed") }))).toBe("critical");
    expect(orderTone(order({ state: "refunded", refund: refund("succeeded") }))).toBe("warning");
    expect(orderTone(order({ state: "vended" }))).toBe("");
  });
});

describe("a slot's state", () => {
  it("is the worst of jammed, not for sale, sold out (what orders hold counts) and on sale", () => {
    expect(slotState(slot({ jammed: true, enabled: false }))).toEqual({
      key: "slotJammed",
      tone: "critical",
    });
    expect(slotState(slot({ enabled: false })).key).toBe("slotDisabled");
    expect(slotState(slot({ stock: 2, held: 2 })).key).toBe("slotEmpty");
    expect(slotState(slot()).key).toBe("slotOnSale");
  });
});
