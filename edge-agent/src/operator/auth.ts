import { LinliError } from "@linli/protocols";
import type { FastifyRequest } from "fastify";
import { createLogger, type Logger } from "../log.js";
import { reportStoreFailure, type SqliteDatabase } from "../store/index.js";
import type { OperatorAudit } from "./audit.js";
import { readCookie, SESSION_COOKIE } from "./cookie.js";
import { DEFAULT_LOCKOUT, type LockoutPolicy, PinLockout } from "./lockout.js";
import { checkPinFormat, verifyPin } from "./pin.js";
import {
  DEFAULT_SESSIONS,
  type OperatorSession,
  OperatorSessions,
  type SessionPolicy,
} from "./sessions.js";

export interface OperatorAuthOptions {
  readonly db: SqliteDatabase;
  /** `operator.pinHash` from the config, read at every login so a config change applies at once. */
  readonly pinHash: () => string | undefined;
  readonly audit: OperatorAudit;
  readonly log?: Logger;
  /** Epoch milliseconds; tests move it. */
  readonly now?: () => number;
  readonly sessions?: Partial<SessionPolicy>;
  readonly lockout?: Partial<LockoutPolicy>;
  /** Logins waiting for their turn beyond which more are refused at once. Default 8. */
  readonly maxPendingLogins?: number;
}

export interface LoginResult {
  token: string;
  session: OperatorSession;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Operator login with the PIN, lockout after repeated wrong PINs, and
 * sessions. Logins are checked one at a time, so a burst of guesses cannot
 * slip past the lockout while scrypt is still working on the first.
 */
export class OperatorAuth {
  readonly #options: OperatorAuthOptions;
  readonly #now: () => number;
  readonly #log: Logger;
  readonly #sessions: OperatorSessions;
  readonly #lockout: PinLockout;
  readonly #sessionOf = new WeakMap<object, OperatorSession>();
  readonly #maxPending: number;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: OperatorAuthOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? createLogger({ level: "silent" });
    this.#sessions = new OperatorSessions(options.db, { ...DEFAULT_SESSIONS, ...options.sessions });
    this.#lockout = new PinLockout(options.db, { ...DEFAULT_LOCKOUT, ...options.lockout });
    this.#maxPending = options.maxPendingLogins ?? 8;
  }

  start(): void {
    this.#sweep();
    this.#sweepTimer = setInterval(() => this.#sweep(), SWEEP_INTERVAL_MS);
    this.#sweepTimer.unref();
  }

  stop(): void {
    clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  /**
   * Checks the PIN and opens a session. Throws 503 when no PIN is set, 401
   * for a wrong PIN, 429 (details.retryAfterSeconds) while locked out.
   */
  login(pin: string, clientKey: string): Promise<LoginResult> {
    if (this.#pending >= this.#maxPending) {
      return Promise.reject(
        new LinliError(
          "LINLI_ERR_OPERATOR_BUSY",
          "too many logins at once; try again in a moment",
          {
            status: 429,
            details: { retryAfterSeconds: 1 },
          },
        ),
      );
    }
    this.#pending += 1;
    const attempt = this.#queue.then(() => this.#login(pin, clientKey));
    this.#queue = attempt.catch(() => undefined);
    return attempt.finally(() => {
      this.#pending -= 1;
    });
  }

  /** Ends the session the token names; false when there was none (already ended). */
  logout(token: string | undefined, clientKey: string): boolean {
    const { audit, db } = this.#options;
    return db.transaction(() => {
      const session = this.#sessions.end(token, this.#now());
      if (session) audit.record({ action: "logout", sessionId: session.id, clientKey });
      return session !== undefined;
    })();
  }

  /** The live session of a token; `touch` counts the call as operator activity. */
  session(token: string | undefined, { touch = true } = {}): OperatorSession | undefined {
    return this.#sessions.find(token, this.#now(), touch);
  }

  /** The session token a request carries in its cookie. */
  tokenOf(request: FastifyRequest): string | undefined {
    return readCookie(request.headers.cookie, SESSION_COOKIE);
  }

  /** An onRequest hook for operator routes: 401 without a live session. */
  readonly guard = async (request: FastifyRequest): Promise<void> => {
    const session = this.session(this.tokenOf(request));
    if (!session) throw unauthenticated();
    this.#sessionOf.set(request, session);
  };

  /** The session `guard` found for this request. */
  sessionOf(request: FastifyRequest): OperatorSession {
    const session = this.#sessionOf.get(request);
    if (!session) throw unauthenticated();
    return session;
  }

  async #login(pin: string, clientKey: string): Promise<LoginResult> {
    const stored = this.#options.pinHash();
    if (stored === undefined || stored === "") {
      throw new LinliError(
        "LINLI_ERR_OPERATOR_NOT_CONFIGURED",
        'no operator PIN is set on this kiosk: run "linli hash-pin", put the hash it prints into the config as operator.pinHash (or LINLI_OPERATOR_PIN_HASH), and restart the agent',
        { status: 503 },
      );
    }
    checkPinFormat(pin);
    const waitMs = this.#lockout.lockedForMs(clientKey, this.#now());
    if (waitMs > 0) throw lockedOut(seconds(waitMs));
    const right = await verifyPin(pin, stored);
    const { audit, db } = this.#options;
    // The wrong-PIN count must commit, so the refusal is thrown after the transaction.
    const outcome = db.transaction((): LoginResult | LinliError => {
      const now = this.#now();
      if (right) {
        this.#lockout.succeeded(clientKey);
        const created = this.#sessions.create(clientKey, now);
        audit.record({ action: "login", sessionId: created.session.id, clientKey });
        return created;
      }
      const { lockedForMs, triesLeft } = this.#lockout.failed(clientKey, now);
      if (lockedForMs > 0) {
        this.#log.warn({ clientKey, lockedForMs }, "operator login locked after wrong PINs");
        audit.record({
          action: "locked_out",
          sessionId: null,
          clientKey,
          detail: { lockedForSeconds: seconds(lockedForMs) },
        });
        return lockedOut(seconds(lockedForMs));
      }
      audit.record({ action: "login_failed", sessionId: null, clientKey, detail: { triesLeft } });
      return new LinliError(
        "LINLI_ERR_OPERATOR_WRONG_PIN",
        `wrong PIN; after ${triesLeft} more wrong ${triesLeft === 1 ? "PIN" : "PINs"} operator login is locked for a while`,
        { status: 401 },
      );
    })();
    if (outcome instanceof LinliError) throw outcome;
    return outcome;
  }

  #sweep(): void {
    try {
      const now = this.#now();
      this.#sessions.sweep(now);
      this.#lockout.sweep(now);
    } catch (error) {
      if (reportStoreFailure(this.#options.db, error)) return;
      this.#log.warn({ err: error }, "operator session sweep failed");
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function lockedOut(retryAfterSeconds: number): LinliError {
  return new LinliError(
    "LINLI_ERR_OPERATOR_LOCKED_OUT",
    `too many wrong PINs: operator login is locked; try again in ${retryAfterSeconds} s`,
    { status: 429, details: { retryAfterSeconds } },
  );
}

function unauthenticated(): LinliError {
  return new LinliError(
    "LINLI_ERR_OPERATOR_UNAUTHENTICATED",
    "this needs an operator session: log in with the operator PIN (a session ends after 15 minutes without activity, or 8 hours after login)",
    { status: 401 },
  );
}
