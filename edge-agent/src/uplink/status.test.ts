import { describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import type { PublishOptions, UplinkClientEvents, UplinkConnection } from "./client.js";
import { lastWill, StatusReporter } from "./status.js";
import { kioskTopics } from "./topics.js";

const topics = kioskTopics("site-a", "kiosk-01");
const log = createLogger({ level: "silent" });

interface Published {
  topic: string;
  payload: unknown;
  options: PublishOptions;
}

class FakeConnection implements UplinkConnection {
  isConnected = false;
  receiveMaximum = 65_535;
  published: Published[] = [];
  answer: "ack" | "never" = "ack";
  #connected = new Set<(info: UplinkClientEvents["connected"]) => void>();

  on<K extends keyof UplinkClientEvents>(
    event: K,
    listener: (info: UplinkClientEvents[K]) => void,
  ): () => void {
    if (event !== "connected") return () => {};
    const typed = listener as (info: UplinkClientEvents["connected"]) => void;
    this.#connected.add(typed);
    return () => this.#connected.delete(typed);
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): Promise<void> {
    this.published.push({ topic, payload: JSON.parse(payload.toString()), options });
    return this.answer === "ack" ? Promise.resolve() : new Promise(() => {});
  }

  connect(): void {
    this.isConnected = true;
    for (const listener of this.#connected)
      listener({ protocolVersion: 5, sessionPresent: false, receiveMaximum: 20 });
  }
}

function reporter(connection: FakeConnection) {
  return new StatusReporter(connection, topics, log, {
    versions: { agent: "0.1.0", node: "20.19.0" },
    startedAt: new Date("2025-05-01T08:00:00.000Z"),
    runs: () => ["http", "broker", "printer-1"],
    shutdownTimeoutMs: 20,
  });
}

describe("the kiosk status", () => {
  it("connects with a retained offline last will, reason lost", () => {
    const will = lastWill(topics);
    expect(will).toMatchObject({ topic: "linli/v1/site-a/kiosk-01/status", qos: 1, retain: true });
    expect(JSON.parse(will.payload.toString())).toEqual({ status: "offline", reason: "lost" });
  });

  it("publishes a retained online status with versions, start time and what runs, on every connect", () => {
    const connection = new FakeConnection();
    reporter(connection).start();
    connection.connect();
    connection.connect();
    expect(connection.published).toHaveLength(2);
    const [first] = connection.published;
    expect(first?.topic).toBe(topics.status);
    expect(first?.options).toEqual({ qos: 1, retain: true });
    expect(first?.payload).toMatchObject({
      status: "online",
      versions: { agent: "0.1.0", node: "20.19.0" },
      startedAt: "2025-05-01T08:00:00.000Z",
      runs: ["http", "broker", "printer-1"],
    });
    expect(first?.payload).toHaveProperty("at", expect.any(String));
  });

  it("republishes only the retained online status on rebirth (device states are telemetry's)", async () => {
    const connection = new FakeConnection();
    connection.isConnected = true;
    await reporter(connection).rebirth();
    expect(connection.published.map(({ topic, options }) => [topic, options.retain])).toEqual([
      [topics.status, true],
    ]);
    expect(connection.published[0]?.payload).toMatchObject({ status: "online" });
  });

  it("publishes a retained offline status, reason shutdown, when stopped cleanly", async () => {
    const connection = new FakeConnection();
    const status = reporter(connection);
    status.start();
    connection.connect();
    await status.stop();
    expect(connection.published.at(-1)).toMatchObject({
      topic: topics.status,
      payload: { status: "offline", reason: "shutdown" },
      options: { qos: 1, retain: true },
    });
    connection.connect();
    expect(connection.published.at(-1)?.payload).toMatchObject({ status: "offline" });
  });

  it("does not hold up shutdown when the broker never confirms", async () => {
    const connection = new FakeConnection();
    connection.isConnected = true;
    connection.answer = "never";
    const started = Date.now();
    await reporter(connection).stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
