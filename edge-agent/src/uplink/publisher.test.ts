import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import type { PublishOptions, UplinkClientEvents, UplinkConnection } from "./client.js";
import { Outbox, Priority } from "./outbox.js";
import { type EventMessage, OutboxPublisher } from "./publisher.js";
import { kioskTopics } from "./topics.js";

const log = createLogger({ level: "silent" });
const topics = kioskTopics("site-a", "kiosk-01");

interface Sent {
  topic: string;
  message: EventMessage;
  qos: number | undefined;
  ack: () => void;
  refuse: (error: Error) => void;
}

/** A broker connection under the test's control: each publish waits for `ack()`. */
class FakeConnection implements UplinkConnection {
  isConnected = false;
  receiveMaximum = 65_535;
  sent: Sent[] = [];
  #pending = new Set<Sent>();
  #listeners = new Map<string, Set<(info: never) => void>>();

  get inFlight(): number {
    return this.#pending.size;
  }

  on<K extends keyof UplinkClientEvents>(
    event: K,
    listener: (info: UplinkClientEvents[K]) => void,
  ): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (info: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (info: never) => void);
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const sent: Sent = {
        topic,
        message: JSON.parse(payload.toString()) as EventMessage,
        qos: options.qos,
        ack: () => {
          if (this.#pending.delete(sent)) resolve();
        },
        refuse: (error) => {
          if (this.#pending.delete(sent)) reject(error);
        },
      };
      this.#pending.add(sent);
      this.sent.push(sent);
    });
  }

  connect(): void {
    this.isConnected = true;
    this.#emit("connected", { protocolVersion: 5, sessionPresent: true, receiveMaximum: 65_535 });
  }

  drop(): void {
    this.isConnected = false;
    const error = new LinliError("LINLI_ERR_UPLINK_DISCONNECTED", "lost");
    for (const sent of [...this.#pending]) sent.refuse(error);
    this.#emit("disconnected", { error, reconnectInMs: 1000 });
  }

  ackPending(): void {
    for (const sent of [...this.#pending]) sent.ack();
  }

  /** Acknowledges everything in flight, again and again, until nothing more is sent. */
  async ackAll(): Promise<void> {
    for (;;) {
      await tick();
      if (this.#pending.size === 0) return;
      this.ackPending();
    }
  }

  #emit<K extends keyof UplinkClientEvents>(event: K, info: UplinkClientEvents[K]): void {
    for (const listener of this.#listeners.get(event) ?? [])
      (listener as (info: UplinkClientEvents[K]) => void)(info);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Lets wake-ups, acks and the batched outbox deletes (every 20 ms) run. */
const settle = async () => {
  for (let i = 0; i < 3; i++) await tick();
  await new Promise((resolve) => setTimeout(resolve, 30));
};

const stores: Store[] = [];
const publishers: OutboxPublisher[] = [];
afterEach(async () => {
  for (const publisher of publishers.splice(0)) await publisher.stop(0);
  for (const store of stores.splice(0)) store.stop();
});

function setUp(window?: number) {
  const store = new Store(join(mkdtempSync(join(tmpdir(), "linli-publisher-")), "db"), log);
  store.start();
  stores.push(store);
  const outbox = new Outbox(store.db);
  const connection = new FakeConnection();
  const publisher = new OutboxPublisher(outbox, connection, topics, log, {
    window,
    retry: { initialMs: 20, maxMs: 20 },
  });
  publishers.push(publisher);
  return { outbox, connection, publisher };
}

function addEvents(outbox: Outbox, count: number) {
  return Array.from({ length: count }, (_, n) => outbox.add("test.event", { n }, Priority.kept));
}

describe("the outbox publisher", () => {
  it("publishes events in seq order at QoS 1 as {id, seq, type, at, data}", async () => {
    const { outbox, connection, publisher } = setUp();
    const events = addEvents(outbox, 3);
    connection.connect();
    publisher.start();
    await connection.ackAll();
    expect(connection.sent.map((sent) => sent.topic)).toEqual(Array(3).fill(topics.events));
    expect(connection.sent.map((sent) => sent.qos)).toEqual([1, 1, 1]);
    expect(connection.sent.map((sent) => sent.message)).toEqual(
      events.map((event) => ({
        id: event.id,
        seq: event.seq,
        type: "test.event",
        at: event.createdAt,
        data: event.payload,
      })),
    );
  });

  it("deletes an event only once it and every event before it were acknowledged", async () => {
    const { outbox, connection, publisher } = setUp();
    addEvents(outbox, 3);
    connection.connect();
    publisher.start();
    await tick();
    connection.sent[1]?.ack();
    connection.sent[2]?.ack();
    await tick();
    expect(outbox.status().depth).toBe(3);
    connection.sent[0]?.ack();
    await settle();
    expect(outbox.status().depth).toBe(0);
  });

  it("keeps at most a window of events in flight, and no more than the broker takes", async () => {
    const { outbox, connection, publisher } = setUp(10);
    addEvents(outbox, 100);
    connection.connect();
    publisher.start();
    await tick();
    expect(connection.inFlight).toBe(10);
    connection.sent[0]?.ack();
    await tick();
    expect(connection.inFlight).toBe(10);
    expect(connection.sent).toHaveLength(11);

    const capped = setUp(10);
    addEvents(capped.outbox, 100);
    capped.connection.receiveMaximum = 3;
    capped.connection.connect();
    capped.publisher.start();
    await tick();
    expect(capped.connection.inFlight).toBe(3);
  });

  it("sends everything unacknowledged again after a reconnect, with the same ids, oldest first", async () => {
    const { outbox, connection, publisher } = setUp(4);
    const events = addEvents(outbox, 6);
    connection.connect();
    publisher.start();
    await tick();
    connection.sent[0]?.ack();
    connection.sent[2]?.ack();
    await tick();
    connection.drop();
    const before = connection.sent.length;
    connection.connect();
    await connection.ackAll();
    await settle();
    const resent = connection.sent.slice(before).map((sent) => sent.message.id);
    expect(resent).toEqual(events.slice(1).map((event) => event.id));
    expect(outbox.status().depth).toBe(0);
  });

  it("wakes when an event is added instead of polling", async () => {
    const { outbox, connection, publisher } = setUp();
    connection.connect();
    publisher.start();
    await tick();
    expect(connection.sent).toHaveLength(0);
    const event = outbox.add("door.opened", { lock: 3 });
    await settle();
    expect(connection.sent.map((sent) => sent.message.id)).toEqual([event.id]);
  });

  it("keeps an event the broker refuses and tries it again after a pause", async () => {
    const { outbox, connection, publisher } = setUp();
    const [event] = addEvents(outbox, 1);
    connection.connect();
    publisher.start();
    await tick();
    connection.sent[0]?.refuse(new LinliError("LINLI_ERR_UPLINK_PUBLISH_REFUSED", "no"));
    await tick();
    expect(outbox.status().depth).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(connection.sent.map((sent) => sent.message.id)).toEqual([event?.id, event?.id]);
    await connection.ackAll();
    await settle();
    expect(outbox.status().depth).toBe(0);
  });

  it("drains a backlog while holding no more than a window in flight", async () => {
    const { outbox, connection, publisher } = setUp(50);
    addEvents(outbox, 5_000);
    connection.connect();
    publisher.start();
    let done = false;
    void publisher.drained().then(() => {
      done = true;
    });
    let most = 0;
    while (!done) {
      await tick();
      most = Math.max(most, connection.inFlight);
      connection.ackPending();
    }
    expect(most).toBe(50);
    expect(new Set(connection.sent.map((sent) => sent.message.seq)).size).toBe(5_000);
    expect(outbox.status().depth).toBe(0);
  });
});
