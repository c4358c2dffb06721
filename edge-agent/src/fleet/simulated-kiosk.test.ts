import {
  DeviceHealthSchema,
  DeviceStateMessage,
  DisplayHealth,
  StoreHealthSchema,
  TelemetryMessage,
  TouchHealth,
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
import { SimulatedScreen } from "./simulated-screen.js";
import { SIMULATED_RESERVE_BYTES, SimulatedStore } from "./simulated-store.js";

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
    // As an agent of today: its store, its screen and its touch panel.
    expect(telemetry[0]?.json).toMatchObject({
      store: { writable: expect.any(Boolean), reserveBytes: SIMULATED_RESERVE_BYTES },
      kiosk: {
        display: { phase: expect.stringMatching(/^(awake|asleep|woken)$/) },
        touch: { present: expect.any(Boolean) },
      },
    });
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

  it("held full by the demo, says so at once, and when let be, that it recovered", async () => {
    const broker = await startBroker();
    const heard = await upstream(broker.url);
    const kiosk = startKiosk(broker.url);
    await until(() => kiosk.connected, "the kiosk to connect");
    const reports = () =>
      heard
        .filter((m) => m.topic === kiosk.topics.telemetry)
        .map((m) => m.json as TelemetryMessage);
    kiosk.setStore("full");
    await until(
      () => reports().some((r) => r.store?.reason === "full"),
      "a report of a full store",
    );
    const full = reports().find((r) => r.store?.reason === "full");
    expect(Value.Check(TelemetryMessage, full)).toBe(true);
    expect(full?.store).toMatchObject({ writable: false, lastError: "SQLITE_FULL" });
    expect(full?.store?.freeBytes).toBeLessThan(SIMULATED_RESERVE_BYTES);
    // The host's disk reading agrees with the store's.
    expect(full?.kiosk.disk?.freeBytes).toBe(full?.store?.freeBytes);
    // Held: it does not recover by itself, however many ticks go by.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reports().at(-1)?.store?.writable).toBe(false);

    kiosk.setStore("writable");
    await until(() => reports().at(-1)?.store?.writable === true, "a report of a writable store");
    await until(
      () =>
        heard.some(
          (m) =>
            m.topic === kiosk.topics.events && (m.json as UplinkEvent).type === "store.recovered",
        ),
      "the store.recovered event",
    );
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

describe("a simulated kiosk's store and screen", () => {
  const at = (shanghai: string) => Date.parse(`${shanghai}+08:00`);

  it("can mostly record; now and then a disk fills up or runs low, and is cleared", () => {
    const seen = new Map<string, number>();
    let ever = 0;
    for (let seed = 0; seed < 1_000; seed += 1) {
      const store = new SimulatedStore(
        seededRandom(seed),
        { totalBytes: 64e9, freeBytes: 30e9 },
        at("2025-06-03T08:00:00"),
        at("2025-06-03T09:00:00"),
      );
      let troubled = store.condition !== "writable";
      for (let tick = 0; tick < 200; tick += 1) {
        store.step(at("2025-06-03T09:00:00") + tick * 5_000);
        troubled ||= store.condition !== "writable";
      }
      expect(Value.Check(StoreHealthSchema, store.state())).toBe(true);
      if (troubled) ever += 1;
      seen.set(store.condition, (seen.get(store.condition) ?? 0) + 1);
    }
    expect(seen.get("writable") ?? 0).toBeGreaterThan(950);
    expect(ever).toBeGreaterThan(5);
    expect(ever).toBeLessThan(100);
  });

  it("tells a full disk (a failed write) from low space (under the reserve)", () => {
    const store = new SimulatedStore(seededRandom(1), { totalBytes: 64e9, freeBytes: 30e9 }, 0, 0);
    store.force("full", 1_000);
    expect(store.state()).toMatchObject({
      writable: false,
      reason: "full",
      lastError: "SQLITE_FULL",
      since: new Date(1_000).toISOString(),
    });
    store.force("low_space", 2_000);
    // Still unwritable: since stays where it turned so.
    expect(store.state()).toMatchObject({ reason: "low_space", lastError: null });
    expect(store.state().since).toBe(new Date(1_000).toISOString());
    expect(store.state().freeBytes).toBeLessThan(SIMULATED_RESERVE_BYTES);
    store.force("writable", 3_000);
    expect(store.state()).toMatchObject({ writable: true, reason: null, freeBytes: 30e9 });
  });

  it("sleeps at night in Shanghai time, wakes by day, and reports it as the agent does", () => {
    const phases = new Map<string, number>();
    for (let seed = 0; seed < 200; seed += 1) {
      const screen = new SimulatedScreen(seededRandom(seed));
      const noon = screen.health(at("2025-06-03T12:00:00"));
      const night = screen.health(at("2025-06-04T03:00:00"));
      for (const health of [noon, night]) {
        expect(Value.Check(DisplayHealth, health.display)).toBe(true);
        expect(Value.Check(TouchHealth, health.touch)).toBe(true);
      }
      expect(noon.display.phase).toBe("awake");
      phases.set(night.display.phase, (phases.get(night.display.phase) ?? 0) + 1);
      if (night.display.phase === "asleep" && night.display.backlight)
        expect(night.display.brightnessPercent).toBe(0);
    }
    // Most centres sleep at night; a few run round the clock.
    expect(phases.get("asleep") ?? 0).toBeGreaterThan(150);
    expect(phases.get("awake") ?? 0).toBeGreaterThan(0);
  });

  it("is woken at night by a touch now and then, and loses a backlight or touch panel rarely", () => {
    let woken = 0;
    let backlightErrors = 0;
    let panelsLost = 0;
    for (let seed = 0; seed < 300; seed += 1) {
      const screen = new SimulatedScreen(seededRandom(seed));
      for (let tick = 0; tick < 400; tick += 1) {
        const now = at("2025-06-04T01:00:00") + tick * 5_000;
        screen.step(now);
        const { display, touch } = screen.health(now);
        if (display.phase === "woken") woken += 1;
        if (display.backlight?.writable === false) backlightErrors += 1;
        if (!touch.present) panelsLost += 1;
      }
    }
    const samples = 300 * 400;
    expect(woken).toBeGreaterThan(0);
    expect(backlightErrors).toBeGreaterThan(0);
    expect(panelsLost).toBeGreaterThan(0);
    // Exceptions, not the rule.
    for (const count of [woken, backlightErrors, panelsLost])
      expect(count).toBeLessThan(samples / 10);
  });

  it("is the same screen for the same seed", () => {
    const twice = [1, 2].map(() => {
      const screen = new SimulatedScreen(seededRandom(42));
      for (let tick = 0; tick < 50; tick += 1)
        screen.step(at("2025-06-03T22:50:00") + tick * 5_000);
      return screen.health(at("2025-06-03T22:55:00"));
    });
    expect(twice[0]).toEqual(twice[1]);
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
