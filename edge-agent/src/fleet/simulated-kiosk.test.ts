import {
  DeviceHealthSchema,
  DeviceStateMessage,
  TelemetryMessage,
  UplinkEvent,
} from "@linli/protocols/api";
import { Value } from "typebox/value";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedBroker } from "../broker/broker.js";
import { createLogger } from "../log.js";
import { seededRandom } from "../outlets/data/prng.js";
import { connectClient } from "../uplink/testing.js";
import { FLEET_MAX, fleetRoster } from "./roster.js";
import { SimulatedDevices } from "./simulated-devices.js";
import { SimulatedFleet } from "./simulated-fleet.js";
import { SimulatedKiosk } from "./simulated-kiosk.js";

const silent = createLogger({ level: "silent" });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startBroker(): Promise<EmbeddedBroker> {
  const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, silent);
  await broker.start();
  cleanups.push(() => broker.stop());
  return broker;
}

interface Heard {
  topic: string;
  retain: boolean;
  json: unknown;
}

/** An upstream subscriber to the whole tree, keeping what it hears. */
async function upstream(url: string): Promise<Heard[]> {
  const client = await connectClient(url, (end) => cleanups.push(end));
  const heard: Heard[] = [];
  client.on("message", (topic, payload, packet) =>
    heard.push({ topic, retain: packet.retain, json: JSON.parse(payload.toString()) }),
  );
  await client.subscribeAsync("linli/v1/#", { qos: 1 });
  return heard;
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function startKiosk(url: string, kiosk = "kiosk-01"): SimulatedKiosk {
  const simulated = new SimulatedKiosk({
    url,
    site: "huamu",
    kiosk,
    seed: 1,
    log: silent,
    telemetryIntervalMs: 200,
    tickMs: 50,
  });
  simulated.start();
  cleanups.push(() => simulated.stop());
  return simulated;
}

const lastOn = (heard: Heard[], topic: string) => heard.filter((m) => m.topic === topic).at(-1);
const statusOf = (heard: Heard[], kiosk: SimulatedKiosk) =>
  (lastOn(heard, kiosk.topics.status)?.json as { status?: string } | undefined)?.status;

describe("a simulated kiosk", () => {
  it("announces itself online, retained, with what it runs", async () => {
    const broker = await startBroker();
    const kiosk = startKiosk(broker.url);
    await until(() => kiosk.connected, "the kiosk to connect");
    const heard = await upstream(broker.url);
    await until(() => lastOn(heard, kiosk.topics.status) !== undefined, "the retained status");
    const status = lastOn(heard, kiosk.topics.status);
    expect(status?.retain).toBe(true);
    expect(status?.json).toMatchObject({
      status: "online",
      versions: { agent: expect.any(String) },
      runs: expect.arrayContaining(["printer:printer-1", "locker:lockers-1"]),
    });
  });

  it("sends telemetry and retained device states that match the uplink schemas", async () => {
    const broker = await startBroker();
    const heard = await upstream(broker.url);
    const kiosk = startKiosk(broker.url);
    await until(
      () => heard.filter((m) => m.topic === kiosk.topics.telemetry).length >= 2,
      "two telemetry reports",
    );
    const telemetry = heard.filter((m) => m.topic === kiosk.topics.telemetry);
    for (const report of telemetry) expect(Value.Check(TelemetryMessage, report.json)).toBe(true);
    // A subscriber arriving later gets each device's state from the broker, retained.
    const later = await upstream(broker.url);
    const isState = (m: Heard) => m.retain && m.topic.startsWith(`${kiosk.topics.base}/devices/`);
    await until(
      () => new Set(later.filter(isState).map((m) => m.topic)).size >= 4,
      "the retained device states",
    );
    for (const state of later.filter(isState)) {
      // As the real agent: TelemetryReporter sends a DeviceStateMessage, while
      // StatusReporter.rebirth() sends the bare DeviceHealth on the same topic.
      const valid =
        Value.Check(DeviceStateMessage, state.json) || Value.Check(DeviceHealthSchema, state.json);
      expect(valid).toBe(true);
    }
  });

  it("sends its events framed as outbox events, with increasing seq", async () => {
    const broker = await startBroker();
    const heard = await upstream(broker.url);
    const kiosk = startKiosk(broker.url);
    await until(
      () => heard.filter((m) => m.topic === kiosk.topics.events).length >= 3,
      "three events",
      15_000,
    );
    const events = heard
      .filter((m) => m.topic === kiosk.topics.events)
      .map((m) => m.json as UplinkEvent);
    for (const event of events) expect(Value.Check(UplinkEvent, event)).toBe(true);
    const seqs = events.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("counts every message the broker took from it: its offered load", async () => {
    const broker = await startBroker();
    const heard = await upstream(broker.url);
    const kiosk = startKiosk(broker.url);
    await until(
      () => heard.filter((m) => m.topic === kiosk.topics.telemetry).length >= 2,
      "two telemetry reports",
    );
    await kiosk.stop();
    const fromKiosk = () => heard.filter((m) => m.topic.startsWith(`${kiosk.topics.base}/`));
    await until(
      () => fromKiosk().length === kiosk.published.messages,
      "as many messages heard as it counted",
    );
    // Heard live, so `retain` is off on delivery: the retained ones are its status and device states.
    const retained = fromKiosk().filter(
      (m) => m.topic === kiosk.topics.status || m.topic.includes("/devices/"),
    );
    expect(kiosk.published).toEqual({ messages: fromKiosk().length, retained: retained.length });
  });

  it("killed, drops its connection so the broker publishes its last will: offline, lost", async () => {
    const broker = await startBroker();
    const kiosk = startKiosk(broker.url);
    await until(() => kiosk.connected, "the kiosk to connect");
    const heard = await upstream(broker.url);
    await until(() => statusOf(heard, kiosk) === "online", "the online status");
    kiosk.kill();
    await until(() => statusOf(heard, kiosk) === "offline", "the last will");
    expect(lastOn(heard, kiosk.topics.status)?.json).toEqual({ status: "offline", reason: "lost" });
    expect(kiosk.state).toBe("killed");
  });

  it("stopped, says so itself: offline, shutdown", async () => {
    const broker = await startBroker();
    const kiosk = startKiosk(broker.url);
    await until(() => kiosk.connected, "the kiosk to connect");
    const heard = await upstream(broker.url);
    await until(() => statusOf(heard, kiosk) === "online", "the online status");
    await kiosk.stop();
    await until(() => statusOf(heard, kiosk) === "offline", "the offline status");
    expect(lastOn(heard, kiosk.topics.status)?.json).toMatchObject({ reason: "shutdown" });
  });
});

describe("a simulated fleet", () => {
  it("has distinct kiosks, never the demo agent's own", () => {
    const roster = fleetRoster(FLEET_MAX);
    expect(roster).toHaveLength(FLEET_MAX);
    expect(new Set(roster.map(({ site, kiosk }) => `${site}/${kiosk}`)).size).toBe(FLEET_MAX);
    expect(roster.some(({ site }) => site === "weifang-xincun")).toBe(false);
    expect(fleetRoster(5)).toEqual(fleetRoster(FLEET_MAX).slice(0, 5));
  });

  it("brings every kiosk online, and kills or stops them", async () => {
    const broker = await startBroker();
    const heard = await upstream(broker.url);
    const fleet = new SimulatedFleet({ size: 12, log: silent });
    fleet.start(broker.url);
    cleanups.push(() => fleet.stop());
    const online = () =>
      new Set(
        heard
          .filter(
            (m) =>
              m.topic.endsWith("/status") && (m.json as { status: string }).status === "online",
          )
          .map((m) => m.topic),
      ).size;
    await until(() => online() === 12, "12 kiosks online");
    const [first] = fleet.list();
    fleet.find(first?.site ?? "", first?.kiosk ?? "")?.kill();
    expect(fleet.list().filter((kiosk) => kiosk.state === "killed")).toHaveLength(1);
    await fleet.stop();
    expect(fleet.list().every((kiosk) => kiosk.state !== "running")).toBe(true);
  });
});

describe("simulated devices", () => {
  it("report health as the real drivers do, with the fleet's usual faults here and there", () => {
    const states = new Map<string, number>();
    for (let seed = 0; seed < 400; seed += 1) {
      const devices = new SimulatedDevices(seededRandom(seed));
      for (let tick = 0; tick < 20; tick += 1) devices.step();
      for (const device of devices.list()) {
        expect(Value.Check(DeviceHealthSchema, device.health)).toBe(true);
        const key = `${device.family}:${device.health.state}`;
        states.set(key, (states.get(key) ?? 0) + 1);
      }
    }
    for (const fault of ["printer:paper_out", "locker:door_open", "vending:jammed"])
      expect(states.get(fault) ?? 0).toBeGreaterThan(0);
    // Faults are the exception: most printers are fine.
    expect(states.get("printer:ready") ?? 0).toBeGreaterThan(300);
  });
});
