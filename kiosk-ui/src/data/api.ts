import type { HealthResponse } from "@linli/protocols/api";

/** The one place the UI talks HTTP; components get typed results, never call fetch. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** What the agent added for the screen, e.g. `retryAfterSeconds` of a cool-down. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * The kiosk cannot record the action (its disk is full or failing), so the
 * agent refused it before anything happened (507): nothing opened, nothing
 * was charged, nothing was saved. Looking things up still works.
 */
export const STORE_FULL = "LINLI_ERR_STORE_FULL";

export const isStoreFull = (error: unknown): boolean =>
  error instanceof ApiError && error.code === STORE_FULL;

/** The agent did not answer at all: it is stopped, restarting or the request timed out. */
export class AgentUnreachableError extends Error {
  constructor(cause: unknown) {
    super("the kiosk agent did not answer", { cause });
  }
}

export type Connectivity = "reachable" | "unreachable";

/**
 * Every request reports whether the agent answered, so the shell can swap in
 * the offline screen wherever the resident is, and back out when it returns.
 */
export const connectivity = new EventTarget();

function report(state: Connectivity): void {
  connectivity.dispatchEvent(new CustomEvent<Connectivity>("change", { detail: state }));
}

const REQUEST_TIMEOUT_MS = 5_000;

async function request(path: string, signal?: AbortSignal, init?: RequestInit): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(path, {
      ...init,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      cache: "no-store",
    });
    report("reachable");
    return response;
  } catch (error) {
    // The caller gave up (a newer search replaced this one): not the agent's fault.
    if (signal?.aborted) throw error;
    report("unreachable");
    throw new AgentUnreachableError(error);
  }
}

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> =>
  sendJson<T>("GET", path, undefined, signal);

/** A write to the agent: the body goes as JSON, errors come back as ApiError with the agent's code. */
export const postJson = <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> =>
  sendJson<T>("POST", path, body, signal);

async function sendJson<T>(
  method: "GET" | "POST",
  path: string,
  payload: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init: RequestInit =
    method === "GET"
      ? {}
      : {
          method,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload ?? {}),
        };
  const response = await request(`/api/v1${path}`, signal, init);
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: Record<string, unknown>;
  };
  if (!response.ok) {
    throw new ApiError(
      body.code ?? "LINLI_ERR_HTTP",
      body.message ?? response.statusText,
      response.status,
      body.details,
    );
  }
  return body as T;
}

export async function getText(path: string, signal?: AbortSignal): Promise<string> {
  const response = await request(path, signal);
  if (!response.ok) throw new ApiError("LINLI_ERR_HTTP", response.statusText, response.status);
  return response.text();
}

/** Query strings from typed parameters, leaving out the ones not given. */
export function queryString(
  params: Readonly<Record<string, string | number | boolean | undefined>>,
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const fetchHealth = (signal?: AbortSignal) => getJson<HealthResponse>("/health", signal);

export interface EventsWatch {
  close(): void;
}

/**
 * Listens to the agent's live stream (/api/v1/events, the same message types
 * as the uplink), reconnecting every `reconnectMs` while it is down: each
 * JSON message goes to `onMessage`; `onLive` says whether it is connected.
 * What was missed while down arrives as the state the agent sends on connect.
 */
export function watchEvents(
  onMessage: (message: unknown) => void,
  {
    onLive = () => undefined,
    reconnectMs = 2_000,
  }: { onLive?: (live: boolean) => void; reconnectMs?: number } = {},
): EventsWatch {
  const url = new URL("/api/v1/events", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  let socket: WebSocket | undefined;
  let timer: number | undefined;
  let closed = false;
  const connect = () => {
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener("open", () => onLive(true));
    current.addEventListener("message", (event: MessageEvent) => {
      if (typeof event.data !== "string") return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      onMessage(parsed);
    });
    current.addEventListener("close", () => {
      onLive(false);
      if (!closed) timer = window.setTimeout(connect, reconnectMs);
    });
  };
  connect();
  return {
    close: () => {
      closed = true;
      window.clearTimeout(timer);
      socket?.close();
    },
  };
}

/** The one request a screen waits on: asking for the next drops whatever was still on its way. */
export class LatestRequest {
  #abort: AbortController | undefined;

  next(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  cancel(): void {
    this.#abort?.abort();
    this.#abort = undefined;
  }
}
