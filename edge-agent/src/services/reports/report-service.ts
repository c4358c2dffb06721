import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import {
  PROBLEM_CATEGORIES,
  type ProblemReport,
  type ProblemReportList,
  type ProblemReportOptions,
  type ProblemReportQuery,
  type ProblemReportRequest,
  RESIDENT_TEXT_MAX,
} from "@linli/protocols/api";
import type { Logger } from "../../log.js";
import { KIOSK_TIME_ZONE } from "../../outlets/search/hours.js";
import { recordEssential, requireStoreWritable, type SqliteDatabase } from "../../store/index.js";
import { type Outbox, Priority } from "../../uplink/outbox.js";
import { dayOf, isDay } from "../ratings/calendar.js";
import { findOutlet, type OutletLookup } from "../ratings/rating-input.js";
import { residentText, storedCodes } from "../ratings/resident-text.js";

export interface ReportConfig {
  timeZone: string;
  /**
   * Starts every reference number; set it per kiosk (e.g. "A3-") where the
   * street office receives reports from several kiosks.
   */
  referencePrefix: string;
}

export const DEFAULT_REPORT_CONFIG: ReportConfig = {
  timeZone: KIOSK_TIME_ZONE,
  referencePrefix: "R",
};

export interface ReportServiceOptions {
  /** The store; its `db` is read on start(). */
  store: { readonly db: SqliteDatabase };
  outbox: Pick<Outbox, "add">;
  outlets: OutletLookup;
  config?: Partial<ReportConfig>;
  log?: Logger;
  now?: () => Date;
}

interface Row {
  id: string;
  reference: string;
  category: string;
  outlet_id: string | null;
  outlet_name: string | null;
  reasons: string;
  text: string | null;
  day: string;
  created_at: string;
}

/**
 * Problem reports residents make to the community (设施损坏, 环境卫生 …): a
 * preset category and reasons, an outlet when it is about one, masked free
 * text, and a reference number the resident can quote. Each report and its
 * outbox event (`report.created`, never dropped) commit together.
 */
export class ReportService {
  readonly #options: ReportServiceOptions;
  readonly #config: ReportConfig;
  #db: SqliteDatabase | undefined;

  constructor(options: ReportServiceOptions) {
    this.#options = options;
    this.#config = { ...DEFAULT_REPORT_CONFIG, ...options.config };
  }

  start(): void {
    this.#db = this.#options.store.db;
  }

  stop(): void {
    this.#db = undefined;
  }

  options(): ProblemReportOptions {
    return {
      categories: PROBLEM_CATEGORIES.map(({ code, zh, en, reasons }) => ({
        code,
        zh,
        en,
        reasons: reasons.map((reason) => ({ ...reason })),
      })),
      textMaxLength: RESIDENT_TEXT_MAX,
    };
  }

  create(input: ProblemReportRequest, now: Date = this.#now()): ProblemReport {
    const db = this.#ready();
    // Refused, never thanked for, when the store cannot keep it (a full disk).
    requireStoreWritable(db);
    const category = PROBLEM_CATEGORIES.find((entry) => entry.code === input.category);
    if (category === undefined) {
      throw new LinliError(
        "LINLI_ERR_REPORT_UNKNOWN_CATEGORY",
        `"${input.category}" is not a category; choose one of ${PROBLEM_CATEGORIES.map((entry) => `${entry.code} (${entry.zh})`).join(", ")}`,
        { status: 400 },
      );
    }
    const reasons = [...new Set(input.reasons ?? [])];
    const unknown = reasons.find(
      (code) => !category.reasons.some((reason) => reason.code === code),
    );
    if (unknown !== undefined) {
      const choices = category.reasons.map((reason) => `${reason.code} (${reason.zh})`).join(", ");
      throw new LinliError(
        "LINLI_ERR_REPORT_UNKNOWN_REASON",
        choices === ""
          ? `${category.zh} has no preset reasons; describe the problem in the text instead`
          : `"${unknown}" is not a reason for ${category.zh}; choose from ${choices}`,
        { status: 400 },
      );
    }
    const text = residentText(input.text, "REPORT");
    const outlet =
      input.outletId === undefined
        ? null
        : findOutlet(
            this.#options.outlets,
            input.outletId.trim(),
            "LINLI_ERR_REPORT_UNKNOWN_OUTLET",
          );
    const id = randomUUID();
    const createdAt = now.toISOString();
    const day = dayOf(now, this.#config.timeZone);

    const record = db.transaction((): ProblemReport => {
      const reference = this.#nextReference(day);
      db.prepare(
        `INSERT INTO problem_reports (id, reference, category, outlet_id, outlet_name, reasons, text, day, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        reference,
        category.code,
        outlet?.id ?? null,
        outlet?.name ?? null,
        JSON.stringify(reasons),
        text,
        day,
        createdAt,
      );
      const report: ProblemReport = {
        id,
        reference,
        category: category.code,
        categoryName: category.zh,
        outlet,
        reasons,
        text,
        day,
        createdAt,
      };
      this.#options.outbox.add("report.created", report, Priority.kept);
      return report;
    });
    return recordEssential(db, () => record());
  }

  /** Reports for operators, newest first. */
  list(query: ProblemReportQuery = {}): ProblemReportList {
    const db = this.#ready();
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (query.category !== undefined) {
      where.push("category = ?");
      values.push(query.category);
    }
    for (const [bound, operator] of [
      [query.from, ">="],
      [query.to, "<="],
    ] as const) {
      if (bound === undefined) continue;
      if (!isDay(bound)) {
        throw new LinliError(
          "LINLI_ERR_REPORT_BAD_RANGE",
          `${bound} is not a day; give days as YYYY-MM-DD, e.g. 2024-06-07`,
          { status: 400 },
        );
      }
      where.push(`day ${operator} ?`);
      values.push(bound);
    }
    const filter = where.length > 0 ? ` WHERE ${where.join(" AND ")}` : "";
    const { total } = db
      .prepare(`SELECT COUNT(*) AS total FROM problem_reports${filter}`)
      .get(...values) as { total: number };
    const rows = db
      .prepare(
        `SELECT * FROM problem_reports${filter} ORDER BY created_at DESC, reference DESC LIMIT ? OFFSET ?`,
      )
      .all(...values, query.limit ?? 50, query.offset ?? 0) as Row[];
    return { items: rows.map(toReport), total };
  }

  /** "R240607-003": the prefix, the day (yyMMdd) and the day's count, from 001. */
  #nextReference(day: string): string {
    const stem = `${this.#config.referencePrefix}${day.slice(2).replaceAll("-", "")}-`;
    const { count } = this.#ready()
      .prepare(
        "SELECT COUNT(*) AS count FROM problem_reports WHERE substr(reference, 1, length(?)) = ?",
      )
      .get(stem, stem) as { count: number };
    return `${stem}${String(count + 1).padStart(3, "0")}`;
  }

  #ready(): SqliteDatabase {
    if (this.#db === undefined) {
      throw new LinliError(
        "LINLI_ERR_REPORT_NOT_READY",
        "problem reports are not available yet; try again in a moment",
        { status: 503 },
      );
    }
    return this.#db;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

function toReport(row: Row): ProblemReport {
  return {
    id: row.id,
    reference: row.reference,
    category: row.category,
    categoryName:
      PROBLEM_CATEGORIES.find((entry) => entry.code === row.category)?.zh ?? row.category,
    outlet:
      row.outlet_id === null ? null : { id: row.outlet_id, name: row.outlet_name ?? row.outlet_id },
    reasons: storedCodes(row.reasons),
    text: row.text,
    day: row.day,
    createdAt: row.created_at,
  };
}
