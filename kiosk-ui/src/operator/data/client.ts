/**
 * The operator console's one door to the agent: every operator request goes
 * through here, with the session cookie the agent set at login (httpOnly,
 * SameSite=Strict, path /api/v1 — the page never sees it). A 401 from any
 * call but the login itself means the session ended: the shell hears of it
 * and shows the login screen.
 */

export class OperatorApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** From Retry-After, on a 429: how long to wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The agent did not answer: stopped, restarting, or the request timed out. */
export class AgentUnreachableError extends Error {
  constructor(cause: unknown) {
    super("the kiosk agent did not answer", { cause });
  }
}

/** Fires "expired" when a call is refused for want of a session. */
export const sessionEvents = new EventTarget();
export const SESSION_EXPIRED = "expired";

const REQUEST_TIMEOUT_MS = 8_000;
const LOGIN_PATH = "/operator/login";

type Method = "GET" | "POST" | "PATCH";

export interface CallOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export async function call<T>(method: Method, path: string, options: CallOptions = {}): Promise<T> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const init: RequestInit = {
    method,
    cache: "no-store",
    credentials: "same-origin",
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  };
  if (method !== "GET") {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(options.body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new AgentUnreachableError(error);
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (response.ok) return body as T;
  if (response.status === 401 && path !== LOGIN_PATH) {
    sessionEvents.dispatchEvent(new Event(SESSION_EXPIRED));
  }
  const retryAfter = Number(response.headers.get("retry-after"));
  throw new OperatorApiError(
    body.code ?? `LINLI_ERR_HTTP_${response.status}`,
    body.message ?? response.statusText,
    response.status,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

export const getJson = <T>(path: string, signal?: AbortSignal) => call<T>("GET", path, { signal });

export const postJson = <T>(path: string, body?: unknown, signal?: AbortSignal) =>
  call<T>("POST", path, { body, signal });

export const patchJson = <T>(path: string, body: unknown, signal?: AbortSignal) =>
  call<T>("PATCH", path, { body, signal });

/** Query strings from typed parameters, leaving out the ones not given. */
export function queryString(
  params: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A fresh id for an idempotent request: a retry with the same id does nothing twice. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
