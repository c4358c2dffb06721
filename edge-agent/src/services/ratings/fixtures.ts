import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBus } from "../../bus.js";
import { createLogger } from "../../log.js";
import { KIOSK, outlet } from "../../outlets/search/fixtures.js";
import { OutletService } from "../../outlets/service.js";
import { MIGRATIONS } from "../../store/migrations.js";
import { Store } from "../../store/store.js";
import { Outbox } from "../../uplink/outbox.js";
import { ReportService } from "../reports/report-service.js";
import { type RatingConfig, RatingService } from "./rating-service.js";

/** Test scaffolding for ratings and reports (not shipped): a real SQLite file per test. */

/** Friday 7 June 2024, 10:00 in Shanghai. */
export const FRIDAY_10 = new Date("2024-06-07T10:00:00+08:00");

export const shop = outlet("老王修鞋", "repair", 300);
export const store24 = outlet("好邻居便利店", "convenience_store", 200);

export interface Harness {
  store: Store;
  outbox: Outbox;
  bus: EventBus;
  outlets: OutletService;
  ratings: RatingService;
  reports: ReportService;
  /** Outbox events, oldest first, as {type, payload}. */
  events(): { type: string; payload: unknown }[];
  count(table: string): number;
  stop(): void;
}

export function openHarness(
  options: { config?: Partial<RatingConfig>; outbox?: (real: Outbox) => Pick<Outbox, "add"> } = {},
): Harness {
  const path = join(mkdtempSync(join(tmpdir(), "linli-ratings-")), "linli.db");
  const log = createLogger({ level: "silent" });
  const store = new Store(path, log, MIGRATIONS);
  store.start();
  const outbox = new Outbox(store.db);
  const writer = options.outbox?.(outbox) ?? outbox;
  const bus = new EventBus();
  const outlets = new OutletService({
    source: { all: () => [shop, store24] },
    location: { ...KIOSK, datum: "wgs84" },
  });
  outlets.start();
  const ratings = new RatingService({
    store,
    outbox: writer,
    outlets,
    bus,
    log,
    ...(options.config === undefined ? {} : { config: options.config }),
    now: () => FRIDAY_10,
  });
  const reports = new ReportService({ store, outbox: writer, outlets, log, now: () => FRIDAY_10 });
  ratings.start();
  reports.start();
  return {
    store,
    outbox,
    bus,
    outlets,
    ratings,
    reports,
    events: () => outbox.next(0, 10_000).map(({ type, payload }) => ({ type, payload })),
    count: (table) =>
      (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    stop() {
      ratings.stop();
      reports.stop();
      outlets.stop();
      store.stop();
    },
  };
}

/** `seconds` after `at`. */
export function later(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}

let sessions = 0;

/** A fresh kiosk-UI session id. */
export function session(): string {
  sessions += 1;
  return `session-${String(sessions).padStart(4, "0")}`;
}
