/** The operator session cookie, read and written by hand (one cookie, no dependency). */
export const SESSION_COOKIE = "linli_operator";

/** Cookies are sent only to the API, where the operator routes live. */
const COOKIE_PATH = "/api/v1";

/**
 * The value of cookie `name` in a Cookie header (`a=1; b=2`), or undefined.
 * A header sent twice arrives joined, so the first match counts.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header.length > 8192) return undefined;
  for (const part of header.split(";")) {
    const equals = part.indexOf("=");
    if (equals < 0) continue;
    if (part.slice(0, equals).trim() !== name) continue;
    let value = part.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

export interface CookieOptions {
  /** Only over https: a Secure cookie is never sent over plain http (the loopback default). */
  secure: boolean;
  maxAgeSeconds: number;
}

export function sessionCookie(token: string, options: CookieOptions): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** Tells the browser to forget the session cookie. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return sessionCookie("", { ...options, maxAgeSeconds: 0 });
}
