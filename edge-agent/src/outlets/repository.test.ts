import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { Store } from "../store/store.js";
import type { OutletRecord } from "./record.js";
import { OutletRepository } from "./repository.js";

let dir: string;
let store: Store;
let repository: OutletRepository;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "linli-outlets-"));
  store = new Store(join(dir, "linli.db"), createLogger({ level: "silent" }));
  store.start();
  repository = new OutletRepository(store.db);
});
afterEach(() => {
  store.stop();
  rmSync(dir, { recursive: true, force: true });
});

function outlet(id: string, overrides: Partial<OutletRecord> = {}): OutletRecord {
  return {
    id,
    name: `便利店 ${id}`,
    category: "convenience_store",
    address: "潍坊路 328 号",
    phone: "021-58881234",
    lng: 121.522147,
    lat: 31.229285,
    hours: "24/7",
    services: ["代收代发", "打印复印"],
    prices: [{ item: "打印", priceFen: 50, unit: "张" }],
    brand: "全家",
    chain: "全家",
    namePinyin: "bianlidian",
    nameInitials: "bld",
    source: "test.csv:2",
    updatedAt: "2025-06-01T08:00:00.000Z",
    ...overrides,
  };
}

const report = (source: string) => ({
  source,
  startedAt: "2025-06-01T08:00:00.000Z",
  rejected: [{ line: 7, reason: 'unknown category "火箭发射场"' }],
  details: { datum: "gcj02" },
});

describe("the outlet repository", () => {
  it("keeps an outlet whole, services and prices included", () => {
    const record = outlet("a", { brand: null, chain: null, hours: null, address: null });
    repository.upsertMany([record]);
    expect(repository.get("a")).toEqual(record);
    expect(repository.get("missing")).toBeUndefined();
    expect(repository.all()).toEqual([record]);
  });

  it("updates outlets by id on a second write, without duplicates", () => {
    repository.upsertMany([outlet("a"), outlet("b")]);
    repository.upsertMany([outlet("a", { name: "全家(潍坊路店)" }), outlet("c")]);
    expect(repository.count()).toBe(3);
    expect(repository.get("a")?.name).toBe("全家(潍坊路店)");
  });

  it("replaces the whole set on a full import, saying how many went", () => {
    repository.upsertMany([outlet("a"), outlet("b")]);
    const outcome = repository.replaceFromImport([outlet("b"), outlet("c")], report("full.csv"));
    expect(outcome).toEqual({ loaded: 2, removed: 1 });
    expect(repository.all().map((record) => record.id)).toEqual(["b", "c"]);
  });

  it("counts outlets per category", () => {
    repository.upsertMany([
      outlet("a"),
      outlet("b", { category: "pharmacy" }),
      outlet("c", { category: "pharmacy" }),
    ]);
    expect(repository.categoryCounts()).toEqual({ convenience_store: 1, pharmacy: 2 });
  });

  it("records each import with its counts and report, newest first", () => {
    repository.upsertMany([outlet("a")], report("first.csv"));
    repository.replaceFromImport([outlet("a"), outlet("b")], report("second.csv"));
    const [latest, earlier] = repository.imports();
    expect(latest).toMatchObject({
      source: "second.csv",
      rowsLoaded: 2,
      rowsRejected: 1,
      report: {
        datum: "gcj02",
        rejected: [{ line: 7, reason: 'unknown category "火箭发射场"' }],
        rejectedTotal: 1,
      },
    });
    expect(earlier?.source).toBe("first.csv");
  });

  it("writes nothing when one record fails mid-way: the earlier data stays", () => {
    repository.replaceFromImport([outlet("a"), outlet("b")], report("good.csv"));
    const broken = { ...outlet("z"), name: null } as unknown as OutletRecord;
    expect(() =>
      repository.replaceFromImport([outlet("c"), broken, outlet("d")], report("bad.csv")),
    ).toThrow(/NOT NULL/);
    expect(repository.all().map((record) => record.id)).toEqual(["a", "b"]);
    expect(repository.imports().map((entry) => entry.source)).toEqual(["good.csv"]);
  });

  it("tells listeners after a committed write, and not after a failed one", () => {
    let changes = 0;
    const stop = repository.onChange(() => {
      changes += 1;
    });
    repository.upsertMany([outlet("a")]);
    expect(() => repository.upsertMany([{ ...outlet("b"), lng: null } as never])).toThrow();
    expect(changes).toBe(1);
    stop();
    repository.upsertMany([outlet("c")]);
    expect(changes).toBe(1);
  });
});
