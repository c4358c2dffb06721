import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import { CommandRouter } from "./commands.js";
import { type CommandRigOptions, commandRig, connectClient, uplinkPort } from "./testing.js";
import { kioskTopics } from "./topics.js";

const topics = kioskTopics("weifang-xincun", "kiosk-01");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const connect = (url: string) => connectClient(url, (end) => cleanups.push(end));
const harness = (options: CommandRigOptions = {}) =>
  commandRig(options, (cleanup) => cleanups.push(cleanup));

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
