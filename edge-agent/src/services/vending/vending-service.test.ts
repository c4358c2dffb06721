import type { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import {
  openVendingRig,
  until,
  VENDING_ID,
  type VendingRig,
  type VendingRigOptions,
} from "./testing.js";

const open: VendingRig[] = [];
afterEach(async () => {
  for (const rig of open.splice(0)) await rig.close();
});

async function rigged(options: VendingRigOptions = {}): Promise<VendingRig> {
  const rig = await openVendingRig(options);
  open.push(rig);
  return rig;
}

const stateOf = (rig: VendingRig, id: string) => rig.vending.get(id).state;
const stockOf = (rig: VendingRig, slot: number) =>
  rig.vending.slots(VENDING_ID).items.find((item) => item.slot === slot)?.stock;

async function refusal(work: Promise<unknown>): Promise<LinliError> {
  return work.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: LinliError) => error,
  );
}

describe("the vending service", { timeout: 30_000 }, () => {
  it("sells a product: the resident pays, the unit vends once, and the stock drops by one", async () => {
    const rig = await rigged();
    const order = await rig.vending.order({
      deviceId: VENDING_ID,
      slot: 1,
      sessionId: "session-0001",
    });
    expect(order).toMatchObject({
      state: "awaiting_payment",
      amountFen: 200,
      product: { nameZh: "矿泉水" },
    });
    expect(order.payment?.qr).toMatch(/^linli-sim-pay:/);
    expect(order.outcome.message).toBe("请用手机扫码支付 ¥2.00");

    rig.payment.pay(order.payment?.chargeId ?? "");
    await until(() => stateOf(rig, order.id) === "vended", "the vend");
    expect(rig.vending.get(order.id).outcome).toEqual({
      message: "出货成功，请从取货口取走商品",
      finished: true,
    });
    expect(rig.vmc.vends).toMatchObject([{ selection: 1, result: "success" }]);
    expect(stockOf(rig, 1)).toBe(2);
    expect(rig.statesOf(order.id)).toEqual([
      "created",
      "awaiting_payment",
      "paid",
      "vending",
      "vended",
    ]);
    // Upstream hears ids, slot, amount and state; never the resident's session.
    expect(JSON.stringify(rig.events("vending.order"))).not.toContain("session-0001");
  });

  it("refunds a vend that jams, exactly once, and leaves the stock as it was", async () => {
    const rig = await rigged();
    rig.vmc.jamSlot(2);
    const order = await rig.vending.order({ deviceId: VENDING_ID, slot: 2 });
    rig.payment.pay(order.payment?.chargeId ?? "");
    await until(() => stateOf(rig, order.id) === "refunded", "the refund");

    expect(rig.vmc.vends).toMatchObject([{ selection: 2, result: "jammed" }]);
    expect(stockOf(rig, 2)).toBe(3);
    expect(rig.payment.refunds(order.payment?.chargeId ?? "")).toMatchObject([{ amountFen: 300 }]);
    expect(rig.vending.operatorOrder(order.id)).toMatchObject({
      state: "refunded",
      failure: "jammed",
      refund: { state: "succeeded", amountFen: 300, requestedBy: "system", attempts: 1 },
    });
    expect(rig.statesOf(order.id)).toEqual([
      "created",
      "awaiting_payment",
      "paid",
      "vending",
      "vend_failed",
      "refunding",
      "refunded",
    ]);
    expect(rig.vending.get(order.id).outcome.message).toBe(
      "已退款 ¥3.00，将原路退回到您的付款账户",
    );
  });

  it("keeps retrying a refund the provider refuses for a while, and refunds once", async () => {
    const rig = await rigged();
    rig.vmc.jamSlot(1);
    rig.payment.failNextRefunds(2);
    const order = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    rig.payment.pay(order.payment?.chargeId ?? "");
    await until(() => stateOf(rig, order.id) === "refunded", "the refund after two refusals");
    expect(rig.vending.operatorOrder(order.id).refund).toMatchObject({
      state: "succeeded",
      attempts: 3,
    });
    expect(rig.payment.refunds(order.payment?.chargeId ?? "")).toHaveLength(1);
  });

  it("waits for a unit that drops offline after payment, and refunds if it stays away", async () => {
    const rig = await rigged({ service: { offlineGraceMs: 1_000 } });
    const back = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    const gone = await rig.vending.order({ deviceId: VENDING_ID, slot: 2 });
    await rig.unplug();
    await until(
      () => rig.vending.catalogue().units[0]?.available === false,
      "the unit to go offline",
    );
    rig.payment.pay(back.payment?.chargeId ?? "");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.vending.get(back.id).state).toBe("paid");
    await rig.replug();
    await until(
      () => rig.vending.get(back.id).state === "vended",
      "the vend once the unit is back",
      10_000,
    );

    await rig.unplug();
    await until(
      () => rig.vending.catalogue().units[0]?.available === false,
      "the unit to go offline",
    );
    rig.payment.pay(gone.payment?.chargeId ?? "");
    await until(() => rig.vending.get(gone.id).state === "refunded", "the refund", 10_000);
    expect(rig.vending.operatorOrder(gone.id).failure).toBe("offline");
    expect(rig.vmc.vends).toHaveLength(1);
  });

  it("refuses a product out of stock, counting the items promised to unpaid orders", async () => {
    const rig = await rigged();
    const none = await refusal(rig.vending.order({ deviceId: VENDING_ID, slot: 4 }));
    expect(none).toMatchObject({ code: "LINLI_ERR_VENDING_OUT_OF_STOCK", status: 409 });
    expect(none.message).toBe("电池 已售完，请选择其他商品");

    await rig.vending.order({ deviceId: VENDING_ID, slot: 3 });
    const second = await refusal(rig.vending.order({ deviceId: VENDING_ID, slot: 3 }));
    expect(second.code).toBe("LINLI_ERR_VENDING_OUT_OF_STOCK");
    const shown = rig.vending.catalogue().units[0]?.products.find((product) => product.slot === 3);
    expect(shown).toMatchObject({ inStock: false, available: false });
  });

  it("lets an unpaid order expire at its deadline, and the QR can no longer be paid", async () => {
    const rig = await rigged({ service: { paymentWindowMs: 150 } });
    const order = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    await until(() => stateOf(rig, order.id) === "expired", "the order to expire");
    expect(() => rig.payment.pay(order.payment?.chargeId ?? "")).toThrow(/expired|cancelled/);
    expect(rig.vmc.vends).toHaveLength(0);
    expect(rig.vending.get(order.id).outcome.message).toBe("付款超时，订单已取消，没有扣款");
  });

  it("cancels before payment, and refuses to cancel once the resident has paid", async () => {
    const rig = await rigged();
    const first = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    expect((await rig.vending.cancel(first.id)).state).toBe("cancelled");
    expect((await rig.vending.cancel(first.id)).state).toBe("cancelled");
    expect(() => rig.payment.pay(first.payment?.chargeId ?? "")).toThrow(/cancelled/);

    const second = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    rig.payment.pay(second.payment?.chargeId ?? "");
    const late = await refusal(rig.vending.cancel(second.id));
    expect(late).toMatchObject({ code: "LINLI_ERR_VENDING_ALREADY_PAID", status: 409 });
    await until(() => stateOf(rig, second.id) === "vended", "the paid order to vend");
  });

  it("closes a declined payment with nothing charged and nothing vended", async () => {
    const rig = await rigged();
    const order = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    rig.payment.decline(order.payment?.chargeId ?? "");
    await until(() => stateOf(rig, order.id) === "declined", "the decline");
    expect(rig.vmc.vends).toHaveLength(0);
    expect(stockOf(rig, 1)).toBe(3);
  });

  it("takes no order while the provider is unreachable, and leaves nothing holding the stock", async () => {
    const rig = await rigged();
    rig.payment.offline = true;
    const refused = await refusal(rig.vending.order({ deviceId: VENDING_ID, slot: 3 }));
    expect(refused).toMatchObject({ code: "LINLI_ERR_VENDING_PAYMENT_UNAVAILABLE", status: 503 });
    rig.payment.offline = false;
    expect((await rig.vending.order({ deviceId: VENDING_ID, slot: 3 })).state).toBe(
      "awaiting_payment",
    );
  });

  it("records a restock and its new price, and a slot the operator loads with a new product", async () => {
    const rig = await rigged();
    expect(
      rig.vending.restock({ deviceId: VENDING_ID, slot: 4, stock: 6, priceFen: 900 }),
    ).toMatchObject({
      stock: 6,
      priceFen: 900,
      held: 0,
    });
    const loaded = rig.vending.restock({
      deviceId: VENDING_ID,
      slot: 5,
      stock: 4,
      nameZh: "湿巾",
      nameEn: "Wet wipes",
      priceFen: 500,
    });
    expect(loaded).toMatchObject({ nameZh: "湿巾", stock: 4, enabled: true });
    expect(() => rig.vending.restock({ deviceId: VENDING_ID, slot: 6, stock: 1 })).toThrow(
      /nameZh and priceFen/,
    );
    expect(rig.events("vending.stock")).toHaveLength(2);
  });
});
