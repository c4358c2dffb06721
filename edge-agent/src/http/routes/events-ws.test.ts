import type { AddressInfo } from "node:net";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { type DisplayState, EventsMessage } from "@linli/protocols/api";
import Fastify from "fastify";
import { Compile } from "typebox/compile";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { EventBus } from "../../bus.js";
import { type DeviceHealth, initialHealth } from "../../devices/device.js";
import { relayJobStates } from "../../devices/jobs/job-events.js";
import { JobStore } from "../../devices/jobs/job-store.js";
import { createLogger } from "../../log.js";
import { Store } from "../../store/index.js";
import { registerErrorHandlers } from "../errors.js";
import type { HttpApp } from "../types.js";
import { EventStream, type EventStreamOptions, eventsWebSocketRoutes } from "./events-ws.js";

const checkMessage = Compile(EventsMessage);
const ready: DeviceHealth = { ...initialHealth(), state: "ready", connected: true };

interface Served {
  bus: EventBus;
  stream: EventStream;
  url: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options: Partial<EventStreamOptions> = {}): Promise<Served> {
  const bus = new EventBus();
  const stream = new EventStream({
    bus,
    devices: { list: () => [{ id: "printer-1", health: ready }] },
    ...options,
  });
  stream.start();
  const app: HttpApp = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(app, { appShell: false });
  await app.register(eventsWebSocketRoutes(stream), { prefix: "/api/v1" });
  await app.listen({ host: "127.0.0.1", port: 0 });
  cleanups.push(async () => {
    stream.stop();
    await app.close();
  });
  const { port } = app.server.address() as AddressInfo;
  return { bus, stream, url: `ws://127.0.0.1:${port}/api/v1/events` };
}

interface Client {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  closed: Promise<number>;
}

async function connect(url: string): Promise<Client> {
  const socket = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  cleanups.push(async () => {
    socket.terminate();
  });
  return { socket, messages, closed };
}

async function until(check: () => boolean, ms = 5_000, what = "a condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the events WebSocket", () => {
  it("sends each device's state on connect, then device.state, device.event and job.state", async () => {
    const { bus, url } = await serve();
    const client = await connect(url);
    await until(() => client.messages.length === 1, 5_000, "the snapshot");
    bus.emit("deviceHealth", { deviceId: "lockers-1", health: { ...ready, state: "door_open" } });
    bus.emit("deviceEvent", {
      deviceId: "lockers-1",
      type: "door_closed",
      data: { board: 1, lock: 2 },
    });
    bus.emit("jobState", {
      jobId: "j1",
      deviceId: "printer-1",
      kind: "print",
      state: "held",
      detail: "paper out",
    });
    await until(() => client.messages.length === 4, 5_000, "three messages");
    expect(client.messages).toEqual([
      { type: "device.state", deviceId: "printer-1", at: expect.any(String), health: ready },
      {
        type: "device.state",
        deviceId: "lockers-1",
        at: expect.any(String),
        health: { ...ready, state: "door_open" },
      },
      {
        type: "device.event",
        deviceId: "lockers-1",
        at: expect.any(String),
        event: "door_closed",
        data: { board: 1, lock: 2 },
      },
      {
        type: "job.state",
        jobId: "j1",
        deviceId: "printer-1",
        at: expect.any(String),
        kind: "print",
        state: "held",
        detail: "paper out",
      },
    ]);
    for (const message of client.messages) expect(checkMessage.Check(message)).toBe(true);
  });

  it("tells a screen as it connects whether it is dark, and each time that changes", async () => {
    const asleep: DisplayState = {
      phase: "asleep",
      dark: true,
      brightnessPercent: null,
      backlight: null,
      wokenUntil: null,
      since: "2024-06-07T14:30:00.000Z",
    };
    const { bus, url } = await serve({
      devices: { list: () => [] },
      display: { state: () => asleep },
    });
    const client = await connect(url);
    await until(() => client.messages.length === 1, 5_000, "the display's state");
    const woken: DisplayState = {
      ...asleep,
      phase: "woken",
      dark: false,
      wokenUntil: "2024-06-07T15:02:00.000Z",
    };
    bus.emit("displayState", woken);
    await until(() => client.messages.length === 2, 5_000, "the woken state");
    expect(client.messages).toEqual([
      { type: "display.state", at: expect.any(String), display: asleep },
      { type: "display.state", at: expect.any(String), display: woken },
    ]);
    for (const message of client.messages) expect(checkMessage.Check(message)).toBe(true);
  });

  it("masks phone numbers and never sends a scanned code", async () => {
    const { bus, url } = await serve({ devices: { list: () => [] } });
    const client = await connect(url);
    bus.emit("deviceEvent", { deviceId: "scanner-1", type: "scan", data: { code: "PICKUP-9911" } });
    bus.emit("deviceHealth", {
      deviceId: "printer-1",
      health: { ...ready, lastError: "call 13812345678" },
    });
    await until(() => client.messages.length === 2);
    const text = JSON.stringify(client.messages);
    expect(text).not.toContain("PICKUP-9911");
    expect(text).not.toContain("13812345678");
    expect(client.messages[0]).toMatchObject({ event: "scan", data: { codeLength: 11 } });
  });

  it("ignores malformed client messages and keeps streaming", async () => {
    const { bus, url, stream } = await serve({ devices: { list: () => [] } });
    const client = await connect(url);
    client.socket.send("not json");
    client.socket.send("{}");
    client.socket.send(Buffer.from([0xff, 0x00, 0x13]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    bus.emit("deviceEvent", { deviceId: "rating-1", type: "rating_press", data: { level: 5 } });
    await until(() => client.messages.length === 1);
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    expect(stream.stats).toMatchObject({ clients: 1, closedAbusive: 0 });
  });

  it("closes a client that sends more than 20 messages a second (1008)", async () => {
    const { url, stream } = await serve();
    const client = await connect(url);
    for (let i = 0; i < 25; i += 1) client.socket.send("hi");
    expect(await client.closed).toBe(1008);
    expect(stream.stats).toMatchObject({ clients: 0, closedAbusive: 1 });
  });

  it("closes a client that sends a message over 64 KB (1009)", async () => {
    const { url } = await serve();
    const client = await connect(url);
    client.socket.send("x".repeat(65 * 1024));
    expect(await client.closed).toBe(1009);
  });

  it("drops a client that stops reading, instead of buffering without bound", async () => {
    const { bus, url, stream } = await serve({
      maxBufferedBytes: 256 * 1024,
      heartbeatMs: 60_000,
      devices: { list: () => [] },
    });
    const stalled = await connect(url);
    const reader = await connect(url);
    stalled.socket.pause();
    const detail = { note: "x".repeat(16 * 1024) };
    for (let i = 0; i < 4_000 && stream.stats.droppedSlow === 0; i += 1) {
      bus.emit("deviceHealth", {
        deviceId: "printer-1",
        health: { ...ready, errorCount: i, detail },
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(stream.stats).toMatchObject({ droppedSlow: 1, clients: 1 });
    stalled.socket.resume();
    await stalled.closed;
    expect(reader.socket.readyState).toBe(WebSocket.OPEN);
    await until(() => reader.messages.length > 100);
  });

  it("drops a client that does not answer pings", async () => {
    const { url, stream } = await serve({ heartbeatMs: 50 });
    const alive = await connect(url);
    const dead = await connect(url);
    dead.socket.pause();
    await until(() => stream.stats.droppedDead === 1, 5_000, "the dead client to be dropped");
    expect(stream.stats.clients).toBe(1);
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
  });

  it("turns clients away beyond its limit with 1013", async () => {
    const { url } = await serve({ maxClients: 1 });
    await connect(url);
    const second = await connect(url);
    expect(await second.closed).toBe(1013);
  });
});

describe("relayJobStates", () => {
  it("puts each job state change on the bus after it commits, without repeats", async () => {
    const store = new Store(":memory:", createLogger({ level: "silent" }));
    store.start();
    cleanups.push(async () => store.stop());
    const jobs = new JobStore(store.db);
    const bus = new EventBus();
    relayJobStates(jobs, bus);
    const seen: string[] = [];
    bus.on(seen, "jobState", ({ state, detail }) =>
      seen.push(`${state}${detail ? `: ${detail}` : ""}`),
    );
    const job = jobs.create("printer-1", "print", {});
    jobs.transition(job.id, ["queued"], "held", { error: "paper out" });
    jobs.transition(job.id, ["held"], "held", { error: "paper out" });
    jobs.transition(job.id, ["held"], "held", { error: "cover open" });
    jobs.transition(job.id, ["held"], "running", { error: null });
    jobs.transition(job.id, ["running"], "running", { countAttempt: true });
    jobs.transition(job.id, ["running"], "done");
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual(["queued", "held: paper out", "held: cover open", "running", "done"]);
  });
});
