import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { LinliError } from "@linli/protocols";

/** scrypt cost: about 50 ms on a kiosk CPU, memory 16 MiB (N · r · 128 bytes). */
const N = 2 ** 14;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Operator PINs are 4 to 12 digits. */
export function checkPinFormat(pin: string): void {
  if (!/^[0-9]{4,12}$/.test(pin)) {
    throw new LinliError("LINLI_ERR_OPERATOR_PIN_FORMAT", "a PIN is 4 to 12 digits", {
      status: 400,
    });
  }
}

/** `scrypt$N$r$p$<salt base64>$<key base64>`, the form `operator.pinHash` takes. */
export async function hashPin(pin: string): Promise<string> {
  checkPinFormat(pin);
  const salt = randomBytes(16);
  const key = await derive(pin, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Constant-time check of a PIN against a stored hash; a malformed hash is a config problem. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== "scrypt" || !salt || !key) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_PIN_HASH",
      "operator.pinHash is not a scrypt hash made by linli hash-pin",
    );
  }
  const expected = Buffer.from(key, "base64");
  const actual = await derive(pin, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
