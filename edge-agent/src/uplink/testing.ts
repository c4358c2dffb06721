import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { EmbeddedBroker } from "../broker/broker.js";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import { type CommandHooks, CommandRouter } from "./commands.js";
import type { UplinkPort } from "./port.js";
import { kioskTopics } from "./topics.js";

/** Test support: a plain mqtt.js client seen as the uplink port the agent's services use. */
export function uplinkPort(client: MqttClient): UplinkPort {
  return {
    publish: async (topic, payload, { qos, retain }) => {
      await client.publishAsync(topic, payload, { qos, retain });
    },
    subscribe: async (topic, qos) => {
      await client.subscribeAsync(topic, { qos });
    },
    onMessage: (handler) => {
      client.on("message", handler);
      return () => client.off("message", handler);
    },
  };
}

/** Connects a test client; `onCleanup` receives how to end it. */
export async function connectClient(
  url: string,
  onCleanup: (end: () => unknown) => void,
): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  onCleanup(() => client.endAsync(true));
  return client;
}

/** The kiosk section the command rig's config starts from. */
export const COMMAND_RIG_CONFIG = {
  kiosk: {
    site: "weifang-xincun",
    id: "kiosk-01",
    name: "潍坊新村邻里中心",
    location: { lng: 121.52, lat: 31.23, datum: "wgs84" },
  },
};

export interface CommandRigOptions {
  hooks?: CommandHooks;
  storePath?: string;
  reconnectTimeoutMs?: number;
  /** Told when the broker acknowledged a publish of the agent's. */
  onPublish?: (topic: string) => void;
}

export interface CommandRig {
  router: CommandRouter;
  /** The router's log lines. */
  lines: Record<string, unknown>[];
  /** Publishes as upstream would. */
  send(name: string, payload: unknown): Promise<void>;
  /** Results seen on cmd/{name}/result, in order. */
  results: { topic: string; result: Record<string, unknown> }[];
  /** Resolves once this many results arrived; fails after 2 s. */
  until(count: number): Promise<void>;
  storePath: string;
  url: string;
}

/**
 * Test support: a command router on its own store, over an embedded broker,
 * with an upstream client that sends commands and collects their results.
 */
export async function commandRig(
  options: CommandRigOptions,
  onCleanup: (cleanup: () => unknown) => void,
): Promise<CommandRig> {
  const topics = kioskTopics(COMMAND_RIG_CONFIG.kiosk.site, COMMAND_RIG_CONFIG.kiosk.id);
  const silent = createLogger({ level: "silent" });
  const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, silent);
  await broker.start();
  onCleanup(() => broker.stop());
  const storePath =
    options.storePath ?? join(mkdtempSync(join(tmpdir(), "linli-cmd-")), "linli.db");
  const store = new Store(storePath, silent);
  store.start();
  onCleanup(() => store.stop());
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: "info",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  const client = uplinkPort(await connectClient(broker.url, onCleanup));
  const router = new CommandRouter({
    db: store.db,
    client: {
      ...client,
      publish: async (topic, payload, publishOptions) => {
        await client.publish(topic, payload, publishOptions);
        options.onPublish?.(topic);
      },
    },
    topics,
    log,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.reconnectTimeoutMs === undefined
      ? {}
      : { reconnectTimeoutMs: options.reconnectTimeoutMs }),
  });
  await router.start();
  onCleanup(() => router.stop());
  const upstream = await connectClient(broker.url, onCleanup);
  const results: CommandRig["results"] = [];
  upstream.on("message", (topic, payload) =>
    results.push({ topic, result: JSON.parse(payload.toString()) }),
  );
  await upstream.subscribeAsync(`${topics.base}/cmd/+/result`, { qos: 1 });
  return {
    router,
    lines,
    results,
    storePath,
    url: broker.url,
    send: async (name, payload) => {
      const text = typeof payload === "string" ? payload : JSON.stringify(payload);
      await upstream.publishAsync(name === "config" ? topics.config : topics.command(name), text, {
        qos: 1,
      });
    },
    until: async (count) => {
      const deadline = Date.now() + 2_000;
      while (results.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} command results, got ${results.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
