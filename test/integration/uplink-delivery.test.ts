// Nothing lost upstream: a publishing process killed -9 mid-burst, a broker
// stopped under traffic, a broker restarted with persistence — each against a
// real Mosquitto, read by a fleet subscriber with a persistent QoS 1 session.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EventBus } from "../../edge-agent/src/bus.js";
import type { DeviceHealth } from "../../edge-agent/src/devices/device.js";
import { createLogger } from "../../edge-agent/src/log.js";
import { Store } from "../../edge-agent/src/store/index.js";
import { createUplinkClient, type UplinkClient } from "../../edge-agent/src/uplink/client.js";
import { Outbox, Priority } from "../../edge-agent/src/uplink/outbox.js";
import { type EventMessage, OutboxPublisher } from "../../edge-agent/src/uplink/publisher.js";
import { lastWill, StatusReporter } from "../../edge-agent/src/uplink/status.js";
import { TelemetryReporter } from "../../edge-agent/src/uplink/telemetry.js";
import { type KioskTopics, kioskTopics } from "../../edge-agent/src/uplink/topics.js";
import { REPO_ROOT } from "../support/agent-process.js";
import {
  type Mosquitto,
  type ReceivedMessage,
  startMosquitto,
  watch,
} from "../support/mosquitto.js";
import type { PublisherProcessOptions } from "../support/outbox-publisher-process.js";

const TOTAL = 10_000;
const SCRIPT = join(REPO_ROOT, "test/support/outbox-publisher-process.ts");
const log = createLogger({ level: "silent" });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(): Promise<Mosquitto> {
  const started = await startMosquitto();
  cleanups.push(() => started.stop());
  return started;
}

async function fleet(mosquitto: Mosquitto, topics: string[]) {
  const watcher = await watch(mosquitto.url, mosquitto.fleetUser, topics);
  cleanups.push(() => watcher.close());
  return watcher;
}

function events(received: ReceivedMessage[], topics: KioskTopics): EventMessage[] {
  return received
    .filter((message) => message.topic === topics.events)
    .map((message) => JSON.parse(message.payload) as EventMessage);
}

const distinctIds = (received: EventMessage[]) => new Set(received.map((e) => e.id)).size;

/** Every event at least once; a duplicate keeps its id and seq; new events arrive in seq order. */
function expectEveryEventInOrder(received: EventMessage[]): void {
  const seqById = new Map<string, number>();
  for (const event of received) {
    const known = seqById.get(event.id);
    if (known === undefined) seqById.set(event.id, event.seq);
    else expect(event.seq).toBe(known);
  }
  expect(seqById.size).toBe(TOTAL);
  const firstArrivals = [...seqById.values()];
  expect(firstArrivals).toEqual([...firstArrivals].sort((a, b) => a - b));
  const actions = new Set(received.map((event) => (event.data as { n: number }).n));
  expect(actions.size).toBe(TOTAL);
}

function spawnPublisher(options: PublisherProcessOptions): {
  child: ChildProcess;
  exit: Promise<number | null>;
  output: () => string;
} {
  const child = spawn(
    process.execPath,
    ["--conditions=@linli/source", "--import", "tsx", SCRIPT, JSON.stringify(options)],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return { child, exit, output: () => output };
}

/** An in-process kiosk: store, outbox, client, status, device states and publisher. */
function inProcessKiosk(mosquitto: Mosquitto, devices: [string, DeviceHealth][] = []) {
  const storePath = join(mkdtempSync(join(tmpdir(), "linli-uplink-")), "linli.db");
  const store = new Store(storePath, log);
  store.start();
  const topics = kioskTopics(mosquitto.site, mosquitto.kiosk);
  const outbox = new Outbox(store.db);
  const client: UplinkClient = createUplinkClient(
    {
      url: mosquitto.url,
      ...mosquitto.kioskUser,
      rejectUnauthorized: true,
      telemetryIntervalSeconds: 30,
    },
    {
      clientId: "linli-test-kiosk",
      will: lastWill(topics),
      log,
      backoff: { initialMs: 100, maxMs: 500 },
    },
  );
  const status = new StatusReporter(client, topics, log, {
    versions: { agent: "test" },
    startedAt: new Date(),
    runs: () => ["test"],
  });
  const telemetry = new TelemetryReporter({
    client,
    topics,
    bus: new EventBus(),
    log,
    outbox,
    devices: { list: () => devices.map(([id, health]) => ({ id, family: "printer", health })) },
    storePath,
  });
  // As the uplink service does: every device's retained state on each (re)connect.
  client.on("connected", () => void telemetry.rebirth().catch(() => undefined));
  const publisher = new OutboxPublisher(outbox, client, topics, log);
  status.start();
  telemetry.start();
  publisher.start();
  client.start();
  cleanups.push(async () => {
    telemetry.stop();
    await publisher.stop(0);
    await client.stop(100);
    store.stop();
  });
  return { store, topics, outbox, client, status, publisher };
}

describe("uplink delivery through the outbox", () => {
  it("loses nothing when the publishing process is killed -9 mid-burst and restarted on its store", async () => {
    const mosquitto = await broker();
    const topics = kioskTopics(mosquitto.site, mosquitto.kiosk);
    const watcher = await fleet(mosquitto, [topics.events, topics.status]);
    const options: PublisherProcessOptions = {
      store: join(mkdtempSync(join(tmpdir(), "linli-kill9-")), "linli.db"),
      url: mosquitto.url,
      ...mosquitto.kioskUser,
      site: mosquitto.site,
      kiosk: mosquitto.kiosk,
      total: TOTAL,
    };
    const first = spawnPublisher(options);
    await watcher.waitFor((received) => events(received, topics).length >= 1_000, 30_000);
    first.child.kill("SIGKILL");
    await first.exit;
    // Killed in the middle: the burst not finished, its events not all delivered.
    expect(first.output()).not.toContain("burst done");
    expect(distinctIds(events(watcher.received, topics))).toBeLessThan(TOTAL);
    await watcher.waitFor((received) =>
      received.some((m) => m.topic === topics.status && m.payload.includes('"lost"')),
    );

    const second = spawnPublisher(options);
    expect(await second.exit, second.output()).toBe(0);
    await watcher.waitFor((received) => distinctIds(events(received, topics)) === TOTAL);
    expectEveryEventInOrder(events(watcher.received, topics));
  });

  it("loses nothing when the broker is stopped under traffic and started again", async () => {
    const mosquitto = await broker();
    const kiosk = inProcessKiosk(mosquitto);
    const watcher = await fleet(mosquitto, [kiosk.topics.events]);
    const add = kiosk.store.db.transaction((n: number) =>
      kiosk.outbox.add("test.burst", { n }, Priority.kept),
    );
    const produce = async (from: number, to: number, pauseMs: number) => {
      for (let n = from; n < to; n++) {
        add(n);
        if (n % 100 === 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    const outages: string[] = [];
    kiosk.client.on("disconnected", (info) => outages.push(info.error?.code ?? "stopped"));
    await produce(0, 3_000, 5);
    await mosquitto.stop();
    await produce(3_000, 6_000, 40); // about a second without a broker
    expect(kiosk.outbox.status().depth).toBeGreaterThan(3_000);
    await mosquitto.restart();
    await produce(6_000, TOTAL, 5);
    await watcher.waitFor((received) => distinctIds(events(received, kiosk.topics)) === TOTAL);
    expectEveryEventInOrder(events(watcher.received, kiosk.topics));
    expect(outages[0]).toBe("LINLI_ERR_UPLINK_CONNECTION_LOST");
    await kiosk.publisher.drained();
    expect(kiosk.outbox.status().depth).toBe(0);
  });

  it("keeps the retained status and device state across a broker restart with persistence", async () => {
    const mosquitto = await broker();
    const printer = {
      state: "ready",
      connected: true,
      lastSeen: null,
      errorCount: 0,
      lastError: null,
      detail: { paper: "near-end" },
    } satisfies DeviceHealth;
    const kiosk = inProcessKiosk(mosquitto, [["printer-1", printer]]);
    const retainedTopics = [kiosk.topics.status, kiosk.topics.deviceState("printer-1")];
    const before = await fleet(mosquitto, retainedTopics);
    await before.waitFor((received) => received.length >= 2);
    await mosquitto.stop();
    // Held back while the broker is down, so nothing is republished after the restart.
    await kiosk.client.stop(100);
    await mosquitto.restart();

    const after = await watch(mosquitto.url, mosquitto.fleetUser, retainedTopics, { clean: true });
    cleanups.push(() => after.close());
    await after.waitFor((received) => received.length >= 2);
    const retained = (received: ReceivedMessage[], topic: string) => {
      const last = received.filter((m) => m.topic === topic).at(-1);
      return last && { retain: last.retain, payload: JSON.parse(last.payload) as unknown };
    };
    expect(retained(after.received, kiosk.topics.deviceState("printer-1"))).toEqual({
      retain: true,
      payload: { deviceId: "printer-1", at: expect.any(String), health: printer },
    });
    // Mosquitto published the kiosk's will as it shut down, and kept it.
    expect(retained(after.received, kiosk.topics.status)).toEqual({
      retain: true,
      payload: { status: "offline", reason: "lost" },
    });

    kiosk.client.start();
    await after.waitFor(
      (received) =>
        (retained(received, kiosk.topics.status)?.payload as { status?: string } | undefined)
          ?.status === "online",
    );
  });
});
