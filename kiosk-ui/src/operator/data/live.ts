import type { EventsMessage } from "@linli/protocols/api";

/**
 * The live stream `/api/v1/events` (device state, device events, job
 * progress, vending orders — the uplink's message types), kept open while
 * the console is: it reconnects with a growing pause when the agent
 * restarts. Each message is checked before anyone sees it; a malformed one
 * is dropped.
 */

export type LiveStatus = "connecting" | "live" | "reconnecting";

export const LIVE_MESSAGE = "message";
export const LIVE_STATUS = "status";

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 15_000;
/** Recent jobs whose latest state the feed remembers. */
const JOB_MEMORY = 200;

export interface HeardJobState {
  state: string;
  detail?: string;
}

export class LiveFeed extends EventTarget {
  #socket: WebSocket | undefined;
  #retryMs = FIRST_RETRY_MS;
  #timer: number | undefined;
  #stopped = true;
  status: LiveStatus = "connecting";
  readonly #jobs = new Map<string, HeardJobState>();

  /**
   * The latest state the stream told of a recent job: an action's job may be
   * done before the request that started it answers with its id.
   */
  jobState(jobId: string): HeardJobState | undefined {
    return this.#jobs.get(jobId);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    window.clearTimeout(this.#timer);
    this.#socket?.close(1000, "operator console closed");
    this.#socket = undefined;
  }

  #connect(): void {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/events`);
    this.#socket = socket;
    socket.addEventListener("open", () => {
      this.#retryMs = FIRST_RETRY_MS;
      this.#setStatus("live");
    });
    socket.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (typeof event.data !== "string") return;
      const message = parseEventsMessage(event.data);
      if (!message) return;
      if (message.type === "job.state")
        this.#rememberJob(message.jobId, message.state, message.detail);
      this.dispatchEvent(new CustomEvent(LIVE_MESSAGE, { detail: message }));
    });
    socket.addEventListener("close", () => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#setStatus("reconnecting");
      this.#timer = window.setTimeout(() => this.#connect(), this.#retryMs);
      this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
    });
  }

  #rememberJob(jobId: string, state: string, detail: string | undefined): void {
    this.#jobs.delete(jobId);
    this.#jobs.set(jobId, { state, ...(detail === undefined ? {} : { detail }) });
    if (this.#jobs.size > JOB_MEMORY) this.#jobs.delete(this.#jobs.keys().next().value ?? "");
  }

  #setStatus(status: LiveStatus): void {
    this.status = status;
    this.dispatchEvent(new CustomEvent(LIVE_STATUS, { detail: status }));
  }
}

/** Subscribes to the feed's messages; returns the unsubscribe. */
export function onLiveMessage(feed: LiveFeed, listener: (message: EventsMessage) => void) {
  const handler = (event: Event) => listener((event as CustomEvent<EventsMessage>).detail);
  feed.addEventListener(LIVE_MESSAGE, handler);
  return () => feed.removeEventListener(LIVE_MESSAGE, handler);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One message of the stream, or undefined when it is not one the console knows. */
export function parseEventsMessage(text: string): EventsMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.deviceId !== "string" || typeof value.at !== "string") {
    return undefined;
  }
  switch (value.type) {
    case "device.state": {
      const health = value.health;
      if (!isRecord(health) || typeof health.state !== "string") return undefined;
      if (typeof health.connected !== "boolean" || !isRecord(health.detail)) return undefined;
      return value as EventsMessage;
    }
    case "device.event":
      return typeof value.event === "string" && isRecord(value.data)
        ? (value as EventsMessage)
        : undefined;
    case "job.state":
      return typeof value.jobId === "string" &&
        typeof value.kind === "string" &&
        typeof value.state === "string"
        ? (value as EventsMessage)
        : undefined;
    case "vending.order":
      return typeof value.orderId === "string" && typeof value.state === "string"
        ? (value as EventsMessage)
        : undefined;
    default:
      return undefined;
  }
}
