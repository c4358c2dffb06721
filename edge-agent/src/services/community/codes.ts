/**
 * Booking codes: eight random digits (digits only, so the numeric keypad the
 * elderly already use for parcels takes them, and nothing reads ambiguously:
 * no O/0, I/1), printed on the ticket as "1234 5678" with a QR code carrying
 * `LINLI:BOOKING:12345678`. Kept only as an HMAC under a per-kiosk key, like
 * parcel codes (see parcels/codes.ts for why a keyed hash and not scrypt).
 * Phone numbers get the same treatment under a second key: the hash only
 * tells whether the same phone booked the same session twice.
 */
import { createHmac, randomBytes, randomInt } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type { SqliteDatabase } from "../../store/index.js";

export const BOOKING_CODE_DIGITS = 8;
export const BOOKING_QR_PREFIX = "LINLI:BOOKING:";
const CODE_PATTERN = /^[0-9]{8}$/;

export class CommunityKeys {
  readonly #code: Buffer;
  readonly #phone: Buffer;

  constructor(db: SqliteDatabase) {
    this.#code = loadOrCreateKey(db, "community-code-v1");
    this.#phone = loadOrCreateKey(db, "community-phone-v1");
  }

  codeHash(code: string): string {
    return createHmac("sha256", this.#code).update(code, "utf8").digest("hex");
  }

  phoneKey(phone: string): string {
    const digits = phone.replace(/[^0-9]/g, "");
    return createHmac("sha256", this.#phone).update(digits, "utf8").digest("hex");
  }

  /** A fresh code whose hash no active booking uses. */
  newCode(taken: (hash: string) => boolean): { code: string; hash: string } {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const code = String(randomInt(0, 10 ** BOOKING_CODE_DIGITS)).padStart(
        BOOKING_CODE_DIGITS,
        "0",
      );
      const hash = this.codeHash(code);
      if (!taken(hash)) return { code, hash };
    }
    throw new LinliError(
      "LINLI_ERR_COMMUNITY_NO_CODE",
      "could not find an unused booking code; try again",
      { status: 503 },
    );
  }
}

function loadOrCreateKey(db: SqliteDatabase, name: string): Buffer {
  return db.transaction(() => {
    db.prepare(
      "INSERT OR IGNORE INTO service_secrets (name, secret, created_at) VALUES (?, ?, ?)",
    ).run(name, randomBytes(32), new Date().toISOString());
    const row = db.prepare("SELECT secret FROM service_secrets WHERE name = ?").get(name) as
      | { secret: Buffer }
      | undefined;
    if (!row) throw new Error(`the ${name} key was not stored`);
    return row.secret;
  })();
}

export function isBookingCode(text: string): boolean {
  return CODE_PATTERN.test(text);
}

export function bookingQrOf(code: string): string {
  return `${BOOKING_QR_PREFIX}${code}`;
}

/** "12345678" → "1234 5678": easier to read aloud and to type. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/**
 * Wrong cancellation codes, kiosk-wide: after `max` wrong codes within
 * `windowMs` cancellation by code rests for `windowMs`, so a booking cannot be
 * cancelled by guessing. In memory: a restart forgives, which costs a guesser
 * a restart of the kiosk per few guesses.
 */
export class WrongCodeLimiter {
  readonly #wrong: number[] = [];
  constructor(
    readonly max = 10,
    readonly windowMs = 10 * 60_000,
  ) {}

  check(nowMs: number): void {
    this.#prune(nowMs);
    if (this.#wrong.length >= this.max) {
      const first = this.#wrong[0] ?? nowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((first + this.windowMs - nowMs) / 1000));
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_CODE_LOCKED",
        `输错预约码的次数太多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试，或请工作人员帮忙`,
        { status: 429, details: { retryAfterSeconds } },
      );
    }
  }

  wrong(nowMs: number): void {
    this.#wrong.push(nowMs);
    this.#prune(nowMs);
  }

  #prune(nowMs: number): void {
    while (this.#wrong.length > 0 && (this.#wrong[0] ?? 0) <= nowMs - this.windowMs) {
      this.#wrong.shift();
    }
  }
}
