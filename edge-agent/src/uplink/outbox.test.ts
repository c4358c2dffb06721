import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import { Outbox, Priority } from "./outbox.js";

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

function openStore(path = join(mkdtempSync(join(tmpdir(), "linli-outbox-")), "linli.db")): Store {
  const store = new Store(path, createLogger({ level: "silent" }));
  store.start();
  stores.push(store);
  return store;
}

describe("the uplink outbox", () => {
  it("commits an event with the action that caused it, or not at all", () => {
    const store = openStore();
    const outbox = new Outbox(store.db);
    store.db.exec("CREATE TABLE test_ratings (score INTEGER NOT NULL)");
    const rate = store.db.transaction((score: number) => {
      store.db.prepare("INSERT INTO test_ratings (score) VALUES (?)").run(score);
      outbox.add("rating.created", { score }, Priority.kept);
      if (score < 1) throw new Error("not a rating");
    });
    rate(5);
    expect(() => rate(0)).toThrow("not a rating");
    expect(outbox.next(0, 10).map((event) => event.payload)).toEqual([{ score: 5 }]);
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM test_ratings").get()).toEqual({ n: 1 });
  });

  it("hands events out in sequence and forgets them only once acknowledged", () => {
    const outbox = new Outbox(openStore().db);
    const added = [1, 2, 3, 4].map((n) => outbox.add("test", { n }));
    expect(added.map((event) => event.seq)).toEqual(
      [...added.map((event) => event.seq)].sort((a, b) => a - b),
    );
    const batch = outbox.next(0, 2);
    expect(batch.map((event) => event.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(outbox.next(batch[1]?.seq ?? 0, 10).map((event) => event.payload)).toEqual([
      { n: 3 },
      { n: 4 },
    ]);
    outbox.acknowledgeUpTo(batch[1]?.seq ?? 0);
    expect(outbox.next(0, 10).map((event) => event.payload)).toEqual([{ n: 3 }, { n: 4 }]);
    expect(outbox.status().depth).toBe(2);
  });

  it("keeps events and never reuses a sequence number across restarts", () => {
    const store = openStore();
    const first = new Outbox(store.db).add("test", { n: 1 });
    new Outbox(store.db).acknowledgeUpTo(first.seq);
    const kept = new Outbox(store.db).add("test", { n: 2 });
    store.stop();
    const reopened = new Outbox(openStore(store.path).db);
    expect(reopened.next(0, 10)).toMatchObject([{ id: kept.id, seq: kept.seq, payload: { n: 2 } }]);
    expect(reopened.add("test", { n: 3 }).seq).toBeGreaterThan(kept.seq);
  });

  it("when full, drops the oldest telemetry first and never ratings or parcel events", () => {
    const outbox = new Outbox(openStore().db, { maxEvents: 5, maxBytes: 1e9, maxAgeMs: 1e12 });
    outbox.add("rating.created", { n: 1 }, Priority.kept);
    outbox.add("telemetry", { n: 2 }, Priority.telemetry);
    outbox.add("door.opened", { n: 3 }, Priority.normal);
    outbox.add("telemetry", { n: 4 }, Priority.telemetry);
    outbox.add("parcel.picked_up", { n: 5 }, Priority.kept);
    outbox.add("telemetry", { n: 6 }, Priority.telemetry);
    outbox.add("door.closed", { n: 7 }, Priority.normal);
    expect(outbox.trim()).toBe(2);
    expect(outbox.next(0, 10).map((event) => event.payload)).toEqual([
      { n: 1 },
      { n: 3 },
      { n: 5 },
      { n: 6 },
      { n: 7 },
    ]);
    outbox.add("rating.created", { n: 8 }, Priority.kept);
    outbox.add("rating.created", { n: 9 }, Priority.kept);
    outbox.trim();
    const left = outbox.next(0, 20).map((event) => (event.payload as { n: number }).n);
    expect(left).toEqual([1, 5, 7, 8, 9]);
    expect(outbox.status().dropped).toEqual({ telemetry: 3, normal: 1 });
    outbox.add("rating.created", { n: 10 }, Priority.kept);
    outbox.trim();
    expect(outbox.next(0, 20).map((event) => (event.payload as { n: number }).n)).toEqual([
      1, 5, 8, 9, 10,
    ]);
  });

  it("drops droppable events past their age, and reports depth and the oldest event", () => {
    const outbox = new Outbox(openStore().db, { maxEvents: 100, maxBytes: 1e9, maxAgeMs: 60_000 });
    outbox.add("telemetry", {}, Priority.telemetry);
    outbox.add("rating.created", {}, Priority.kept);
    expect(outbox.trim(Date.now() + 120_000)).toBe(1);
    const status = outbox.status();
    expect(status.depth).toBe(1);
    expect(Date.parse(status.oldestAt ?? "")).toBeLessThanOrEqual(Date.now());
  });
});
