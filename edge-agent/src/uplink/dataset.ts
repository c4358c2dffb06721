import {
  type DatasetApplied,
  type DatasetMessage,
  type DatasetOutlet,
  type DatasetRejected,
  DeltaDataset,
  FullDataset,
  notJson,
  schemaProblem,
} from "@linli/protocols/api";
import { buildCatalog, type Catalog } from "@linli/protocols/catalog";
import { Compile } from "typebox/compile";
import type { Logger } from "../log.js";
import { coordinateProblem, toWgs84 } from "../outlets/import/datum.js";
import { normaliseHours } from "../outlets/import/hours.js";
import { namePinyin } from "../outlets/import/pinyin.js";
import { phoneProblem } from "../outlets/import/values.js";
import type { OutletRecord } from "../outlets/record.js";
import type { OutletImportReport, OutletRepository } from "../outlets/repository.js";
import {
  reportStoreFailure,
  type SqliteDatabase,
  storeFailureOf,
  storeHealthOf,
} from "../store/index.js";
import { type Outbox, Priority } from "./outbox.js";
import type { UplinkPort } from "./port.js";
import type { KioskTopics } from "./topics.js";

export interface DatasetSyncOptions {
  db: SqliteDatabase;
  outbox: Pick<Outbox, "add">;
  outlets: Pick<OutletRepository, "replaceFromImport" | "upsertMany">;
  client: UplinkPort;
  topics: KioskTopics;
  log: Logger;
  catalog?: Catalog;
  /** After a dataset committed, e.g. to rebuild the search index. */
  onApplied?: (version: string) => void;
}

export interface DatasetVersion {
  version: string;
  kind: "full" | "delta";
  outlets: number;
  appliedAt: string;
}

export type DatasetOutcome =
  | ({ status: "applied" } & DatasetApplied)
  | ({ status: "rejected" } & DatasetRejected);

const checkFull = Compile(FullDataset);
const checkDelta = Compile(DeltaDataset);
/** How many bad outlets a rejection names; the rest are counted. */
const NAMED_PROBLEMS = 5;

class Rejection extends Error {}

/**
 * Applies the outlet dataset upstream sends on `dataset`: checked whole, then
 * written in one transaction with its version (table `outlet_dataset`,
 * created here until a migration takes it over) and its acknowledgement in
 * the outbox (`dataset.applied` or `dataset.rejected`). A dataset that fails
 * any check changes nothing; a delta applies only on top of its baseVersion.
 */
export class DatasetSync {
  readonly #options: DatasetSyncOptions;
  readonly #catalog: Catalog;
  #removeHandler: (() => void) | undefined;
  #running = false;

  constructor(options: DatasetSyncOptions) {
    this.#options = options;
    this.#catalog = options.catalog ?? buildCatalog();
  }

  async start(): Promise<void> {
    this.#running = true;
    const removed = this.#options.client.onMessage((topic, payload) => {
      if (this.#running && topic === this.#options.topics.dataset) this.apply(payload);
    });
    this.#removeHandler = removed ?? undefined;
    await this.#options.client.subscribe(this.#options.topics.dataset, 1);
  }

  stop(): void {
    this.#running = false;
    this.#removeHandler?.();
    this.#removeHandler = undefined;
  }

  /** The dataset version the outlets are at; null before the first dataset (or after forget). */
  current(): DatasetVersion | null {
    const row = this.#options.db
      .prepare("SELECT version, kind, outlets, applied_at FROM outlet_dataset WHERE slot = 1")
      .get() as
      | { version: string; kind: "full" | "delta"; outlets: number; applied_at: string }
      | undefined;
    return row
      ? { version: row.version, kind: row.kind, outlets: row.outlets, appliedAt: row.applied_at }
      : null;
  }

  /** The outlets no longer follow upstream's versions (e.g. after a local import): the next delta is refused. */
  forget(): void {
    this.#options.db.prepare("DELETE FROM outlet_dataset").run();
  }

  /** Checks and applies one dataset message; never throws. */
  apply(payload: Buffer | string): DatasetOutcome {
    let value: unknown;
    try {
      value = JSON.parse(payload.toString());
    } catch (error) {
      return this.#reject(null, notJson("the dataset", error));
    }
    return this.applyValue(value);
  }

  applyValue(value: unknown): DatasetOutcome {
    const version = versionOf(value);
    const checked = checkMessage(value);
    if (typeof checked === "string") return this.#reject(version, checked);
    const started = new Date().toISOString();
    const records = this.#records(checked, started);
    if (typeof records === "string") return this.#reject(version, records);
    const store = storeHealthOf(this.#options.db)?.check();
    if (store && !store.writable) {
      // A whole circle's outlets would take the reserve kept for residents' records.
      return this.#reject(
        version,
        `the kiosk's store cannot take the dataset now (${store.lastError ?? store.reason}); send it again once telemetry reports the store writable`,
      );
    }
    try {
      const outcome = this.#write(checked, records, started);
      if (!outcome.alreadyApplied) this.#options.onApplied?.(outcome.version);
      this.#options.log.info(outcome, "dataset applied");
      return { status: "applied", ...outcome };
    } catch (error) {
      const full = error instanceof Rejection ? undefined : storeFailureOf(error);
      if (full) reportStoreFailure(this.#options.db, error);
      const reason =
        error instanceof Rejection
          ? error.message
          : full
            ? `the kiosk's store cannot take the dataset now (${full.code}); send it again once the kiosk reports its store writable`
            : `the dataset could not be stored (${(error as Error).message})`;
      return this.#reject(version, reason);
    }
  }

  #write(message: DatasetMessage, records: OutletRecord[], started: string): DatasetApplied {
    const { db, outbox, outlets } = this.#options;
    return db.transaction((): DatasetApplied => {
      const current = this.current();
      if (current?.version === message.version) {
        const again = {
          version: message.version,
          kind: message.kind,
          outlets: current.outlets,
          alreadyApplied: true,
        };
        outbox.add("dataset.applied", again, Priority.normal);
        return again;
      }
      if (message.kind === "delta" && message.baseVersion !== current?.version) {
        throw new Rejection(
          `the delta applies on top of version ${message.baseVersion}, but this kiosk holds ${current ? `version ${current.version}` : "no dataset version"}: send a full dataset`,
        );
      }
      const report: OutletImportReport = {
        source: `uplink dataset ${message.version}`,
        startedAt: started,
        rejected: [],
        details: { version: message.version, kind: message.kind },
      };
      if (message.kind === "full") {
        outlets.replaceFromImport(records, report);
      } else {
        const remove = db.prepare("DELETE FROM outlets WHERE id = ?");
        for (const id of message.outlets.delete) remove.run(id);
        outlets.upsertMany(records, report);
      }
      const count = db.prepare("SELECT count(*) FROM outlets").pluck().get() as number;
      const applied = {
        version: message.version,
        kind: message.kind,
        outlets: count,
        alreadyApplied: false,
      };
      db.prepare(
        `INSERT INTO outlet_dataset (slot, version, kind, outlets, applied_at) VALUES (1, ?, ?, ?, ?)
          ON CONFLICT (slot) DO UPDATE SET version = excluded.version, kind = excluded.kind,
            outlets = excluded.outlets, applied_at = excluded.applied_at`,
      ).run(message.version, message.kind, count, started);
      outbox.add("dataset.applied", applied, Priority.normal);
      return applied;
    })();
  }

  /** The records to store, or why the dataset cannot be applied. */
  #records(message: DatasetMessage, updatedAt: string): OutletRecord[] | string {
    const incoming = message.kind === "full" ? message.outlets : message.outlets.upsert;
    const problems: string[] = [];
    const seen = new Set<string>();
    const deleted = new Set(message.kind === "delta" ? message.outlets.delete : []);
    const records: OutletRecord[] = [];
    for (const outlet of incoming) {
      const record = this.#record(outlet, message, updatedAt);
      if (seen.has(outlet.id)) problems.push(`outlet "${outlet.id}" appears twice`);
      else if (deleted.has(outlet.id))
        problems.push(`outlet "${outlet.id}" is both upserted and deleted`);
      else if (typeof record === "string") problems.push(`outlet "${outlet.id}": ${record}`);
      else records.push(record);
      seen.add(outlet.id);
    }
    if (problems.length === 0) return records;
    const more =
      problems.length > NAMED_PROBLEMS ? ` (and ${problems.length - NAMED_PROBLEMS} more)` : "";
    return `${problems.length} outlet${problems.length > 1 ? "s are" : " is"} not valid: ${problems.slice(0, NAMED_PROBLEMS).join("; ")}${more}`;
  }

  #record(
    outlet: DatasetOutlet,
    message: DatasetMessage,
    updatedAt: string,
  ): OutletRecord | string {
    const category = this.#catalog.resolve(outlet.category);
    if (!category) return `unknown category "${outlet.category}"`;
    const [lng, lat] = toWgs84(outlet.lng, outlet.lat, message.datum ?? "wgs84");
    const where = coordinateProblem(lng, lat);
    if (where) return where;
    const hours = normaliseHours(outlet.hours ?? "");
    if ("reason" in hours) return hours.reason;
    const phone = outlet.phone ?? null;
    const phoneIssue = phone === null ? undefined : phoneProblem(phone);
    if (phoneIssue) return phoneIssue;
    const pinyin = namePinyin(outlet.name);
    return {
      id: outlet.id,
      name: outlet.name,
      category: category.code,
      address: outlet.address ?? null,
      phone,
      lng,
      lat,
      hours: hours.hours,
      services: outlet.services ?? [],
      prices: (outlet.prices ?? []).map((price) => ({ ...price })),
      brand: outlet.brand ?? null,
      chain: outlet.chain ?? null,
      namePinyin: pinyin.full,
      nameInitials: pinyin.initials,
      source: outlet.source ?? `uplink dataset ${message.version}`,
      updatedAt: outlet.updatedAt ?? updatedAt,
    };
  }

  #reject(version: string | null, reason: string): DatasetOutcome {
    const rejected: DatasetRejected = { version, reason, currentVersion: null };
    try {
      this.#options.db.transaction(() => {
        rejected.currentVersion = this.current()?.version ?? null;
        this.#options.outbox.add("dataset.rejected", rejected, Priority.normal);
      })();
    } catch (error) {
      if (!reportStoreFailure(this.#options.db, error)) {
        this.#options.log.error({ err: error }, "could not record a dataset rejection");
      }
    }
    this.#options.log.warn({ version, reason }, "dataset rejected");
    return { status: "rejected", ...rejected };
  }
}

function versionOf(value: unknown): string | null {
  const version =
    typeof value === "object" && value !== null
      ? (value as { version?: unknown }).version
      : undefined;
  return typeof version === "string" && version.length > 0 && version.length <= 64 ? version : null;
}

function checkMessage(value: unknown): DatasetMessage | string {
  const kind =
    typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const validator = kind === "full" ? checkFull : kind === "delta" ? checkDelta : undefined;
  if (!validator) return 'the dataset\'s kind must be "full" or "delta"';
  if (!validator.Check(value)) return schemaProblem(validator.Errors(value), "the dataset");
  return value as DatasetMessage;
}
