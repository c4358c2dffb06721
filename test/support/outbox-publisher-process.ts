// A stand-in for the agent in the kill -9 test: an Outbox and an OutboxPublisher
// on a store file, sending to a broker, while a burst of actions runs — each
// action and its event in one transaction, as the agent's services do. Run with
//   node --conditions=@linli/source --import tsx outbox-publisher-process.ts '<json>'
// A restart on the same store carries the burst on from the last committed action.
import { fileURLToPath } from "node:url";
import { createLogger } from "../../edge-agent/src/log.js";
import { Store } from "../../edge-agent/src/store/index.js";
import { createUplinkClient } from "../../edge-agent/src/uplink/client.js";
import { Outbox, Priority } from "../../edge-agent/src/uplink/outbox.js";
import { OutboxPublisher } from "../../edge-agent/src/uplink/publisher.js";
import { lastWill, StatusReporter } from "../../edge-agent/src/uplink/status.js";
import { kioskTopics } from "../../edge-agent/src/uplink/topics.js";

export interface PublisherProcessOptions {
  store: string;
  url: string;
  username: string;
  password: string;
  site: string;
  kiosk: string;
  /** How many actions the burst has in all, across restarts. */
  total: number;
}

export const PUBLISHER_PROCESS_SCRIPT = fileURLToPath(import.meta.url);

async function main(options: PublisherProcessOptions): Promise<void> {
  const log = createLogger({ level: "warn", destination: process.stderr });
  const store = new Store(options.store, log);
  store.start();
  const { db } = store;
  db.exec("CREATE TABLE IF NOT EXISTS burst_actions (n INTEGER PRIMARY KEY) STRICT");
  const outbox = new Outbox(db);
  const topics = kioskTopics(options.site, options.kiosk);
  const client = createUplinkClient(
    {
      url: options.url,
      username: options.username,
      password: options.password,
      rejectUnauthorized: true,
      telemetryIntervalSeconds: 30,
    },
    {
      clientId: `linli-${options.site}-${options.kiosk}`,
      will: lastWill(topics),
      log,
      backoff: { initialMs: 100, maxMs: 1_000 },
    },
  );
  const status = new StatusReporter(client, topics, log, {
    versions: { agent: "test" },
    startedAt: new Date(),
    runs: () => ["burst"],
  });
  const publisher = new OutboxPublisher(outbox, client, topics, log);
  status.start();
  publisher.start();
  client.start();

  const act = db.transaction((n: number) => {
    db.prepare("INSERT INTO burst_actions (n) VALUES (?)").run(n);
    outbox.add("test.burst", { n }, Priority.kept);
  });
  const done = (
    db.prepare("SELECT COALESCE(MAX(n), 0) AS n FROM burst_actions").get() as {
      n: number;
    }
  ).n;
  for (let n = done + 1; n <= options.total; n++) {
    act(n);
    // Let the publisher run beside the burst, as it would beside real actions.
    if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (n % 1_000 === 0) process.stdout.write(`enqueued ${n}\n`);
  }
  process.stdout.write("burst done\n");
  await publisher.drained();
  process.stdout.write("drained\n");
  await publisher.stop();
  await status.stop();
  await client.stop();
  store.stop();
}

if (process.argv[1] === PUBLISHER_PROCESS_SCRIPT)
  await main(JSON.parse(process.argv[2] ?? "{}") as PublisherProcessOptions);
