// The outbox (DESIGN.md: durable enqueue ≥ 10,000 events/s; delivery to a
// local broker ≥ 5,000 msg/s; a 1,000,000-event backlog drains with bounded
// memory), each against a baseline measured in the same run: plain INSERTs into
// a bare table, and plain mqtt.js publishing the same messages at QoS 1.
// LINLI_BENCH_BACKLOG overrides the backlog size (default 1,000,000).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { createLogger } from "../../edge-agent/src/log.js";
import { Store } from "../../edge-agent/src/store/index.js";
import { createUplinkClient, type UplinkClient } from "../../edge-agent/src/uplink/client.js";
import { Outbox, Priority } from "../../edge-agent/src/uplink/outbox.js";
import { eventMessage, OutboxPublisher } from "../../edge-agent/src/uplink/publisher.js";
import { kioskTopics } from "../../edge-agent/src/uplink/topics.js";
import { type Mosquitto, startMosquitto } from "../support/mosquitto.js";
import { report } from "./harness.js";

const ENQUEUE_EVENTS = 20_000;
const DELIVERY_EVENTS = 20_000;
const BACKLOG_EVENTS = Number(process.env.LINLI_BENCH_BACKLOG ?? 1_000_000);
const log = createLogger({ level: "warn", destination: process.stderr });

/** A rating, the kind of event the outbox carries most. */
const payload = (n: number) => ({
  score: 1 + (n % 5),
  reasons: n % 5 === 0 ? ["waited too long"] : [],
  service: "breakfast",
  outletId: `outlet-${n % 400}`,
});

function openStore(): Store {
  const store = new Store(join(mkdtempSync(join(tmpdir(), "linli-bench-outbox-")), "db"), log);
  store.start();
  return store;
}

const perSecond = (count: number, ms: number) => count / (ms / 1000);

function benchEnqueue(): void {
  const store = openStore();
  const outbox = new Outbox(store.db);
  const add = store.db.transaction((n: number) =>
    outbox.add("rating.created", payload(n), Priority.kept),
  );
  store.db.exec("CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
  const insert = store.db.prepare("INSERT INTO bare (payload) VALUES (?)");
  for (let n = 0; n < 1_000; n++) {
    add(n);
    insert.run(JSON.stringify(payload(n)));
  }
  let start = performance.now();
  for (let n = 0; n < ENQUEUE_EVENTS; n++) add(n);
  const outboxRate = perSecond(ENQUEUE_EVENTS, performance.now() - start);
  start = performance.now();
  for (let n = 0; n < ENQUEUE_EVENTS; n++) insert.run(JSON.stringify(payload(n)));
  const bareRate = perSecond(ENQUEUE_EVENTS, performance.now() - start);
  report({
    name: "outbox durable enqueue (a transaction per event, WAL)",
    value: outboxRate,
    unit: "events/s",
    baseline: { name: "plain INSERT into a bare table", value: bareRate },
    better: "higher",
    target: "≥ 10,000 events/s",
  });
  store.stop();
}

function connectedClient(mosquitto: Mosquitto, clientId: string): Promise<UplinkClient> {
  const client = createUplinkClient(
    {
      url: mosquitto.url,
      ...mosquitto.kioskUser,
      rejectUnauthorized: true,
      telemetryIntervalSeconds: 30,
    },
    { clientId, log },
  );
  const connected = new Promise<UplinkClient>((resolve) =>
    client.on("connected", () => resolve(client)),
  );
  client.start();
  return connected;
}

/** Fills the outbox in one transaction, through `Outbox.add` or, for a big backlog, in SQL. */
function fill(store: Store, outbox: Outbox, count: number): void {
  if (count <= 100_000) {
    store.db.transaction(() => {
      for (let n = 0; n < count; n++) outbox.add("rating.created", payload(n), Priority.kept);
    })();
    return;
  }
  // Outbox.add trims every 1,000 adds with a full scan; rows made in SQL are the same rows,
  // with ids in ascending order so the unique index is appended to, not scattered into.
  const sample = JSON.stringify(payload(1));
  store.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO outbox (id, type, priority, payload, bytes, created_at)
       SELECT printf('00000000-0000-4000-8000-%012d', i), 'rating.created', ?, ?, ?, ? FROM n`,
    )
    .run(count, Priority.kept, sample, Buffer.byteLength(sample), new Date().toISOString());
}

async function drain(
  mosquitto: Mosquitto,
  store: Store,
  clientId: string,
  onProgress?: (acknowledged: number) => void,
) {
  const outbox = new Outbox(store.db);
  const client = await connectedClient(mosquitto, clientId);
  const topics = kioskTopics(mosquitto.site, mosquitto.kiosk);
  const publisher = new OutboxPublisher(outbox, client, topics, log);
  const start = performance.now();
  const progress = setInterval(() => onProgress?.(publisher.stats.acknowledged), 50);
  publisher.start();
  await publisher.drained();
  const ms = performance.now() - start;
  clearInterval(progress);
  await publisher.stop();
  await client.stop();
  return { ms, receiveMaximum: client.receiveMaximum };
}

async function plainMqtt(mosquitto: Mosquitto, messages: string[]): Promise<number> {
  const topics = kioskTopics(mosquitto.site, mosquitto.kiosk);
  const client = await mqtt.connectAsync(mosquitto.url, {
    ...mosquitto.kioskUser,
    protocolVersion: 5,
    clientId: "bench-plain",
  });
  const start = performance.now();
  await Promise.all(
    messages.map((message) => client.publishAsync(topics.events, message, { qos: 1 })),
  );
  const ms = performance.now() - start;
  await client.endAsync();
  return ms;
}

async function benchDelivery(mosquitto: Mosquitto): Promise<void> {
  const store = openStore();
  const outbox = new Outbox(store.db);
  fill(store, outbox, DELIVERY_EVENTS);
  const messages = outbox
    .next(0, DELIVERY_EVENTS)
    .map((event) => JSON.stringify(eventMessage(event)));
  const plainMs = await plainMqtt(mosquitto, messages);
  const { ms, receiveMaximum } = await drain(mosquitto, store, "bench-outbox");
  report({
    name: `delivery through the outbox, QoS 1 (window ${Math.min(100, receiveMaximum)})`,
    value: perSecond(DELIVERY_EVENTS, ms),
    unit: "msg/s",
    baseline: {
      name: "plain mqtt.js QoS 1, all at once",
      value: perSecond(DELIVERY_EVENTS, plainMs),
    },
    better: "higher",
    target: "≥ 5,000 msg/s",
  });
  store.stop();
}

const rssMegabytes = () => process.memoryUsage().rss / 1024 / 1024;

async function benchBacklog(mosquitto: Mosquitto): Promise<void> {
  const store = openStore();
  const outbox = new Outbox(store.db);
  let start = performance.now();
  fill(store, outbox, BACKLOG_EVENTS);
  const buildMs = performance.now() - start;

  // Adding while a deep backlog waits, as a kiosk does during a long outage.
  const add = store.db.transaction((n: number) =>
    outbox.add("rating.created", payload(n), Priority.kept),
  );
  start = performance.now();
  for (let n = 0; n < 10_000; n++) add(n);
  const deepRate = perSecond(10_000, performance.now() - start);

  const count = BACKLOG_EVENTS + 10_000;
  const before = rssMegabytes();
  let peak = before;
  // Peak RSS per tenth of the backlog: flat tenths mean memory does not grow with the backlog.
  const tenths: number[] = [];
  const { ms } = await drain(mosquitto, store, "bench-backlog", (acknowledged) => {
    const rss = rssMegabytes();
    peak = Math.max(peak, rss);
    const tenth = Math.min(9, Math.floor((acknowledged / count) * 10));
    tenths[tenth] = Math.max(tenths[tenth] ?? 0, rss);
  });
  peak = Math.max(peak, rssMegabytes());
  process.stdout.write(
    `peak RSS (MB) per tenth of the drain: ${tenths.map((mb) => mb.toFixed(0)).join(", ")}\n`,
  );
  process.stdout.write(
    `backlog of ${count} built in ${(buildMs / 1000).toFixed(1)} s; drained in ${(ms / 1000).toFixed(1)} s\n`,
  );
  report({
    name: `drain of a ${count.toLocaleString("en")}-event backlog`,
    value: ms / 1000,
    unit: "s",
    better: "lower",
  });
  report({
    name: "drain rate of the backlog",
    value: perSecond(count, ms),
    unit: "msg/s",
    better: "higher",
    target: "≥ 5,000 msg/s",
  });
  report({
    name: "peak RSS while draining the backlog",
    value: peak,
    unit: "MB",
    baseline: { name: "RSS before draining", value: before },
    better: "lower",
    target: "bounded",
  });
  report({
    name: "outbox durable enqueue behind the backlog",
    value: deepRate,
    unit: "events/s",
    better: "higher",
    target: "≥ 10,000 events/s",
  });
  store.stop();
}

benchEnqueue();
const mosquitto = await startMosquitto();
try {
  await benchDelivery(mosquitto);
  await benchBacklog(mosquitto);
} finally {
  await mosquitto.stop();
}
