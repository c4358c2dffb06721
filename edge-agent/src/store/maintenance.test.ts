import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../log.js";
import { StoreHealth } from "./health.js";
import { StoreMaintenance } from "./maintenance.js";
import { Store } from "./store.js";

const log = createLogger({ level: "silent" });
let store: Store;

afterEach(() => {
  vi.useRealTimers();
  store?.stop();
});

function storeWithOutlets(): Store {
  store = new Store(join(mkdtempSync(join(tmpdir(), "linli-maintenance-")), "linli.db"), log);
  store.start();
  const insert = store.db.prepare(
    `INSERT INTO outlets (id, name, category, lng, lat, name_pinyin, name_initials, updated_at)
     VALUES (?, ?, ?, 121.5, 31.2, '', '', '2024-06-07T00:00:00Z')`,
  );
  store.db.transaction(() => {
    for (let i = 0; i < 2_000; i += 1)
      insert.run(`o-${i}`, `店 ${i}`, i % 2 ? "pharmacy" : "repair");
  })();
  return store;
}

const analysed = () =>
  store.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get() !== undefined;

describe("the running agent's store maintenance", () => {
  it("refreshes the query planner's statistics (PRAGMA optimize) a while after the start, then every few hours", () => {
    vi.useFakeTimers();
    storeWithOutlets();
    const maintenance = new StoreMaintenance({
      db: () => store.db,
      log,
      firstAfterMs: 60_000,
      everyMs: 3_600_000,
    });
    maintenance.start();
    expect(analysed()).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(analysed()).toBe(true);
    const spy = vi.spyOn(maintenance, "optimize");
    vi.advanceTimersByTime(3 * 3_600_000);
    expect(spy).toHaveBeenCalledTimes(3);
    maintenance.stop();
    vi.advanceTimersByTime(24 * 3_600_000);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it("waits while the store cannot take writes, and never throws", () => {
    storeWithOutlets();
    const health = new StoreHealth({
      db: () => store.db,
      storePath: store.path,
      reserveBytes: 1,
      freeBytes: () => 0,
      log,
    });
    health.start();
    const maintenance = new StoreMaintenance({ db: () => store.db, log });
    expect(maintenance.optimize()).toBe(false);
    expect(analysed()).toBe(false);
    health.stop();
    // A store SQLite will not write (a disk gone read-only): no throw either.
    store.db.pragma("query_only = ON");
    expect(maintenance.optimize()).toBe(false);
    store.db.pragma("query_only = OFF");
    expect(maintenance.optimize()).toBe(true);
    expect(analysed()).toBe(true);
  });
});
