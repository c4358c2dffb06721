import { describe, it, type TestContext } from "vitest";
import { JobStore } from "../jobs/job-store.js";
import { type VendPayload, vendJobId } from "./vend-jobs.js";
import { openStore, type VmcRigOptions, vmcRig } from "./vmc-test-rig.js";

async function rig(test: TestContext, options: VmcRigOptions = {}) {
  const made = await vmcRig("in-process", options);
  test.onTestFinished(() => made.close());
  return made;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent("the VMC driver after a crash and when things go wrong", () => {
  it("marks a vend that was running when the agent died uncertain, and never vends that order", async (test) => {
    const { expect } = test;
    const store = openStore();
    test.onTestFinished(() => store.stop());
    const before = new JobStore(store.db);
    const orderId = "crash-1";
    before.create<VendPayload>("vending-1", "vend", { slot: 1, orderId }, vendJobId(orderId));
    before.transition(vendJobId(orderId), ["queued"], "running", { countAttempt: true });
    const never = before.create<VendPayload>(
      "vending-1",
      "vend",
      { slot: 2, orderId: "crash-2" },
      vendJobId("crash-2"),
    );

    const restarted = await rig(test, { store });
    expect(restarted.jobs.get(vendJobId(orderId))).toMatchObject({
      state: "uncertain",
      error: "interrupted",
    });
    expect(restarted.jobs.get(never.id)).toMatchObject({ state: "failed", error: "interrupted" });
    await restarted.until("ready");
    const again = await restarted.driver.vend(1, { orderId });
    expect(again.state).toBe("uncertain");
    await pause(600);
    expect(restarted.vmc.vends).toEqual([]);
  });

  it("fails a vend at once when the machine is not connected", async (test) => {
    const { expect } = test;
    const { driver, vmc } = await rig(test, { unplugged: true });
    const job = await driver.vend(1, { orderId: "offline-1" });
    expect(job).toMatchObject({ state: "failed", error: "offline", attempts: 0 });
    expect(vmc.vends).toEqual([]);
  });

  it("fails as a timeout when the VMC does not answer the selection check", async (test) => {
    const { expect } = test;
    const { driver, vmc, until } = await rig(test, {
      simulator: { pollIntervalMs: 600 },
      driver: { checkTimeoutMs: 300, silenceMs: 2_000 },
    });
    await until("ready");
    const job = await driver.vend(1, { orderId: "slow-check" });
    expect(job).toMatchObject({ state: "failed", error: "timeout", attempts: 0 });
    await pause(700);
    expect(vmc.vends).toEqual([]);
  });

  it("marks a vend uncertain when the VMC took it but never said how it ended", async (test) => {
    const { expect } = test;
    const { driver, until } = await rig(test, {
      simulator: { dispenseMs: 60_000 },
      driver: { dispenseTimeoutMs: 1_200 },
    });
    await until("ready");
    const job = await driver.vend(1, { orderId: "stuck" });
    expect(job).toMatchObject({ state: "uncertain", error: "timeout", attempts: 1 });
  });

  it("refuses an order id already used for another slot", async (test) => {
    const { expect } = test;
    const { driver, until } = await rig(test);
    await until("ready");
    await driver.vend(1, { orderId: "used" });
    await expect(driver.vend(2, { orderId: "used" })).rejects.toMatchObject({
      code: "LINLI_ERR_VENDING_ORDER_CONFLICT",
      status: 409,
    });
    await expect(driver.vend(0, { orderId: "bad-slot" })).rejects.toMatchObject({
      code: "LINLI_ERR_VENDING_BAD_SLOT",
    });
  });

  it("reports busy while vending and tells the bus how each vend ended", async (test) => {
    const { expect } = test;
    const { driver, until } = await rig(test);
    await until("ready");
    const states = new Set<string>();
    const events: unknown[] = [];
    driver.on("health", (health) => states.add(health.state));
    driver.on("event", (type, data) => events.push({ type, ...data }));
    await driver.vend(5, { orderId: "seen" });
    expect(states).toContain("busy");
    expect(events).toContainEqual(
      expect.objectContaining({ type: "vend", orderId: "seen", slot: 5, state: "done" }),
    );
    await until("ready");
  });
});
