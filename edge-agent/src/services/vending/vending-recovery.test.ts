/**
 * "A paid order is never lost, even across a crash": the agent stops at the
 * worst moments and a new one starts on the same store file. Each order ends
 * vended or refunded, once: one vend at the machine, one refund at the
 * provider, the stock dropping only for a vend the machine confirmed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { vendJobId } from "../../devices/vending/vend-jobs.js";
import { OrderRows } from "./order-rows.js";
import { openVendingRig, until, VENDING_ID, type VendingRig } from "./testing.js";

let current: VendingRig | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const stockOf = (rig: VendingRig, slot: number) =>
  rig.vending.slots(VENDING_ID).items.find((item) => item.slot === slot)?.stock;
const count = (states: string[], state: string) => states.filter((one) => one === state).length;

describe("vending across a crash", { timeout: 30_000 }, () => {
  it("vends an order paid while the agent was down, once", async () => {
    const before = await openVendingRig();
    current = before;
    const order = await before.vending.order({ deviceId: VENDING_ID, slot: 1 });
    await before.vending.stop();
    before.payment.pay(order.payment?.chargeId ?? "");

    const after = await before.restart();
    current = after;
    await until(() => after.vending.get(order.id).state === "vended", "the resumed vend");
    expect(after.vmc.vends).toMatchObject([{ selection: 1, result: "success" }]);
    expect(stockOf(after, 1)).toBe(2);
    expect(count(after.statesOf(order.id), "vended")).toBe(1);
  });

  it("refunds, exactly once, a vend the agent was in the middle of when it died", async () => {
    const before = await openVendingRig({ simulator: { dispenseMs: 1_500 } });
    current = before;
    const order = await before.vending.order({ deviceId: VENDING_ID, slot: 2 });
    before.payment.pay(order.payment?.chargeId ?? "");
    await until(() => before.vmc.snapshot().dispensing === 2, "the motor to turn", 10_000);

    const after = await before.restart();
    current = after;
    await until(() => after.vending.get(order.id).state === "refunded", "the refund", 10_000);
    // The outcome could not be confirmed: the resident gets the benefit of the doubt.
    expect(after.jobs.get(vendJobId(order.id))?.state).toBe("uncertain");
    expect(after.vending.operatorOrder(order.id)).toMatchObject({
      failure: "uncertain:interrupted",
      refund: { state: "succeeded", amountFen: 300 },
    });
    expect(stockOf(after, 2)).toBe(3);

    const again = await after.restart();
    current = again;
    await again.vending.idle();
    const states = again.statesOf(order.id);
    expect(count(states, "vending")).toBe(1);
    expect(count(states, "refunded")).toBe(1);
    expect(again.payment.refunds(order.payment?.chargeId ?? "")).toHaveLength(1);
    expect(again.vmc.vends.length).toBeLessThanOrEqual(1);
  });

  it("finishes a refund the provider kept refusing before the restart, without refunding twice", async () => {
    const before = await openVendingRig();
    current = before;
    before.vmc.jamSlot(1);
    before.payment.failNextRefunds(1_000);
    const order = await before.vending.order({ deviceId: VENDING_ID, slot: 1 });
    before.payment.pay(order.payment?.chargeId ?? "");
    await until(
      () => (before.vending.operatorOrder(order.id).refund?.attempts ?? 0) >= 2,
      "two refused refunds",
    );
    expect(before.vending.get(order.id).state).toBe("refunding");

    const after = await before.restart();
    current = after;
    await until(() => after.vending.get(order.id).state === "refunded", "the refund after restart");
    expect(after.payment.refunds(order.payment?.chargeId ?? "")).toHaveLength(1);
    expect(stockOf(after, 1)).toBe(3);
  });

  it("closes an order whose charge was being made when the agent died", async () => {
    const before = await openVendingRig();
    current = before;
    await before.vending.stop();
    const at = new Date().toISOString();
    new OrderRows(before.store.db).insert({
      id: "00000000-0000-4000-8000-000000000001",
      device_id: VENDING_ID,
      slot: 1,
      name_zh: "矿泉水",
      name_en: "Mineral water",
      amount_fen: 200,
      state: "created",
      session_id: null,
      charge_id: null,
      charge_qr: null,
      pay_by: new Date(Date.now() + 60_000).toISOString(),
      vend_job_id: null,
      failure: null,
      created_at: at,
      updated_at: at,
      paid_at: null,
      vended_at: null,
    });

    const after = await before.restart();
    current = after;
    const id = "00000000-0000-4000-8000-000000000001";
    await until(
      () => after.vending.get(id).state === "cancelled",
      "the interrupted order to close",
    );
    const { chargeId } = after.vending.operatorOrder(id);
    expect(after.payment.ledger()).toMatchObject([{ chargeId, state: "cancelled" }]);
    expect(() => after.payment.pay(chargeId ?? "")).toThrow(/cancelled/);
  });
});
