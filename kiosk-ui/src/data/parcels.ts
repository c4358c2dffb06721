import type {
  CabinetBorrowResponse,
  CabinetReturnResponse,
  LockerLayoutResponse,
  ParcelPickupResponse,
  PICKUP_SCAN_EVENT,
  PickupScanData,
} from "@linli/protocols/api";
import { ApiError, type EventsWatch, getJson, postJson, STORE_FULL, watchEvents } from "./api.js";

/**
 * Typed wrappers over the agent's parcel and shared-cabinet routes
 * (edge-agent/src/http/routes/parcels.ts), what their refusals mean for the
 * screen, and the door and scanner news of the WebSocket /api/v1/events.
 */

export const fetchLockerLayout = (signal?: AbortSignal) =>
  getJson<LockerLayoutResponse>("/parcels/layout", signal);

export const pickUpParcel = (code: string) =>
  postJson<ParcelPickupResponse>("/parcels/pickup", { code });

/** `requestId` makes a double tap or a retry borrow once. */
export const borrowFromCabinet = (requestId: string) =>
  postJson<CabinetBorrowResponse>("/cabinets/borrow", { requestId });

export const returnToCabinet = (code: string) =>
  postJson<CabinetReturnResponse>("/cabinets/return", { code });

/** Why no door opened, in terms the screen has words for. */
export type Refusal =
  | { kind: "wrong-code"; attemptsLeft: number | undefined }
  | { kind: "cool-down"; seconds: number }
  | { kind: "not-a-pickup-qr" }
  | { kind: "door-failed" }
  /** With the return code when a borrow's door may have opened: the resident may hold the stroller. */
  | { kind: "door-uncertain"; returnCode?: string }
  | { kind: "locker-unavailable" }
  | { kind: "cabinet-empty" }
  | { kind: "cabinet-full" }
  | { kind: "no-cabinet" }
  /** The kiosk cannot record the pickup (a full disk): no door opened. */
  | { kind: "store-full" }
  /** Anything else: the agent's own words (Chinese). */
  | { kind: "other"; message: string };

type PlainRefusal = Exclude<Refusal, { kind: "wrong-code" | "cool-down" | "other" }>;

const BY_CODE: Readonly<Record<string, PlainRefusal["kind"]>> = {
  LINLI_ERR_PARCEL_NOT_A_PICKUP_QR: "not-a-pickup-qr",
  LINLI_ERR_PARCEL_DOOR_FAILED: "door-failed",
  LINLI_ERR_PARCEL_DOOR_UNCERTAIN: "door-uncertain",
  LINLI_ERR_PARCEL_LOCKER_UNAVAILABLE: "locker-unavailable",
  LINLI_ERR_CABINET_EMPTY: "cabinet-empty",
  LINLI_ERR_CABINET_FULL: "cabinet-full",
  LINLI_ERR_CABINET_NOT_FOUND: "no-cabinet",
  [STORE_FULL]: "store-full",
};

const DEFAULT_COOL_DOWN_SECONDS = 300;

export function refusalOf(
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): Refusal {
  const { attemptsLeft, retryAfterSeconds, returnCode } = details;
  if (code === "LINLI_ERR_PARCEL_WRONG_CODE") {
    return {
      kind: "wrong-code",
      attemptsLeft: typeof attemptsLeft === "number" ? attemptsLeft : undefined,
    };
  }
  if (code === "LINLI_ERR_PARCEL_CODE_LOCKED") {
    const seconds =
      typeof retryAfterSeconds === "number" && retryAfterSeconds > 0
        ? Math.ceil(retryAfterSeconds)
        : DEFAULT_COOL_DOWN_SECONDS;
    return { kind: "cool-down", seconds };
  }
  if (code === "LINLI_ERR_PARCEL_DOOR_UNCERTAIN" && typeof returnCode === "string") {
    return { kind: "door-uncertain", returnCode };
  }
  const kind = BY_CODE[code];
  return kind ? { kind } : { kind: "other", message };
}

/** The refusal an API error carries; anything else (the agent unreachable) is not ours to show. */
export function refusalOfError(error: unknown): Refusal | undefined {
  return error instanceof ApiError
    ? refusalOf(error.code, error.message, error.details)
    : undefined;
}

export type DoorState = "open" | "closed" | "left-open";

/** What the WebSocket says that the parcels screens care about. */
export type LockerNews =
  | {
      kind: "door";
      deviceId: string;
      board: number;
      lock: number;
      state: DoorState;
      /** "event": the locker reported the change; "state": a listing of every door's state. */
      from: "event" | "state";
    }
  | { kind: "job"; jobId: string; state: string }
  | { kind: "scan"; outcome: PickupScanData };

const PICKUP_SCAN: typeof PICKUP_SCAN_EVENT = "pickup_scan";
const DOOR_EVENTS: Readonly<Record<string, DoorState>> = {
  door_opened: "open",
  door_closed: "closed",
  door_left_open: "left-open",
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const doorKeyPattern = /^(\d+)-(\d+)$/;

function isScanOutcome(data: Record<string, unknown>): data is PickupScanData {
  if (data.ok === true) {
    const result = data.result;
    return isRecord(result) && isRecord(result.door) && typeof result.jobId === "string";
  }
  return data.ok === false && isRecord(data.error) && typeof data.error.code === "string";
}

/**
 * The news in one message of the stream: door reports and the doors a
 * locker's state lists, door-job progress, and scanned pickups. Anything
 * malformed or of no concern here gives nothing.
 */
export function lockerNewsOf(message: unknown): LockerNews[] {
  if (!isRecord(message) || typeof message.deviceId !== "string") return [];
  const { deviceId } = message;
  if (message.type === "device.event" && isRecord(message.data)) {
    const { event, data } = message;
    if (event === PICKUP_SCAN) return isScanOutcome(data) ? [{ kind: "scan", outcome: data }] : [];
    const state = typeof event === "string" ? DOOR_EVENTS[event] : undefined;
    const { board, lock } = data;
    if (state && typeof board === "number" && typeof lock === "number") {
      return [{ kind: "door", deviceId, board, lock, state, from: "event" }];
    }
    return [];
  }
  if (message.type === "job.state") {
    const { jobId, state } = message;
    return typeof jobId === "string" && typeof state === "string"
      ? [{ kind: "job", jobId, state }]
      : [];
  }
  if (message.type === "device.state" && isRecord(message.health)) {
    const detail = message.health.detail;
    if (!isRecord(detail) || !isRecord(detail.doors)) return [];
    const leftOpen = new Set(Array.isArray(detail.leftOpen) ? detail.leftOpen : []);
    return Object.entries(detail.doors).flatMap(([key, value]): LockerNews[] => {
      const match = doorKeyPattern.exec(key);
      if (!match || (value !== "open" && value !== "closed")) return [];
      const state: DoorState = value === "open" && leftOpen.has(key) ? "left-open" : value;
      const [, board, lock] = match;
      return [
        { kind: "door", deviceId, board: Number(board), lock: Number(lock), state, from: "state" },
      ];
    });
  }
  return [];
}

export type LockerWatch = EventsWatch;

/**
 * Listens to /api/v1/events while a parcels screen is up, reconnecting if the
 * stream drops; `onLive` says whether it is connected (a scan only reaches
 * the screen while it is).
 */
export function watchLockers(
  onNews: (news: LockerNews) => void,
  onLive: (live: boolean) => void = () => undefined,
): LockerWatch {
  return watchEvents(
    (message) => {
      for (const news of lockerNewsOf(message)) onNews(news);
    },
    { onLive },
  );
}

/** A fresh id for one borrow, so a double tap or a retry borrows once. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `borrow-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
