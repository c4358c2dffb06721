import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatasetApplied, DatasetRejected } from "@linli/protocols/api";
import { Value } from "typebox/value";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EmbeddedBroker } from "../broker/broker.js";
import { createLogger } from "../log.js";
import { OutletRepository } from "../outlets/repository.js";
import { Store } from "../store/index.js";
import { DatasetSync } from "./dataset.js";
import { Outbox } from "./outbox.js";
import { connectClient, uplinkPort } from "./testing.js";
import { kioskTopics } from "./topics.js";

const topics = kioskTopics("weifang-xincun", "kiosk-01");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const connect = (url: string) => connectClient(url, (end) => cleanups.push(end));

const shop = {
  id: "o-1",
  name: "好邻居便利店",
  category: "便利店",
  address: "浦电路 12 号",
  lng: 121.52,
  lat: 31.23,
  hours: "24/7",
};
const pharmacy = { id: "o-2", name: "长者大药房", category: "pharmacy", lng: 121.521, lat: 31.231 };
const breakfast = { id: "o-3", name: "早餐铺", category: "breakfast", lng: 121.519, lat: 31.229 };

async function setup(options: { outbox?: (outbox: Outbox) => Pick<Outbox, "add"> } = {}) {
  const silent = createLogger({ level: "silent" });
  const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, silent);
  await broker.start();
  cleanups.push(() => broker.stop());
  const store = new Store(join(mkdtempSync(join(tmpdir(), "linli-dataset-")), "linli.db"), silent);
  store.start();
  cleanups.push(() => store.stop());
  const outbox = new Outbox(store.db);
  const repository = new OutletRepository(store.db);
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: "info",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  const applied: string[] = [];
  const sync = new DatasetSync({
    db: store.db,
    outbox: options.outbox?.(outbox) ?? outbox,
    outlets: repository,
    client: uplinkPort(await connect(broker.url)),
    topics,
    log,
    onApplied: (version) => applied.push(version),
  });
  await sync.start();
  cleanups.push(() => sync.stop());
  const upstream = await connect(broker.url);
  const events = () => outbox.next(0, 1000).map(({ type, payload }) => ({ type, payload }));
  return {
    sync,
    repository,
    lines,
    applied,
    events,
    /** Publishes on `dataset` and waits for the kiosk's acknowledgement in the outbox. */
    async send(message: unknown): Promise<{ type: string; payload: unknown }> {
      const before = events().length;
      const text = typeof message === "string" ? message : JSON.stringify(message);
      await upstream.publishAsync(topics.dataset, text, { qos: 1 });
      await vi.waitFor(() => expect(events().length).toBe(before + 1));
      return events()[before] as { type: string; payload: unknown };
    },
    names: () => repository.all().map((outlet) => outlet.name),
  };
}

describe("dataset sync", () => {
  it("applies a full dataset with pinyin and acknowledges its version", async () => {
    const s = await setup();
    const ack = await s.send({ version: "v1", kind: "full", outlets: [shop, pharmacy] });
    expect(ack).toEqual({
      type: "dataset.applied",
      payload: { version: "v1", kind: "full", outlets: 2, alreadyApplied: false },
    });
    expect(Value.Check(DatasetApplied, ack.payload)).toBe(true);
    expect(s.repository.get("o-1")).toMatchObject({
      name: "好邻居便利店",
      category: "convenience_store",
      namePinyin: "haolinjubianlidian",
      nameInitials: "hljbld",
      hours: "24/7",
      services: [],
      source: "uplink dataset v1",
    });
    expect(s.repository.get("o-2")).toMatchObject({ namePinyin: "zhangzhedayaofang", phone: null });
    expect(s.sync.current()).toMatchObject({ version: "v1", kind: "full", outlets: 2 });
    expect(s.applied).toEqual(["v1"]);
    expect(s.repository.imports(1)[0]).toMatchObject({
      source: "uplink dataset v1",
      rowsLoaded: 2,
    });
  });

  it("replaces the whole set with a full dataset", async () => {
    const s = await setup();
    await s.send({ version: "v1", kind: "full", outlets: [shop, pharmacy] });
    await s.send({ version: "v2", kind: "full", outlets: [breakfast] });
    expect(s.names()).toEqual(["早餐铺"]);
  });

  it("applies a delta on top of its base version", async () => {
    const s = await setup();
    await s.send({ version: "v1", kind: "full", outlets: [shop, pharmacy] });
    const ack = await s.send({
      version: "v2",
      kind: "delta",
      baseVersion: "v1",
      outlets: {
        upsert: [{ ...shop, name: "好邻居便利店(浦电路店)" }, breakfast],
        delete: ["o-2"],
      },
    });
    expect(ack.payload).toMatchObject({ version: "v2", kind: "delta", outlets: 2 });
    expect(s.names()).toEqual(["好邻居便利店(浦电路店)", "早餐铺"]);
    expect(s.sync.current()?.version).toBe("v2");
  });

  it("refuses a delta whose base version the kiosk does not hold, and keeps the old data", async () => {
    const s = await setup();
    await s.send({ version: "v1", kind: "full", outlets: [shop] });
    const ack = await s.send({
      version: "v3",
      kind: "delta",
      baseVersion: "v2",
      outlets: { upsert: [breakfast], delete: ["o-1"] },
    });
    expect(ack.type).toBe("dataset.rejected");
    expect(Value.Check(DatasetRejected, ack.payload)).toBe(true);
    expect(ack.payload).toMatchObject({
      version: "v3",
      currentVersion: "v1",
      reason: expect.stringContaining("on top of version v2, but this kiosk holds version v1"),
    });
    expect(s.names()).toEqual(["好邻居便利店"]);
    expect(s.sync.current()?.version).toBe("v1");
  });

  it("acknowledges a redelivered version again without applying it twice", async () => {
    const s = await setup();
    const delta = {
      version: "v2",
      kind: "delta",
      baseVersion: "v1",
      outlets: { upsert: [breakfast], delete: [] },
    };
    await s.send({ version: "v1", kind: "full", outlets: [shop] });
    await s.send(delta);
    const again = await s.send(delta);
    expect(again.payload).toMatchObject({ version: "v2", alreadyApplied: true, outlets: 2 });
    expect(s.applied).toEqual(["v1", "v2"]);
  });

  it("rejects bad datasets with a reason, keeps the old rows and keeps listening", async () => {
    const s = await setup();
    await s.send({ version: "v1", kind: "full", outlets: [shop, pharmacy] });
    const bad: [unknown, string][] = [
      ["{not json", "not JSON"],
      [{ version: "v2", kind: "partial", outlets: [] }, '"full" or "delta"'],
      [
        { version: "v2", kind: "full", outlets: [{ ...shop, lng: "east" }] },
        "the dataset's outlets[0].lng must be number",
      ],
      [{ version: "v2", kind: "full" }, "missing outlets"],
      [
        { version: "v2", kind: "full", outlets: [breakfast, { ...shop, category: "spaceport" }] },
        'unknown category "spaceport"',
      ],
      [
        { version: "v2", kind: "full", outlets: [breakfast, { ...shop, lng: 2.35, lat: 48.85 }] },
        "outside China",
      ],
      [
        { version: "v2", kind: "full", outlets: [breakfast, { ...shop, hours: "whenever" }] },
        'outlet "o-1"',
      ],
      [{ version: "v2", kind: "full", outlets: [breakfast, breakfast] }, "appears twice"],
      [
        {
          version: "v2",
          kind: "delta",
          baseVersion: "v1",
          outlets: { upsert: [shop], delete: ["o-1"] },
        },
        "both upserted and deleted",
      ],
    ];
    for (const [message, reason] of bad) {
      const ack = await s.send(message);
      expect(ack).toMatchObject({
        type: "dataset.rejected",
        payload: { reason: expect.stringContaining(reason) },
      });
    }
    expect(s.names()).toEqual(["好邻居便利店", "长者大药房"]);
    expect(s.sync.current()?.version).toBe("v1");
    const logged = s.lines.filter((line) => line.msg === "dataset rejected");
    expect(logged).toHaveLength(bad.length);
    const ok = await s.send({ version: "v2", kind: "full", outlets: [breakfast] });
    expect(ok.type).toBe("dataset.applied");
  });

  it("writes outlets, version and acknowledgement in one transaction", async () => {
    let failAcks = false;
    const s = await setup({
      outbox: (outbox) => ({
        add: (...args: Parameters<Outbox["add"]>) => {
          if (failAcks && args[0] === "dataset.applied") throw new Error("disk full");
          return outbox.add(...args);
        },
      }),
    });
    await s.send({ version: "v1", kind: "full", outlets: [shop, pharmacy] });
    failAcks = true;
    const ack = await s.send({ version: "v2", kind: "full", outlets: [breakfast] });
    expect(ack.payload).toMatchObject({
      version: "v2",
      reason: expect.stringContaining("disk full"),
    });
    expect(s.names()).toEqual(["好邻居便利店", "长者大药房"]);
    expect(s.sync.current()?.version).toBe("v1");
    expect(s.repository.imports()).toHaveLength(1);
  });

  it("converts coordinates from the dataset's datum to WGS-84", async () => {
    const s = await setup();
    await s.send({ version: "v1", kind: "full", datum: "gcj02", outlets: [shop] });
    const stored = s.repository.get("o-1");
    expect(stored?.lng).not.toBe(shop.lng);
    expect(Math.abs((stored?.lng ?? 0) - shop.lng)).toBeLessThan(0.01);
  });
});
