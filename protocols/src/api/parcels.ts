import Type, { type Static, type TSchema } from "typebox";

/**
 * Parcel lockers and shared cabinets (共享童车柜): a courier's or operator's
 * deposit, a resident's pickup by code or QR, borrowing and returning, and
 * the operator's parcel list. Phone numbers travel in only: the kiosk keeps
 * and answers with the last four digits.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const strict = { additionalProperties: false } as const;

const LockerDeviceId = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,80}$",
  description: 'a locker\'s device id, e.g. "lockers-1"',
});

const RequestId = Type.String({
  pattern: "^[A-Za-z0-9_-]{1,64}$",
  description:
    "1 to 64 letters, digits, _ or -: the same id again returns the same answer and opens nothing more",
});

export const DOOR_SIZE_NAMES = ["S", "M", "L"] as const;
const DoorSizeName = Type.Enum(DOOR_SIZE_NAMES, { description: "S, M or L" });

export const LockerDoor = Type.Object(
  {
    deviceId: Type.String(),
    board: Type.Integer({ minimum: 1 }),
    lock: Type.Integer({ minimum: 1 }),
    size: DoorSizeName,
  },
  { $id: "LockerDoor", description: "which door, for the UI's locker drawing" },
);
export type LockerDoor = Static<typeof LockerDoor>;

export const PickupCode = Type.String({
  pattern: "^[0-9]{6}$",
  description: "the 6-digit pickup code",
});

export const ParcelDepositRequest = Type.Object(
  {
    size: DoorSizeName,
    phone: Type.String({
      pattern: "^[0-9+ -]{7,20}$",
      description:
        "the recipient's phone number, 7 to 20 digits, spaces, + or -; only its last four digits are kept",
    }),
    carrier: Type.String({ minLength: 1, maxLength: 40, description: "e.g. 顺丰, 中通, 邮政" }),
    deviceId: Type.Optional(LockerDeviceId),
    overdueAfterHours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 720,
        description: "hours until the parcel counts as overdue, 1 to 720 (default 72)",
      }),
    ),
    requestId: Type.Optional(RequestId),
  },
  { ...strict, $id: "ParcelDepositRequest" },
);
export type ParcelDepositRequest = Static<typeof ParcelDepositRequest>;

export const ParcelDepositResponse = Type.Object(
  {
    parcelId: Type.String(),
    pickupCode: PickupCode,
    pickupQr: Type.String({ description: "what the pickup QR code carries" }),
    door: LockerDoor,
    jobId: Type.String({ description: "the door-open job for the courier" }),
    deadlineAt: Type.String({ format: "date-time" }),
  },
  { $id: "ParcelDepositResponse" },
);
export type ParcelDepositResponse = Static<typeof ParcelDepositResponse>;

export const ParcelPickupRequest = Type.Object(
  {
    code: Type.Optional(PickupCode),
    qr: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 512,
        description: "the text of the pickup QR code, as the scanner read it",
      }),
    ),
  },
  { ...strict, $id: "ParcelPickupRequest" },
);
export type ParcelPickupRequest = Static<typeof ParcelPickupRequest>;

export const DOOR_OPENING_STATES = ["opened", "opening"] as const;

export const ParcelPickupResponse = Type.Object(
  {
    parcelId: Type.String(),
    jobId: Type.String(),
    door: LockerDoor,
    state: Type.Enum(DOOR_OPENING_STATES, {
      description: '"opening" when the door has not confirmed yet; follow the job',
    }),
    repeated: Type.Boolean({ description: "true: this code had opened the door already" }),
    message: Type.String({ description: "what to tell the resident, in plain Chinese" }),
  },
  { $id: "ParcelPickupResponse" },
);
export type ParcelPickupResponse = Static<typeof ParcelPickupResponse>;

export const PARCEL_STATES = [
  "depositing",
  "waiting",
  "opening",
  "picked_up",
  "cancelled",
  "uncertain",
] as const;
export type ParcelState = (typeof PARCEL_STATES)[number];

export const ParcelListQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Enum([...PARCEL_STATES, "overdue", "all"] as const, {
        description: 'a parcel state, "overdue" (waiting past the deadline) or "all"',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 500, default: 100, description: "1 to 500" }),
    ),
  },
  { ...strict, $id: "ParcelListQuery" },
);
export type ParcelListQuery = Static<typeof ParcelListQuery>;

export const ParcelSummary = Type.Object(
  {
    id: Type.String(),
    door: LockerDoor,
    carrier: Type.String(),
    phoneLastFour: Type.String({ pattern: "^[0-9]{4}$" }),
    state: Type.Enum(PARCEL_STATES),
    overdue: Type.Boolean(),
    depositedAt: Type.String({ format: "date-time" }),
    deadlineAt: Type.String({ format: "date-time" }),
    pickedUpAt: Nullable(Type.String({ format: "date-time" })),
  },
  { $id: "ParcelSummary" },
);
export type ParcelSummary = Static<typeof ParcelSummary>;

export const ParcelListResponse = Type.Object(
  { items: Type.Array(ParcelSummary) },
  { $id: "ParcelListResponse" },
);
export type ParcelListResponse = Static<typeof ParcelListResponse>;

export const CabinetBorrowRequest = Type.Object(
  {
    cabinetDeviceId: Type.Optional(LockerDeviceId),
    requestId: Type.Optional(RequestId),
  },
  { ...strict, $id: "CabinetBorrowRequest" },
);
export type CabinetBorrowRequest = Static<typeof CabinetBorrowRequest>;

export const CabinetBorrowResponse = Type.Object(
  {
    loanId: Type.String(),
    returnCode: PickupCode,
    door: LockerDoor,
    jobId: Type.String(),
    state: Type.Enum(DOOR_OPENING_STATES),
    message: Type.String(),
  },
  { $id: "CabinetBorrowResponse" },
);
export type CabinetBorrowResponse = Static<typeof CabinetBorrowResponse>;

export const CabinetReturnRequest = Type.Object(
  { code: PickupCode },
  { ...strict, $id: "CabinetReturnRequest" },
);
export type CabinetReturnRequest = Static<typeof CabinetReturnRequest>;

export const CabinetReturnResponse = Type.Object(
  {
    loanId: Type.String(),
    door: LockerDoor,
    jobId: Type.String(),
    state: Type.Enum(DOOR_OPENING_STATES),
    repeated: Type.Boolean(),
    message: Type.String(),
  },
  { $id: "CabinetReturnResponse" },
);
export type CabinetReturnResponse = Static<typeof CabinetReturnResponse>;

export const CabinetStockRequest = Type.Object(
  {
    deviceId: LockerDeviceId,
    board: Type.Integer({ minimum: 1, maximum: 255 }),
    lock: Type.Integer({ minimum: 1, maximum: 255 }),
    itemPresent: Type.Boolean({ description: "true: an item is in this cabinet door now" }),
  },
  { ...strict, $id: "CabinetStockRequest" },
);
export type CabinetStockRequest = Static<typeof CabinetStockRequest>;

export const CabinetStockResponse = Type.Object(
  { door: LockerDoor, itemPresent: Type.Boolean() },
  { $id: "CabinetStockResponse" },
);
export type CabinetStockResponse = Static<typeof CabinetStockResponse>;

export const LOCKER_DOOR_USES = ["parcels", "cabinet"] as const;

export const LockerLayoutDoor = Type.Object(
  {
    board: Type.Integer({ minimum: 1 }),
    lock: Type.Integer({ minimum: 1 }),
    number: Type.Integer({ minimum: 1, description: "the number written on the door" }),
    size: DoorSizeName,
    use: Type.Enum(LOCKER_DOOR_USES, {
      description: '"parcels", or "cabinet" for a shared-cabinet (共享童车柜) door',
    }),
  },
  { $id: "LockerLayoutDoor" },
);
export type LockerLayoutDoor = Static<typeof LockerLayoutDoor>;

export const LockerLayoutResponse = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        deviceId: Type.String(),
        doors: Type.Array(LockerLayoutDoor, { description: "in door-number order" }),
      }),
    ),
  },
  {
    $id: "LockerLayoutResponse",
    description:
      "every locker bank's doors, for the UI's drawing: numbers and sizes only, never what is inside",
  },
);
export type LockerLayoutResponse = Static<typeof LockerLayoutResponse>;

/**
 * The `device.event` a scanned pickup QR leads to on the WebSocket
 * `/api/v1/events`, from the scanner that read it: the door that opened, or
 * why none did (the codes and details of the HTTP pickup's errors).
 */
export const PICKUP_SCAN_EVENT = "pickup_scan";

export const PickupScanData = Type.Union(
  [
    Type.Object({ ok: Type.Literal(true), result: ParcelPickupResponse }),
    Type.Object({
      ok: Type.Literal(false),
      error: Type.Object({
        code: Type.String(),
        message: Type.String(),
        details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
    }),
  ],
  { $id: "PickupScanData" },
);
export type PickupScanData = Static<typeof PickupScanData>;
