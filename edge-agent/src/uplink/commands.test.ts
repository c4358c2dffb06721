import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EmbeddedBroker } from "../broker/broker.js";
import { type Config, loadConfig } from "../config/index.js";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import { type CommandHooks, CommandRouter } from "./commands.js";
import { connectClient, uplinkPort } from "./testing.js";
import { kioskTopics } from "./topics.js";

const topics = kioskTopics("weifang-xincun", "kiosk-01");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const connect = (url: string) => connectClient(url, (end) => cleanups.push(end));

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: "info",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { log, lines };
}

const BASE_CONFIG = {
  kiosk: {
    site: "weifang-xincun",
    id: "kiosk-01",
    name: "潍坊新村邻里中心",
    location: { lng: 121.52, lat: 31.23, datum: "wgs84" },
  },
};

interface Harness {
  router: CommandRouter;
  lines: Record<string, unknown>[];
  /** Publishes as upstream would. */
  send(name: string, payload: unknown): Promise<void>;
  /** Results seen on cmd/{name}/result, in order. */
  results: { topic: string; result: Record<string, unknown> }[];
  until(count: number): Promise<void>;
  storePath: string;
  url: string;
}

async function harness(
  options: {
    hooks?: CommandHooks;
    storePath?: string;
    reconnectTimeoutMs?: number;
    /** Told when the broker acknowledged a publish of the agent's. */
    onPublish?: (topic: string) => void;
  } = {},
): Promise<Harness> {
  const broker = new EmbeddedBroker(
    { host: "127.0.0.1", port: 0, wsPort: 0 },
    createLogger({ level: "silent" }),
  );
  await broker.start();
  cleanups.push(() => broker.stop());
  const storePath =
    options.storePath ?? join(mkdtempSync(join(tmpdir(), "linli-cmd-")), "linli.db");
  const store = new Store(storePath, createLogger({ level: "silent" }));
  store.start();
  cleanups.push(() => store.stop());
  const { log, lines } = capturingLog();
  const client = uplinkPort(await connect(broker.url));
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
    hooks: options.hooks,
    reconnectTimeoutMs: options.reconnectTimeoutMs,
  });
  await router.start();
  cleanups.push(() => router.stop());
  const upstream = await connect(broker.url);
  const results: Harness["results"] = [];
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
    until: (count) => vi.waitFor(() => expect(results.length).toBeGreaterThanOrEqual(count)),
  };
}

describe("the command router", () => {
  it("acts once on a command retried three times and gives every retry the same result", async () => {
    const h = await harness();
    const opened: number[] = [];
    h.router.register("open-door", async ({ board, lock }) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      opened.push(board * 100 + lock);
      return { opened: `${board}-${lock}` };
    });
    const command = { id: "c-1", deviceId: "locker-1", board: 1, lock: 3 };
    await h.send("open-door", command);
    await h.send("open-door", command);
    await h.until(2);
    await h.send("open-door", command);
    await h.until(3);
    expect(opened).toEqual([103]);
    expect(h.results.map((r) => r.topic)).toEqual(Array(3).fill(topics.commandResult("open-door")));
    for (const { result } of h.results) {
      expect(result).toEqual({ id: "c-1", status: "ok", data: { opened: "1-3" } });
    }
  });

  it("remembers processed ids across a restart of the agent", async () => {
    const first = await harness();
    first.router.register("print-test", () => ({ printed: true }));
    await first.send("print-test", { id: "p-1", deviceId: "printer-1" });
    await first.until(1);
    first.router.stop();
    const second = await harness({ storePath: first.storePath });
    const printed = vi.fn(() => ({ printed: true }));
    second.router.register("print-test", printed);
    await second.send("print-test", { id: "p-1", deviceId: "printer-1" });
    await second.until(1);
    expect(printed).not.toHaveBeenCalled();
    expect(second.results[0]?.result).toEqual({ id: "p-1", status: "ok", data: { printed: true } });
  });

  it("rejects malformed commands with a reason and keeps working", async () => {
    const h = await harness();
    const opened = vi.fn(() => ({ opened: true }));
    h.router.register("open-door", opened);
    await h.send("open-door", "\u0000garbage{");
    await h.send("open-door", { deviceId: "locker-1", board: 1, lock: 1 });
    await h.send("frobnicate", { id: "u-1" });
    await h.send("open-door", { id: "bad-lock", deviceId: "locker-1", board: 1, lock: 0 });
    await h.send("open-door", { id: "extra", deviceId: "locker-1", board: 1, lock: 1, all: true });
    await h.send("open-door", [1, 2, 3]);
    await h.send("open-door", { id: "good", deviceId: "locker-1", board: 1, lock: 2 });
    await h.until(4);
    const byId = Object.fromEntries(
      h.results.map(({ topic, result }) => [result.id, { topic, result }]),
    );
    expect(byId["u-1"]?.topic).toBe(topics.commandResult("frobnicate"));
    expect(byId["u-1"]?.result).toMatchObject({
      status: "error",
      error: {
        code: "LINLI_ERR_UPLINK_BAD_COMMAND",
        message: expect.stringContaining("unknown command"),
      },
    });
    expect(byId["bad-lock"]?.result).toMatchObject({
      status: "error",
      error: { code: "LINLI_ERR_UPLINK_BAD_COMMAND", message: expect.stringContaining("lock") },
    });
    expect(byId.extra?.result).toMatchObject({
      error: { message: expect.stringContaining("all") },
    });
    expect(byId.good?.result).toEqual({ id: "good", status: "ok", data: { opened: true } });
    expect(opened).toHaveBeenCalledTimes(1);
    const reasons = h.lines.filter((line) => line.msg === "command rejected").map((l) => l.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining("not JSON"),
        expect.stringContaining("no id"),
      ]),
    );
    expect(reasons).toHaveLength(6);
  });

  it("answers a known command nothing handles with an error, and a failing handler with its code", async () => {
    const h = await harness();
    h.router.register("open-door", () => {
      throw new Error("the board did not answer");
    });
    await h.send("print-test", { id: "p-2", deviceId: "printer-1" });
    await h.send("open-door", { id: "o-2", deviceId: "locker-1", board: 1, lock: 1 });
    await h.until(2);
    const codes = Object.fromEntries(h.results.map(({ result }) => [result.id, result.error]));
    expect(codes["p-2"]).toMatchObject({ code: "LINLI_ERR_UPLINK_COMMAND_UNAVAILABLE" });
    expect(codes["o-2"]).toEqual({
      code: "LINLI_ERR_UPLINK_COMMAND_FAILED",
      message: "the board did not answer",
    });
  });

  it("never reruns a command the agent was stopped in the middle of", async () => {
    const first = await harness();
    const started = new Promise<void>((resolve) =>
      first.router.register("open-door", () => {
        resolve();
        return new Promise(() => undefined);
      }),
    );
    await first.send("open-door", { id: "crash", deviceId: "locker-1", board: 1, lock: 1 });
    await started;
    first.router.stop();
    const second = await harness({ storePath: first.storePath });
    const opened = vi.fn();
    second.router.register("open-door", opened);
    await second.send("open-door", { id: "crash", deviceId: "locker-1", board: 1, lock: 1 });
    await second.until(1);
    expect(opened).not.toHaveBeenCalled();
    expect(second.results[0]?.result).toMatchObject({
      id: "crash",
      error: { code: "LINLI_ERR_UPLINK_COMMAND_INTERRUPTED" },
    });
  });

  it("restarts only after the result is out, and only once", async () => {
    const published: string[] = [];
    let restarts = 0;
    let publishedAtRestart: string[] = [];
    const h = await harness({
      onPublish: (topic) => published.push(topic),
      hooks: {
        restart: () => {
          restarts += 1;
          publishedAtRestart = [...published];
        },
      },
    });
    await h.send("restart", { id: "r-1" });
    await h.until(1);
    await h.send("restart", { id: "r-1" });
    await h.until(2);
    expect(restarts).toBe(1);
    expect(publishedAtRestart).toEqual([topics.commandResult("restart")]);
    expect(h.results.map((r) => r.result)).toEqual([
      { id: "r-1", status: "ok", data: { restarting: true } },
      { id: "r-1", status: "ok", data: { restarting: true } },
    ]);
  });

  it("runs rebirth and reload-dataset through their hooks", async () => {
    const h = await harness({
      hooks: { rebirth: () => ({ devices: 2 }), reloadDataset: async () => ({ version: "v7" }) },
    });
    await h.send("rebirth", { id: "b-1" });
    await h.send("reload-dataset", { id: "d-1" });
    await h.until(2);
    expect(h.results.map((r) => r.result.data)).toEqual(
      expect.arrayContaining([{ devices: 2 }, { version: "v7" }]),
    );
  });

  it("keeps at most the configured number of processed ids", async () => {
    const h = await harness();
    h.router.register("print-test", () => null);
    for (const n of [1, 2, 3, 4, 5]) await h.send("print-test", { id: `k-${n}`, deviceId: "p-1" });
    await h.until(5);
    const store = new Store(h.storePath, createLogger({ level: "silent" }));
    store.start();
    cleanups.push(() => store.stop());
    const router = new CommandRouter({
      db: store.db,
      client: uplinkPort(await connect(h.url)),
      topics,
      log: createLogger({ level: "silent" }),
      rememberCount: 3,
    });
    expect(router.prune()).toBe(2);
    expect(router.prune(Date.now() + 8 * 24 * 3600_000)).toBe(3);
  });
});

describe("set-config", () => {
  function configHooks(reconnects: (next: Config) => Promise<boolean>) {
    let current = loadConfig({ env: {}, base: BASE_CONFIG }).config;
    const applied: Config[] = [];
    const hooks: CommandHooks = {
      currentConfig: () => current,
      applyConfig: async (next) => {
        applied.push(next);
        current = next;
        return reconnects(next);
      },
    };
    return { hooks, applied, current: () => current };
  }

  it("applies a valid change once the uplink reconnects with it", async () => {
    const config = configHooks(async () => true);
    const h = await harness({ hooks: config.hooks });
    await h.send("set-config", { id: "s-1", config: { uplink: { telemetryIntervalSeconds: 60 } } });
    await h.until(1);
    expect(h.results[0]?.result).toEqual({
      id: "s-1",
      status: "ok",
      data: { applied: true, changed: ["uplink"] },
    });
    expect(config.current().uplink.telemetryIntervalSeconds).toBe(60);
    expect(config.current().kiosk.name).toBe("潍坊新村邻里中心");
  });

  it("rolls back to the previous config when the uplink cannot reconnect", async () => {
    const config = configHooks(async (next) => next.uplink.url === undefined);
    const h = await harness({ hooks: config.hooks });
    await h.send("set-config", { id: "s-2", config: { uplink: { url: "mqtt://nowhere:1883" } } });
    await h.until(1);
    expect(h.results[0]?.result).toMatchObject({
      id: "s-2",
      status: "error",
      error: {
        code: "LINLI_ERR_UPLINK_CONFIG_ROLLED_BACK",
        message: expect.stringContaining("the previous config is back"),
      },
    });
    expect(config.applied.map((c) => c.uplink.url)).toEqual(["mqtt://nowhere:1883", undefined]);
    expect(config.current().uplink.url).toBeUndefined();
  });

  it("rolls back when reconnecting takes longer than the timeout", async () => {
    const config = configHooks((next) =>
      next.uplink.url === undefined ? Promise.resolve(true) : new Promise(() => undefined),
    );
    const h = await harness({ hooks: config.hooks, reconnectTimeoutMs: 100 });
    await h.send("config", { id: "s-3", config: { uplink: { url: "mqtt://slow:1883" } } });
    await h.until(1);
    expect(h.results[0]?.topic).toBe(topics.commandResult("set-config"));
    expect(h.results[0]?.result).toMatchObject({
      error: {
        code: "LINLI_ERR_UPLINK_CONFIG_ROLLED_BACK",
        message: expect.stringContaining("did not reconnect within 0.1 s"),
      },
    });
    expect(config.current().uplink.url).toBeUndefined();
  });

  it("refuses a config the agent's schema refuses, without applying anything", async () => {
    const config = configHooks(async () => true);
    const h = await harness({ hooks: config.hooks });
    await h.send("set-config", { id: "s-4", config: { uplink: { telemetryIntervalSeconds: 1 } } });
    await h.send("set-config", { id: "s-5", config: { uplink: { colour: "blue" } } });
    await h.send("set-config", '{"id": "s-6", "config": {"__proto__": {"polluted": true}}}');
    await h.until(3);
    const errors = Object.fromEntries(h.results.map(({ result }) => [result.id, result.error]));
    expect(errors["s-4"]).toMatchObject({
      code: "LINLI_ERR_CONFIG_INVALID",
      message: expect.stringContaining("the config's uplink.telemetryIntervalSeconds must be >= 5"),
    });
    expect(errors["s-5"]).toMatchObject({ message: expect.stringContaining("colour") });
    expect(errors["s-6"]).toMatchObject({ message: expect.stringContaining("__proto__") });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(config.applied).toEqual([]);
  });
});
