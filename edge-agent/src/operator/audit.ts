import type { SqliteDatabase } from "../store/index.js";
import { type Outbox, Priority } from "../uplink/outbox.js";
import type { EventLog } from "./event-log.js";
import { masked } from "./redact.js";

export type OperatorAction =
  | "login"
  | "login_failed"
  | "locked_out"
  | "logout"
  | "unlock"
  | "open_door"
  | "test_print"
  | "print_coverage"
  | "resolve_job"
  | "vending_restock"
  | "vending_refund"
  | "display_wake"
  | "display_sleep"
  | "display_brightness";

export interface AuditEntry {
  action: OperatorAction;
  /** The session's public id; null for a login that failed. */
  sessionId: string | null;
  /** Who asked (the client's address); kept on the kiosk, not sent upstream. */
  clientKey?: string | null;
  deviceId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  id: number;
  at: string;
  action: OperatorAction;
  sessionId: string | null;
  clientKey: string | null;
  deviceId: string | null;
  detail: Record<string, unknown>;
}

export interface OperatorAuditOptions {
  readonly db: SqliteDatabase;
  readonly outbox: Pick<Outbox, "add">;
  readonly eventLog: Pick<EventLog, "append">;
  readonly now?: () => Date;
}

/** What upstream receives for every operator action (outbox type `operator.action`). */
export const OPERATOR_ACTION_EVENT = "operator.action";

/**
 * The operator audit trail. An action, its audit row, its event-log entry and
 * its outbox event commit in one SQLite transaction: either all of them are
 * recorded or none is, so upstream never hears of an action the kiosk lost.
 */
export class OperatorAudit {
  readonly #options: OperatorAuditOptions;
  readonly #now: () => Date;

  constructor(options: OperatorAuditOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Records an action that has no work of its own (a login, a logout). */
  record(entry: AuditEntry): void {
    this.run(
      () => undefined,
      () => entry,
    );
  }

  /**
   * Does `work` and records what `describe` says of its result, in one
   * transaction; `describe` answers undefined when nothing happened that is
   * worth an entry (a repeated request). A throw in either records nothing.
   */
  run<T>(work: () => T, describe: (result: T) => AuditEntry | undefined): T {
    const { db } = this.#options;
    return db.transaction(() => {
      const result = work();
      const entry = describe(result);
      if (entry) this.#write(entry);
      return result;
    })();
  }

  /** The newest entries first. */
  recent(limit = 100): AuditRecord[] {
    const rows = this.#options.db
      .prepare(
        "SELECT id, at, action, session_id, client_key, device_id, detail FROM operator_audit ORDER BY id DESC LIMIT ?",
      )
      .all(limit) as {
      id: number;
      at: string;
      action: OperatorAction;
      session_id: string | null;
      client_key: string | null;
      device_id: string | null;
      detail: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      sessionId: row.session_id,
      clientKey: row.client_key,
      deviceId: row.device_id,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }

  #write(entry: AuditEntry): void {
    const at = this.#now().toISOString();
    const detail = masked(entry.detail ?? {});
    const deviceId = entry.deviceId ?? null;
    this.#options.db
      .prepare(
        "INSERT INTO operator_audit (at, action, session_id, client_key, device_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(
        at,
        entry.action,
        entry.sessionId,
        entry.clientKey ?? null,
        deviceId,
        JSON.stringify(detail),
      );
    const event = { action: entry.action, at, sessionId: entry.sessionId, deviceId, detail };
    this.#options.eventLog.append("operator.action", deviceId, event);
    this.#options.outbox.add(OPERATOR_ACTION_EVENT, event, Priority.normal);
  }
}
