import { LinliError } from "@linli/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServicesApp } from "../../services/parcels/testing.js";
import {
  openVendingRig,
  until,
  VENDING_ID,
  type VendingRig,
} from "../../services/vending/testing.js";
import type { HttpApp } from "../types.js";
import { type VendingOperatorGuard, vendingOperatorRoutes, vendingRoutes } from "./vending.js";

/** Lets a request through with the header the test's operator "signs in" with. */
const guard: VendingOperatorGuard = async (request) => {
  if (request.headers["x-test-operator"] !== "yes") {
    throw new LinliError("LINLI_ERR_OPERATOR_UNAUTHENTICATED", "sign in as an operator first", {
      status: 401,
    });
  }
};
const asOperator = { "x-test-operator": "yes" };

let rig: VendingRig;
let app: HttpApp;

beforeAll(async () => {
  rig = await openVendingRig();
  app = await buildServicesApp([
    vendingRoutes({ vending: rig.vending }),
    vendingOperatorRoutes({
      vending: rig.vending,
      guard,
      actorOf: () => ({ sessionId: "session-test", clientKey: "127.0.0.1" }),
    }),
  ]);
}, 30_000);
afterAll(async () => {
  await app?.close();
  await rig?.close();
});

const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  payload === undefined
    ? app.inject({ method: "POST", url: `/api/v1${url}`, headers })
    : app.inject({ method: "POST", url: `/api/v1${url}`, headers, payload: payload as object });
const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `/api/v1${url}`, headers });

async function paidOrder(slot: number): Promise<{ id: string; chargeId: string }> {
  const placed = await post("/vending/orders", { deviceId: VENDING_ID, slot });
  expect(placed.statusCode).toBe(201);
  const { id, payment } = placed.json();
  rig.payment.pay(payment.chargeId);
  return { id, chargeId: payment.chargeId };
}

async function settled(id: string, state: string): Promise<void> {
  await until(() => rig.vending.get(id).state === state, `order ${id} to be ${state}`);
}

describe("the resident vending routes", { timeout: 30_000 }, () => {
  it("list what can be bought, without stock counts", async () => {
    const reply = await get("/vending");
    expect(reply.statusCode).toBe(200);
    const [unit] = reply.json().units;
    expect(unit).toMatchObject({ deviceId: VENDING_ID, available: true, reason: null });
    expect(unit.products[0]).toEqual({
      slot: 1,
      nameZh: "矿泉水",
      nameEn: "Mineral water",
      priceFen: 200,
      inStock: true,
      available: true,
    });
    expect(unit.products.find((product: { slot: number }) => product.slot === 4)).toMatchObject({
      inStock: false,
      available: false,
    });
  });

  it("take an order with a payment QR, follow it to the vend, and cancel only before paying", async () => {
    const placed = await post("/vending/orders", {
      deviceId: VENDING_ID,
      slot: 1,
      sessionId: "kiosk-session-1",
    });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({
      state: "awaiting_payment",
      amountFen: 200,
      payment: { qr: expect.any(String) },
    });
    expect(Object.keys(order)).not.toContain("chargeId");

    const cancelled = await post(`/vending/orders/${order.id}/cancel`);
    expect(cancelled.json()).toMatchObject({
      state: "cancelled",
      payment: null,
      outcome: { finished: true },
    });

    const paid = await paidOrder(1);
    await settled(paid.id, "vended");
    const followed = await get(`/vending/orders/${paid.id}`);
    expect(followed.json()).toMatchObject({
      state: "vended",
      outcome: { message: "出货成功，请从取货口取走商品" },
    });
    const late = await post(`/vending/orders/${paid.id}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("LINLI_ERR_VENDING_ALREADY_PAID");
  });

  it("answer 400 with a code and the field's requirement for a bad order", async () => {
    const zero = await post("/vending/orders", { deviceId: VENDING_ID, slot: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toEqual({
      code: "LINLI_ERR_VENDING_BAD_REQUEST",
      message: "slot must be a slot (selection) number from 1, as printed on the unit",
    });
    const missing = await post("/vending/orders", { slot: 1 });
    expect(missing.json().message).toBe(
      'deviceId must be a vending unit\'s device id, e.g. "vending-1"',
    );
    const badId = await get("/vending/orders/not-an-order");
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe("LINLI_ERR_VENDING_BAD_REQUEST");
  });

  it("answer 404 for a unit, product or order that is not there, and 409 for one sold out", async () => {
    const unit = await post("/vending/orders", { deviceId: "vending-9", slot: 1 });
    expect([unit.statusCode, unit.json().code]).toEqual([404, "LINLI_ERR_VENDING_NO_SUCH_UNIT"]);
    const product = await post("/vending/orders", { deviceId: VENDING_ID, slot: 7 });
    expect([product.statusCode, product.json().code]).toEqual([
      404,
      "LINLI_ERR_VENDING_NO_SUCH_PRODUCT",
    ]);
    const order = await get("/vending/orders/00000000-0000-4000-8000-000000000000");
    expect([order.statusCode, order.json().code]).toEqual([404, "LINLI_ERR_VENDING_NO_SUCH_ORDER"]);
    const soldOut = await post("/vending/orders", { deviceId: VENDING_ID, slot: 4 });
    expect(soldOut.statusCode).toBe(409);
    expect(soldOut.json()).toEqual({
      code: "LINLI_ERR_VENDING_OUT_OF_STOCK",
      message: "电池 已售完，请选择其他商品",
    });
  });
});

describe("the operator vending routes", { timeout: 30_000 }, () => {
  it("refuse everything without an operator session", async () => {
    expect((await get("/operator/vending/orders")).statusCode).toBe(401);
    expect((await get("/operator/vending/slots")).statusCode).toBe(401);
    expect(
      (await post("/operator/vending/restock", { deviceId: VENDING_ID, slot: 1, stock: 9 }))
        .statusCode,
    ).toBe(401);
    const refund = await post(
      "/operator/vending/orders/00000000-0000-4000-8000-000000000000/refund",
    );
    expect(refund.statusCode).toBe(401);
  });

  it("show a jammed vend refunded with its refund record, and refund nothing twice", async () => {
    rig.vmc.jamSlot(2);
    const { id } = await paidOrder(2);
    await settled(id, "refunded");
    const list = await get("/operator/vending/orders?state=refunded", asOperator);
    expect(list.json()).toMatchObject({
      total: 1,
      limit: 50,
      offset: 0,
      items: [
        {
          id,
          failure: "jammed",
          refund: { state: "succeeded", amountFen: 300, requestedBy: "system" },
        },
      ],
    });
    const again = await post(
      `/operator/vending/orders/${id}/refund`,
      { reason: "resident asked" },
      asOperator,
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().refund.requestedBy).toBe("system");
    expect(rig.payment.refunds(list.json().items[0].chargeId)).toHaveLength(1);
    expect(rig.audit.recent().filter((entry) => entry.action === "vending_refund")).toHaveLength(0);
  });

  it("refund again, on the operator's word, a refund the provider refused for good", async () => {
    rig.vmc.jamSlot(3);
    rig.payment.failNextRefunds(1, { permanent: true });
    const { id, chargeId } = await paidOrder(3);
    await until(
      () => rig.vending.operatorOrder(id).refund?.state === "failed",
      "the provider to refuse the refund",
    );
    expect(rig.vending.get(id).state).toBe("refunding");
    expect(rig.events("vending.refund_failed")).toMatchObject([{ orderId: id, amountFen: 500 }]);

    const retried = await post(
      `/operator/vending/orders/${id}/refund`,
      { reason: "topped up" },
      asOperator,
    );
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({
      state: "refunded",
      refund: { state: "succeeded", attempts: 2 },
    });
    expect(rig.payment.refunds(chargeId)).toHaveLength(1);
    expect(rig.audit.recent()[0]).toMatchObject({
      action: "vending_refund",
      detail: { orderId: id, amountFen: 500, retried: true },
    });
  });

  it("refuse to refund an order that was vended or never paid", async () => {
    const { id } = await paidOrder(1);
    await settled(id, "vended");
    const vended = await post(`/operator/vending/orders/${id}/refund`, {}, asOperator);
    expect([vended.statusCode, vended.json().code]).toEqual([
      409,
      "LINLI_ERR_VENDING_ORDER_VENDED",
    ]);
    const unpaid = (await post("/vending/orders", { deviceId: VENDING_ID, slot: 1 })).json();
    const never = await post(`/operator/vending/orders/${unpaid.id}/refund`, undefined, asOperator);
    expect([never.statusCode, never.json().code]).toEqual([409, "LINLI_ERR_VENDING_NOT_PAID"]);
    await post(`/vending/orders/${unpaid.id}/cancel`);
  });

  it("page through orders newest first", async () => {
    const first = await get("/operator/vending/orders?limit=2", asOperator);
    const second = await get("/operator/vending/orders?limit=2&offset=2", asOperator);
    expect(first.json().items).toHaveLength(2);
    expect(first.json().total).toBeGreaterThanOrEqual(4);
    expect(first.json().items[0].createdAt >= second.json().items[0].createdAt).toBe(true);
    const bad = await get("/operator/vending/orders?state=lost", asOperator);
    expect([bad.statusCode, bad.json().code]).toEqual([400, "LINLI_ERR_VENDING_BAD_REQUEST"]);
  });

  it("restock a slot with an audit entry, and explain a bad restock", async () => {
    const restocked = await post(
      "/operator/vending/restock",
      { deviceId: VENDING_ID, slot: 4, stock: 10, priceFen: 750 },
      asOperator,
    );
    expect(restocked.statusCode).toBe(200);
    expect(restocked.json()).toMatchObject({
      slot: 4,
      stock: 10,
      priceFen: 750,
      held: 0,
      enabled: true,
    });
    expect(rig.audit.recent()[0]).toMatchObject({
      action: "vending_restock",
      sessionId: "session-test",
      deviceId: VENDING_ID,
      detail: { slot: 4, stock: 10, priceFen: 750 },
    });
    const catalogue = (await get("/vending")).json();
    expect(catalogue.units[0].products.find((p: { slot: number }) => p.slot === 4)).toMatchObject({
      priceFen: 750,
      inStock: true,
    });

    const negative = await post(
      "/operator/vending/restock",
      { deviceId: VENDING_ID, slot: 4, stock: -1 },
      asOperator,
    );
    expect(negative.json()).toEqual({
      code: "LINLI_ERR_VENDING_BAD_REQUEST",
      message: "stock must be how many items are in the slot now, 0 to 999",
    });
    const noUnit = await post(
      "/operator/vending/restock",
      { deviceId: "vending-9", slot: 1, stock: 1 },
      asOperator,
    );
    expect(noUnit.statusCode).toBe(404);
    const noSlot = await post(
      "/operator/vending/restock",
      { deviceId: VENDING_ID, slot: 61, stock: 1 },
      asOperator,
    );
    expect([noSlot.statusCode, noSlot.json().code]).toEqual([
      400,
      "LINLI_ERR_VENDING_NO_SUCH_SLOT",
    ]);
    const slots = await get(`/operator/vending/slots?deviceId=${VENDING_ID}`, asOperator);
    expect(slots.json().items.find((item: { slot: number }) => item.slot === 2)).toMatchObject({
      stock: 3,
    });
  });

  it("are all in the OpenAPI document", async () => {
    const paths = Object.keys((await get("/docs/json")).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/vending",
        "/api/v1/vending/orders",
        "/api/v1/vending/orders/{id}",
        "/api/v1/vending/orders/{id}/cancel",
        "/api/v1/operator/vending/orders",
        "/api/v1/operator/vending/orders/{id}",
        "/api/v1/operator/vending/orders/{id}/refund",
        "/api/v1/operator/vending/restock",
        "/api/v1/operator/vending/slots",
      ]),
    );
  });
});
