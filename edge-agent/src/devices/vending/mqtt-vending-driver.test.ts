import { describe, it, type TestContext } from "vitest";
import { EmbeddedBroker } from "../../broker/broker.js";
import { createLogger } from "../../log.js";
import { JobStore } from "../jobs/job-store.js";
import { MqttTransport } from "../transports/mqtt.js";
import { MqttVendingDriver } from "./mqtt-vending-driver.js";
import { defaultVendingTopicPrefix, VENDING_MQTT_PROTOCOL } from "./mqtt-vending-protocol.js";
import { MqttVendingUnitSimulator } from "./mqtt-vending-unit-simulator.js";
import { openStore } from "./vmc-test-rig.js";

const log = createLogger({ level: "silent" });
const PROFILE = { id: "linli-vending-mqtt", capabilities: { slots: 60 } };

async function rig(test: TestContext, options: { resultTimeoutMs?: number } = {}) {
  const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, log);
  await broker.start();
  const store = openStore();
  const topicPrefix = defaultVendingTopicPrefix("vending-2");
  const unit = new MqttVendingUnitSimulator({ url: broker.url, topicPrefix });
  const transport = new MqttTransport({
    url: broker.url,
    topicPrefix,
    protocol: VENDING_MQTT_PROTOCOL,
    reconnectPeriodMs: 100,
  });
  const driver = new MqttVendingDriver({
    id: "vending-2",
    profile: PROFILE,
    transport,
    jobs: new JobStore(store.db),
    ...options,
  });
  test.onTestFinished(async () => {
    await driver.stop();
    await unit.crash();
    await broker.stop();
    store.stop();
  });
  const until = (check: () => boolean, what: string, ms = 5_000) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        driver.off("health", listener);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        driver.off("health", listener);
        resolve();
      };
      driver.on("health", listener);
    });
  const state = (name: string) => until(() => driver.health.state === name, name);
  const knowsSlots = () =>
    until(() => (driver.health.detail.slots as unknown[]).length > 0, "the unit's slots");
  await driver.start();
  await unit.start();
  await state("ready");
  await knowsSlots();
  return { broker, unit, driver, transport, until, state };
}

describe.concurrent("the MQTT vending unit driver", () => {
  it("vends: the job is done, the unit vended once and its stock shows one fewer", async (test) => {
    const { expect } = test;
    const { driver, unit, until } = await rig(test);
    const job = await driver.vend(2, { orderId: "m-ok" });
    expect(job).toMatchObject({ state: "done", error: null, attempts: 1 });
    expect(unit.vends).toEqual([{ orderId: "m-ok", slot: 2, result: "success" }]);
    await until(() => {
      const slots = driver.health.detail.slots as { slot: number; stock: number }[];
      return slots.find((slot) => slot.slot === 2)?.stock === 2;
    }, "the new stock");
  });

  it("fails a vend the unit reports jammed, and shows the jam", async (test) => {
    const { expect } = test;
    const { driver, unit, state } = await rig(test);
    unit.jamSlot(3);
    const job = await driver.vend(3, { orderId: "m-jam" });
    expect(job).toMatchObject({ state: "failed", error: "jammed" });
    expect(unit.slots[2]?.stock).toBe(3);
    await state("jammed");
  });

  it("fails an empty slot before sending anything, from the unit's retained state", async (test) => {
    const { expect } = test;
    const { driver, unit, until } = await rig(test);
    unit.setStock(4, 0);
    await until(() => {
      const slots = driver.health.detail.slots as { slot: number; stock: number }[];
      return slots.find((slot) => slot.slot === 4)?.stock === 0;
    }, "the empty slot");
    const job = await driver.vend(4, { orderId: "m-empty" });
    expect(job).toMatchObject({ state: "failed", error: "out_of_stock", attempts: 0 });
    expect(unit.commands).toEqual([]);
  });

  it("vends once for an order asked for twice at once and again afterwards", async (test) => {
    const { expect } = test;
    const { driver, unit } = await rig(test);
    const [first, second] = await Promise.all([
      driver.vend(1, { orderId: "m-twice" }),
      driver.vend(1, { orderId: "m-twice" }),
    ]);
    const third = await driver.vend(1, { orderId: "m-twice" });
    for (const job of [first, second, third]) {
      expect(job).toMatchObject({ id: first.id, state: "done" });
    }
    expect(unit.vends).toHaveLength(1);
    expect(unit.commands).toHaveLength(1);
  });

  it("drops malformed payloads with a fault and keeps working", async (test) => {
    const { expect } = test;
    const { driver, unit } = await rig(test);
    await unit.publishRaw("out/vend/result", "{oops");
    await unit.publishRaw("out/vend/result", '{"orderId":"x","slot":1,"status":"exploded"}');
    await unit.publishRaw(
      "out/vend/result",
      '{"orderId":"x","slot":1,"status":"failed","reason":"gremlins"}',
    );
    await unit.publishRaw("out/state", '{"slots":"many"}');
    const job = await driver.vend(5, { orderId: "m-after-garbage" });
    expect(job.state).toBe("done");
    expect(driver.health.errorCount).toBe(4);
    expect(driver.health.lastError).toMatch(/dropped a message on .*out\/state/);
    expect(driver.health.detail.slots).toHaveLength(6);
  });

  it("goes offline on the unit's last will, fails vends meanwhile, and is back when it returns", async (test) => {
    const { expect } = test;
    const { driver, unit, state } = await rig(test);
    await unit.crash();
    await state("offline");
    expect(driver.health.detail).toMatchObject({ brokerConnected: true });
    const job = await driver.vend(1, { orderId: "m-offline" });
    expect(job).toMatchObject({ state: "failed", error: "offline" });
    await unit.start();
    await state("ready");
    expect(unit.vends).toEqual([]);
  });

  it("marks a vend uncertain when the unit took it but sent no result", async (test) => {
    const { expect } = test;
    const { driver, unit } = await rig(test, { resultTimeoutMs: 600 });
    unit.answers = false;
    const job = await driver.vend(1, { orderId: "m-silent" });
    expect(job).toMatchObject({ state: "uncertain", error: "timeout", attempts: 1 });
    expect(unit.commands).toEqual([{ orderId: "m-silent", slot: 1 }]);
  });
});
