import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../config/index.js";
import type { CommandHooks } from "./commands.js";
import { COMMAND_RIG_CONFIG, type CommandRigOptions, commandRig } from "./testing.js";
import { kioskTopics } from "./topics.js";

const topics = kioskTopics("weifang-xincun", "kiosk-01");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const harness = (options: CommandRigOptions = {}) =>
  commandRig(options, (cleanup) => cleanups.push(cleanup));

describe("set-config", () => {
  function configHooks(reconnects: (next: Config, signal?: AbortSignal) => Promise<boolean>) {
    let current = loadConfig({ env: {}, base: COMMAND_RIG_CONFIG }).config;
    const applied: Config[] = [];
    const hooks: CommandHooks = {
      currentConfig: () => current,
      applyConfig: async (next, signal) => {
        applied.push(next);
        current = next;
        return reconnects(next, signal);
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

  it("refuses, with the kiosk's own code, a change its checkConfig refuses, applying nothing", async () => {
    const config = configHooks(async () => true);
    const h = await harness({
      hooks: {
        ...config.hooks,
        checkConfig: ({ changed }) => {
          if (changed.includes("http"))
            throw new LinliError("LINLI_ERR_CONFIG_NOT_LIVE", "http is read at start");
        },
      },
    });
    await h.send("set-config", { id: "s-7", config: { http: { port: 9090 } } });
    await h.until(1);
    expect(h.results[0]?.result).toMatchObject({
      id: "s-7",
      status: "error",
      error: { code: "LINLI_ERR_CONFIG_NOT_LIVE", message: "http is read at start" },
    });
    expect(config.applied).toEqual([]);
  });

  it("saves what it applied, and rolls back what it could not save", async () => {
    const config = configHooks(async () => true);
    const saved: unknown[] = [];
    let disk = "fine";
    const h = await harness({
      hooks: {
        ...config.hooks,
        saveConfig: ({ patch }) => {
          if (disk === "full")
            throw new LinliError("LINLI_ERR_CONFIG_NOT_SAVED", "the store's folder is full");
          saved.push(patch);
        },
      },
    });
    await h.send("set-config", { id: "s-8", config: { uplink: { telemetryIntervalSeconds: 60 } } });
    await h.until(1);
    expect(saved).toEqual([{ uplink: { telemetryIntervalSeconds: 60 } }]);
    disk = "full";
    await h.send("set-config", { id: "s-9", config: { uplink: { telemetryIntervalSeconds: 90 } } });
    await h.until(2);
    expect(h.results[1]?.result).toMatchObject({
      id: "s-9",
      error: {
        code: "LINLI_ERR_CONFIG_NOT_SAVED",
        message: expect.stringContaining("the previous config is back"),
      },
    });
    expect(config.current().uplink.telemetryIntervalSeconds).toBe(60);
  });

  it("says what the uplink last saw when it did not reconnect in time", async () => {
    const config = configHooks((next, signal?: AbortSignal) =>
      next.uplink.url === undefined
        ? Promise.resolve(true)
        : new Promise((_, reject) =>
            signal?.addEventListener("abort", () =>
              reject(
                new LinliError("LINLI_ERR_UPLINK_RECONNECT_TIMEOUT", "not in time", {
                  cause: new LinliError("LINLI_ERR_UPLINK_UNREACHABLE", "cannot reach the broker"),
                }),
              ),
            ),
          ),
    );
    const h = await harness({ hooks: config.hooks, reconnectTimeoutMs: 100 });
    await h.send("set-config", { id: "s-10", config: { uplink: { url: "mqtt://slow:1883" } } });
    await h.until(1);
    expect(h.results[0]?.result).toMatchObject({
      error: {
        message: expect.stringContaining(
          "did not reconnect within 0.1 s (last: LINLI_ERR_UPLINK_UNREACHABLE: cannot reach the broker)",
        ),
      },
    });
  });

  it("takes a setting away where the command says null", async () => {
    const config = configHooks(async () => true);
    const h = await harness({ hooks: config.hooks });
    await h.send("set-config", { id: "s-11", config: { uplink: { username: "kiosk-01" } } });
    await h.send("set-config", { id: "s-12", config: { uplink: { username: null } } });
    await h.until(2);
    expect(config.applied.map((c) => c.uplink.username)).toEqual(["kiosk-01", undefined]);
  });
});
