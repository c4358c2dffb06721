import { describe, it, type TestContext } from "vitest";
import { LINK_KINDS, type LinkKind } from "../../simulators/host-side.js";
import { type VmcRig, type VmcRigOptions, vmcRig } from "./vmc-test-rig.js";

async function ready(test: TestContext, kind: LinkKind, options: VmcRigOptions = {}) {
  const rig = await vmcRig(kind, options);
  test.onTestFinished(() => rig.close());
  await rig.until("ready");
  return rig;
}

const stockOf = (rig: VmcRig, slot: number) =>
  rig.vmc.snapshot().slots.find((entry) => entry.selection === slot)?.stock;

// Each test mostly waits on the VMC's 200 ms ticks, so they run side by side.
describe.concurrent.each(LINK_KINDS)("the VMC driver over a %s serial link", (kind) => {
  it("vends: the job is done, the slot has one item fewer and the VMC vended once", async (test) => {
    const { expect } = test;
    const rig = await ready(test, kind);
    const job = await rig.driver.vend(2, { orderId: `ok-${kind}` });
    expect(job).toMatchObject({ state: "done", error: null, payload: { slot: 2 } });
    expect(stockOf(rig, 2)).toBe(2);
    expect(rig.vmc.vends).toEqual([expect.objectContaining({ selection: 2, result: "success" })]);
    expect(rig.driver.health.state).toBe("ready");
  });

  it("fails a vend from a jammed slot as jammed, stock unchanged, and shows the jam", async (test) => {
    const { expect } = test;
    const rig = await ready(test, kind);
    rig.vmc.jamSlot(4);
    const job = await rig.driver.vend(4, { orderId: `jam-${kind}` });
    expect(job).toMatchObject({ state: "failed", error: "jammed" });
    expect(stockOf(rig, 4)).toBe(3);
    expect(rig.vmc.vends).toEqual([expect.objectContaining({ selection: 4, result: "jammed" })]);
    await rig.until("jammed");
    expect(rig.driver.health.detail).toMatchObject({ jammedSlots: [4] });

    const again = await rig.driver.vend(4, { orderId: `jam-again-${kind}` });
    expect(again).toMatchObject({ state: "failed", error: "jammed" });
    expect(rig.vmc.vends).toHaveLength(1);
    rig.driver.clearJam(4);
    await rig.until("ready");
  });

  it("fails an out-of-stock vend before anything is dispensed", async (test) => {
    const { expect } = test;
    const rig = await ready(test, kind);
    rig.vmc.setStock(3, 0);
    const job = await rig.driver.vend(3, { orderId: `empty-${kind}` });
    expect(job).toMatchObject({ state: "failed", error: "out_of_stock", attempts: 0 });
    expect(rig.vmc.vends).toEqual([]);
    expect(rig.activity).not.toContain("dispensing");
  });

  it("fails a slot the VMC does not have as no_such_slot", async (test) => {
    const { expect } = test;
    const rig = await ready(test, kind);
    const job = await rig.driver.vend(9, { orderId: `missing-${kind}` });
    expect(job).toMatchObject({ state: "failed", error: "no_such_slot" });
    expect(rig.vmc.vends).toEqual([]);
  });

  it("vends once for an order asked for twice at once and again afterwards", async (test) => {
    const { expect } = test;
    const rig = await ready(test, kind);
    const orderId = `twice-${kind}`;
    const [first, second] = await Promise.all([
      rig.driver.vend(1, { orderId }),
      rig.driver.vend(1, { orderId }),
    ]);
    const third = await rig.driver.vend(1, { orderId });
    for (const job of [first, second, third]) {
      expect(job).toMatchObject({ id: first.id, state: "done", attempts: 1 });
    }
    expect(rig.vmc.vends).toHaveLength(1);
    expect(stockOf(rig, 1)).toBe(2);
  });

  it("vends right after connecting, while the VMC is still reporting its slots one per tick", async (test) => {
    const { expect } = test;
    // 24 slots take the VMC about 5 s to report, longer than the 3 s selection check.
    const rig = await ready(test, kind, {
      simulator: { slots: 24 },
      driver: { syncOnConnect: true },
    });
    const job = await rig.driver.vend(5, { orderId: `early-${kind}` });
    expect(job).toMatchObject({ state: "done", error: null });
    expect(rig.vmc.vends).toEqual([expect.objectContaining({ selection: 5, result: "success" })]);
  }, 20_000);

  it("learns each slot's price and stock from the VMC when it connects", async (test) => {
    const { expect } = test;
    const rig = await ready(test, kind, {
      simulator: { slots: 3, priceFen: 250 },
      driver: { syncOnConnect: true },
    });
    rig.vmc.setStock(2, 1);
    await expect
      .poll(() => rig.driver.health.detail.slots, { timeout: 4_000, interval: 50 })
      .toEqual([
        expect.objectContaining({ slot: 1, stock: 3, priceFen: 250, capacity: 10 }),
        expect.objectContaining({ slot: 2, stock: 1, priceFen: 250 }),
        expect.objectContaining({ slot: 3, stock: 3, priceFen: 250 }),
      ]);
  });
});
