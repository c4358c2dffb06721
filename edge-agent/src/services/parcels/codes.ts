/**
 * Pickup and return codes: six random digits, shown once (to the courier's
 * system or on the kiosk's screen) and kept only as an HMAC.
 *
 * Why HMAC-SHA256 with a per-kiosk key rather than scrypt (as operator PINs
 * use): a six-digit code has a million values, so no hash, however slow,
 * survives an offline search once the table and its salt leak — scrypt would
 * only turn every resident's attempt into ~50 ms of kiosk CPU, and a salted
 * hash cannot be looked up by index, so each attempt would hash against every
 * waiting parcel. What protects a code is online: it lives only until the
 * parcel is collected, guesses are rate-limited kiosk-wide (code-guard.ts),
 * and a guess has to be typed at the kiosk in front of the locker. The keyed
 * hash keeps codes out of plain sight (database viewers, support copies of the
 * store, logs) and gives one indexed lookup per attempt. The key is random per
 * kiosk, made on first use and kept in the store (table service_secrets).
 */
import { createHmac, randomBytes, randomInt } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type { SqliteDatabase } from "../../store/index.js";

export const CODE_DIGITS = 6;
const CODE_PATTERN = /^[0-9]{6}$/;
/** What a pickup QR code carries: `LINLI:PICKUP:123456`. */
export const PICKUP_QR_PREFIX = "LINLI:PICKUP:";
const SECRET_NAME = "code-hmac-v1";

export class CodeHasher {
  readonly #key: Buffer;

  constructor(db: SqliteDatabase) {
    this.#key = loadOrCreateKey(db);
  }

  hash(code: string): string {
    return createHmac("sha256", this.#key).update(code, "utf8").digest("hex");
  }

  /** A fresh random code whose hash `taken` does not already use by an active record. */
  newCode(taken: (hash: string) => boolean): { code: string; hash: string } {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");
      const hash = this.hash(code);
      if (!taken(hash)) return { code, hash };
    }
    throw new LinliError(
      "LINLI_ERR_PARCEL_NO_CODE",
      "could not find an unused pickup code; too many parcels are waiting, collect some first",
      { status: 503 },
    );
  }
}

function loadOrCreateKey(db: SqliteDatabase): Buffer {
  return db.transaction(() => {
    db.prepare(
      "INSERT OR IGNORE INTO service_secrets (name, secret, created_at) VALUES (?, ?, ?)",
    ).run(SECRET_NAME, randomBytes(32), new Date().toISOString());
    const row = db.prepare("SELECT secret FROM service_secrets WHERE name = ?").get(SECRET_NAME) as
      | { secret: Buffer }
      | undefined;
    if (!row) throw new Error("the code key was not stored");
    return row.secret;
  })();
}

export function isCode(text: string): boolean {
  return CODE_PATTERN.test(text);
}

export function pickupQrOf(code: string): string {
  return `${PICKUP_QR_PREFIX}${code}`;
}

/**
 * The pickup code in a scanned QR: `LINLI:PICKUP:123456` (what the kiosk
 * prints and couriers' messages carry), a link with `?code=123456`, or the
 * six digits alone. Undefined for anything else, which is not a pickup QR
 * (the scanner reads other codes too) and does not count as a wrong code.
 */
export function codeInQr(text: string): string | undefined {
  const trimmed = text.trim();
  if (isCode(trimmed)) return trimmed;
  if (trimmed.toUpperCase().startsWith(PICKUP_QR_PREFIX)) {
    const code = trimmed.slice(PICKUP_QR_PREFIX.length);
    return isCode(code) ? code : undefined;
  }
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const code = new URL(trimmed).searchParams.get("code");
      return code !== null && isCode(code) ? code : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
