import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceStateMessage, TelemetryMessage } from "@linli/protocols/api";
import { Value } from "typebox/value";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EmbeddedBroker } from "../broker/broker.js";
import { EventBus } from "../bus.js";
import { type DeviceHealth, initialHealth } from "../devices/device.js";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import { Outbox, Priority } from "./outbox.js";
import { type TelemetryOptions, TelemetryReporter } from "./telemetry.js";
import { connectClient, uplinkPort } from "./testing.js";
import { kioskTopics } from "./topics.js";

const topics = kioskTopics("weifang-xincun", "kiosk-01");
const silent = createLogger({ level: "silent" });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const connect = (url: string) => connectClient(url, (end) => cleanups.push(end));

interface Received {
  topic: string;
  retain: boolean;
  text: string;
  at: number;
}

/** An upstream subscriber that keeps what it receives. */
async function listen(url: string, filter: string): Promise<Received[]> {
  const client = await connect(url);
  const received: Received[] = [];
  client.on("message", (topic, payload, packet) =>
    received.push({ topic, retain: packet.retain, text: payload.toString(), at: Date.now() }),
  );
  await client.subscribeAsync(filter, { qos: 1 });
  return received;
}

const PHONE = "13812345678";

function health(overrides: Partial<DeviceHealth> = {}): DeviceHealth {
  return {
    ...initialHealth(),
    state: "ready",
    connected: true,
    lastSeen: new Date().toISOString(),
    ...overrides,
  };
}

async function setup(options: Partial<TelemetryOptions> = {}) {
  const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, silent);
  await broker.start();
  cleanups.push(() => broker.stop());
  const storePath = join(mkdtempSync(join(tmpdir(), "linli-telemetry-")), "linli.db");
  const store = new Store(storePath, silent);
  store.start();
  cleanups.push(() => store.stop());
  const outbox = new Outbox(store.db);
  const bus = new EventBus();
  const devices = new Map<string, { id: string; family: string; health: DeviceHealth }>();
  const client = uplinkPort(await connect(broker.url));
  const published: string[] = [];
  const reporter = new TelemetryReporter({
    client: {
      ...client,
      publish: (topic, payload, publishOptions) => {
        published.push(topic);
        return client.publish(topic, payload, publishOptions);
      },
    },
    topics,
    bus,
    log: silent,
    outbox,
    devices: { list: () => [...devices.values()] },
    storePath,
    ...options,
  });
  reporter.start();
  cleanups.push(() => reporter.stop());
  const report = (id: string, family: string, next: DeviceHealth) => {
    devices.set(id, { id, family, health: next });
    bus.emit("deviceHealth", { deviceId: id, health: next });
  };
  return { url: broker.url, reporter, outbox, report, published };
}

describe("telemetry", () => {
  it("publishes kiosk health, outbox and device summary on its interval, without phone numbers", async () => {
    const t = await setup({ intervalMs: 150 });
    t.outbox.add("rating.created", { score: 5 }, Priority.kept);
    t.report(
      "printer-1",
      "printer",
      health({ state: "paper_near_end", lastError: `call ${PHONE}`, errorCount: 2 }),
    );
    const received = await listen(t.url, topics.telemetry);
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(3), { timeout: 3_000 });
    const [first, second, third] = received as [Received, Received, Received, ...Received[]];
    expect(third.at - second.at).toBeGreaterThanOrEqual(100);
    const message = JSON.parse(first.text) as unknown;
    expect(Value.Check(TelemetryMessage, message)).toBe(true);
    expect(message).toMatchObject({
      outbox: {
        depth: 1,
        dropped: { telemetry: 0, normal: 0 },
        oldestAgeSeconds: expect.any(Number),
      },
      devices: [
        {
          id: "printer-1",
          family: "printer",
          state: "paper_near_end",
          connected: true,
          errorCount: 2,
        },
      ],
      kiosk: { disk: { freeBytes: expect.any(Number) } },
    });
    expect(first.retain).toBe(false);
    for (const { text } of received) expect(text).not.toContain(PHONE);
  });

  it("sends one telemetry report soon after a burst of device state changes", async () => {
    const t = await setup({ intervalMs: 60_000, debounceMs: 50 });
    const received = await listen(t.url, topics.telemetry);
    t.report("locker-1", "locker", health());
    t.report("locker-1", "locker", health({ state: "door_open" }));
    t.report("printer-1", "printer", health({ state: "paper_out" }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.text ?? "{}").devices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "locker-1", state: "door_open" }),
        expect.objectContaining({ id: "printer-1", state: "paper_out" }),
      ]),
    );
  });

  it("keeps each device's state retained, published when it changes", async () => {
    const t = await setup({ intervalMs: 60_000, debounceMs: 60_000 });
    t.report("printer-1", "printer", health({ detail: { note: `owner ${PHONE}` } }));
    t.report("locker-1", "locker", health({ state: "door_open", detail: { openDoors: ["1-3"] } }));
    t.report(
      "printer-1",
      "printer",
      health({ detail: { note: `owner ${PHONE}` }, lastSeen: "2030-01-01T00:00:00.000Z" }),
    );
    await vi.waitFor(() => expect(t.published).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const received = await listen(t.url, topics.deviceState("+"));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.every((r) => r.retain)).toBe(true);
    const states = Object.fromEntries(
      received.map((r) => [r.topic, JSON.parse(r.text) as unknown]),
    );
    for (const state of Object.values(states))
      expect(Value.Check(DeviceStateMessage, state)).toBe(true);
    expect(states[topics.deviceState("locker-1")]).toMatchObject({
      deviceId: "locker-1",
      health: { state: "door_open", detail: { openDoors: ["1-3"] } },
    });
    expect(states[topics.deviceState("printer-1")]).toMatchObject({
      health: { detail: { note: "owner 138****5678" } },
    });
    expect(t.published.filter((topic) => topic === topics.deviceState("printer-1"))).toHaveLength(
      1,
    );
  });

  it("republishes every device's state and a report on rebirth", async () => {
    const t = await setup({ intervalMs: 60_000, debounceMs: 60_000 });
    t.report("printer-1", "printer", health());
    t.report("locker-1", "locker", health());
    await vi.waitFor(() => expect(t.published).toHaveLength(2));
    const states = await listen(t.url, topics.deviceState("+"));
    await vi.waitFor(() => expect(states).toHaveLength(2));
    const telemetry = await listen(t.url, topics.telemetry);
    expect(await t.reporter.rebirth()).toEqual({ devices: 2 });
    await vi.waitFor(() => expect(states).toHaveLength(4));
    await vi.waitFor(() => expect(telemetry).toHaveLength(1));
    // A live delivery of a retained publish reaches current subscribers without the retain flag.
    expect(
      states
        .slice(2)
        .map((r) => r.topic)
        .sort(),
    ).toEqual([topics.deviceState("locker-1"), topics.deviceState("printer-1")]);
  });
});

describe("telemetry of the store", () => {
  it("says whether the store takes writes, and why not, in a schema-valid report", async () => {
    const full = {
      writable: false,
      reason: "full" as const,
      lastError: "SQLITE_FULL",
      since: "2024-06-07T02:00:00.000Z",
      freeBytes: 0,
      reserveBytes: 16 * 1024 * 1024,
    };
    const t = await setup({ store: () => full });
    const message = await t.reporter.snapshot();
    expect(Value.Check(TelemetryMessage, message)).toBe(true);
    expect(message.store).toEqual(full);
  });
});
