import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Salted scrypt hashes of secrets the agent checks but must not keep: the
 * operator PIN (`operator.pinHash`) and the passwords of the embedded
 * broker's users (`broker.users[].passwordHash`). The form is
 * `scrypt$N$r$p$<salt base64>$<key base64>`. scrypt runs on libuv's thread
 * pool, so a check costs the event loop nothing while it runs.
 */

/** scrypt cost: about 50 ms on a kiosk CPU, memory 16 MiB (N · r · 128 bytes). */
const N = 2 ** 14;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
/** What one derivation may take; a stored hash asking for more is refused, not run. */
const MAX_MEMORY = 64 * 1024 * 1024;

export interface SecretHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads a stored hash; undefined when it is not one `hashSecret` could have
 * made (wrong form, or a cost no kiosk should pay on every check).
 */
export function parseSecretHash(stored: string): SecretHash | undefined {
  const parts = stored.split("$");
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== "scrypt" || !n || !r || !p || !salt || !key)
    return undefined;
  if (![n, r, p].every((value) => /^[1-9][0-9]{0,9}$/.test(value))) return undefined;
  if (!BASE64.test(salt) || !BASE64.test(key)) return undefined;
  const parsed = {
    n: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, "base64"),
    key: Buffer.from(key, "base64"),
  };
  const powerOfTwo = parsed.n > 1 && (parsed.n & (parsed.n - 1)) === 0;
  if (!powerOfTwo || 128 * parsed.n * parsed.r > MAX_MEMORY || parsed.p > 16) return undefined;
  if (parsed.salt.length < 8 || parsed.key.length < 16) return undefined;
  return parsed;
}

function derive(secret: string | Buffer, hash: Omit<SecretHash, "key">, bytes: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      secret,
      hash.salt,
      bytes,
      { N: hash.n, r: hash.r, p: hash.p, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** A fresh salt and the scrypt key of `secret`, in the stored form. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, { n: N, r: R, p: P, salt }, KEY_BYTES);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Constant-time check of a secret (text or the raw bytes a peer sent) against a parsed hash. */
export async function verifySecret(secret: string | Buffer, hash: SecretHash): Promise<boolean> {
  const actual = await derive(secret, hash, hash.key.length);
  return timingSafeEqual(actual, hash.key);
}

/** The shortest secret `linli hash-secret` takes: a broker password is typed once, not remembered. */
export const MIN_SECRET_LENGTH = 12;
const MAX_SECRET_LENGTH = 1024;

/** Why `secret` is not fit to be a password, or undefined when it is. */
export function weakSecret(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH)
    return `a password has at least ${MIN_SECRET_LENGTH} characters (got ${secret.length}); generate one, e.g. openssl rand -base64 18`;
  if (secret.length > MAX_SECRET_LENGTH)
    return `a password has at most ${MAX_SECRET_LENGTH} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(secret))
    return "a password has no control characters (tabs, line breaks)";
  return undefined;
}
