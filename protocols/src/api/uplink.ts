import Type, { type Static, type TSchema } from "typebox";
import { DeviceHealthSchema } from "./devices.js";
import { DisplayHealth, TouchHealth } from "./display.js";
import { StoreHealthSchema } from "./health.js";

/**
 * The MQTT uplink's payloads (DESIGN.md "Uplink"): downlink commands and their
 * results, the outlet dataset, telemetry, device state and the outbox event
 * envelope. The kiosk checks every inbound payload against these.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A command's id: the sender's idempotency key, echoed in the result. */
export const CommandId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: "^[A-Za-z0-9_-]{1,64}$",
  description: "1 to 64 letters, digits, _ or -, unique per intended action",
});

const DeviceId = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,62}$",
  description: 'a device id on this kiosk, e.g. "locker-1"',
});

const strict = { additionalProperties: false } as const;

export const OpenDoorCommand = Type.Object(
  {
    id: CommandId,
    deviceId: DeviceId,
    board: Type.Integer({ minimum: 1, maximum: 255, description: "the locker board, from 1" }),
    lock: Type.Integer({
      minimum: 1,
      maximum: 255,
      description: "the door on that board, from 1 (never 0: a command opens one door)",
    }),
  },
  { ...strict, $id: "UplinkOpenDoorCommand" },
);

export const PrintTestCommand = Type.Object(
  { id: CommandId, deviceId: DeviceId },
  { ...strict, $id: "UplinkPrintTestCommand" },
);

export const ReloadDatasetCommand = Type.Object(
  { id: CommandId },
  { ...strict, $id: "UplinkReloadDatasetCommand" },
);

export const SetConfigCommand = Type.Object(
  {
    id: CommandId,
    config: Type.Record(Type.String(), Type.Unknown(), {
      description:
        "the keys to change, shaped like the YAML config (e.g. {uplink: {telemetryIntervalSeconds: 60}}); merged over the running config, arrays replaced whole",
    }),
  },
  { ...strict, $id: "UplinkSetConfigCommand" },
);

export const RestartCommand = Type.Object(
  { id: CommandId },
  { ...strict, $id: "UplinkRestartCommand" },
);

export const RebirthCommand = Type.Object(
  { id: CommandId },
  { ...strict, $id: "UplinkRebirthCommand" },
);

/** The command table: `cmd/{name}` → the payload it takes. */
export const UplinkCommands = {
  "open-door": OpenDoorCommand,
  "print-test": PrintTestCommand,
  "reload-dataset": ReloadDatasetCommand,
  "set-config": SetConfigCommand,
  restart: RestartCommand,
  rebirth: RebirthCommand,
} as const;
export type UplinkCommandName = keyof typeof UplinkCommands;
export type UplinkCommand<N extends UplinkCommandName = UplinkCommandName> = Static<
  (typeof UplinkCommands)[N]
>;

export const CommandError = Type.Object(
  {
    code: Type.String({ pattern: "^LINLI_ERR_[A-Z0-9_]+$" }),
    message: Type.String(),
  },
  { $id: "UplinkCommandError" },
);
export type CommandError = Static<typeof CommandError>;

/** What `cmd/{name}/result` carries (zigbee2mqtt style, with the command's id). */
export const CommandResult = Type.Union(
  [
    Type.Object({ id: CommandId, status: Type.Literal("ok"), data: Type.Unknown() }),
    Type.Object({ id: CommandId, status: Type.Literal("error"), error: CommandError }),
  ],
  { $id: "UplinkCommandResult" },
);
export type CommandResult = Static<typeof CommandResult>;

/** One outlet as upstream sends it: OutletRecord's fields; pinyin is computed on apply. */
export const DatasetOutlet = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    category: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'a catalog category code or name, e.g. "pharmacy" or "药店"',
    }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    phone: Type.Optional(
      Nullable(Type.String({ maxLength: 40, description: "the outlet's public business phone" })),
    ),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    hours: Type.Optional(
      Nullable(
        Type.String({ maxLength: 200, description: "OSM opening_hours, e.g. Mo-Su 06:00-20:00" }),
      ),
    ),
    services: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }))),
    prices: Type.Optional(
      Type.Array(
        Type.Object(
          {
            item: Type.String({ minLength: 1, maxLength: 40 }),
            priceFen: Type.Integer({ minimum: 0, description: "price in fen: ￥15.00 → 1500" }),
            unit: Type.Optional(Type.String({ minLength: 1, maxLength: 6 })),
          },
          strict,
        ),
      ),
    ),
    brand: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
    chain: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
    source: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    updatedAt: Type.Optional(Type.String({ format: "date-time" })),
  },
  { ...strict, $id: "UplinkDatasetOutlet" },
);
export type DatasetOutlet = Static<typeof DatasetOutlet>;

const DatasetVersion = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "the dataset's version, opaque to the kiosk (e.g. 2024-06-03T08:00Z or 1042)",
});

const DatasetDatum = Type.Union(
  [Type.Literal("gcj02"), Type.Literal("bd09"), Type.Literal("wgs84")],
  {
    description: "the datum of the coordinates (default wgs84); the store keeps WGS-84",
  },
);

/** A whole circle: the outlets not in it are removed. */
export const FullDataset = Type.Object(
  {
    version: DatasetVersion,
    kind: Type.Literal("full"),
    datum: Type.Optional(DatasetDatum),
    outlets: Type.Array(DatasetOutlet, { maxItems: 200_000 }),
  },
  { ...strict, $id: "UplinkFullDataset" },
);
export type FullDataset = Static<typeof FullDataset>;

/** Changes on top of `baseVersion`, applied only when the kiosk holds exactly that version. */
export const DeltaDataset = Type.Object(
  {
    version: DatasetVersion,
    kind: Type.Literal("delta"),
    baseVersion: DatasetVersion,
    datum: Type.Optional(DatasetDatum),
    outlets: Type.Object(
      {
        upsert: Type.Array(DatasetOutlet, { maxItems: 200_000 }),
        delete: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200_000 }),
      },
      strict,
    ),
  },
  { ...strict, $id: "UplinkDeltaDataset" },
);
export type DeltaDataset = Static<typeof DeltaDataset>;

export const DatasetMessage = Type.Union([FullDataset, DeltaDataset], {
  $id: "UplinkDatasetMessage",
});
export type DatasetMessage = Static<typeof DatasetMessage>;

/** Outbox event payloads acknowledging a dataset. */
export const DatasetApplied = Type.Object(
  {
    version: DatasetVersion,
    kind: Type.Union([Type.Literal("full"), Type.Literal("delta")]),
    outlets: Type.Integer({ minimum: 0, description: "outlets on the kiosk after applying" }),
    alreadyApplied: Type.Boolean({ description: "true when this version was the current one" }),
  },
  { $id: "UplinkDatasetApplied" },
);
export type DatasetApplied = Static<typeof DatasetApplied>;

export const DatasetRejected = Type.Object(
  {
    version: Nullable(
      Type.String({ description: "null when the message had no readable version" }),
    ),
    reason: Type.String(),
    currentVersion: Nullable(Type.String()),
  },
  { $id: "UplinkDatasetRejected" },
);
export type DatasetRejected = Static<typeof DatasetRejected>;

/** What `events` carries: one outbox event (the publisher's EventMessage). */
export const UplinkEvent = Type.Object(
  {
    id: Type.String({ description: "unique; a redelivery carries the same id" }),
    seq: Type.Integer({ minimum: 1, description: "per-kiosk sequence number, increasing" }),
    type: Type.String({ description: 'e.g. "rating.created", "dataset.applied"' }),
    at: Type.String({ format: "date-time", description: "when the event happened" }),
    data: Type.Unknown(),
  },
  { $id: "UplinkEvent" },
);
export type UplinkEvent = Static<typeof UplinkEvent>;

/** What `devices/{device}/state` carries, retained. */
export const DeviceStateMessage = Type.Object(
  {
    deviceId: DeviceId,
    at: Type.String({ format: "date-time" }),
    health: DeviceHealthSchema,
  },
  { $id: "UplinkDeviceState" },
);
export type DeviceStateMessage = Static<typeof DeviceStateMessage>;

const Bytes = Type.Integer({ minimum: 0 });

export const KioskHealthSchema = Type.Object(
  {
    uptimeSeconds: Type.Object({
      host: Type.Number({ minimum: 0 }),
      agent: Type.Number({ minimum: 0 }),
    }),
    load: Type.Object(
      { one: Type.Number(), five: Type.Number(), fifteen: Type.Number(), cpus: Type.Integer() },
      { description: "load averages and the number of CPUs to read them against" },
    ),
    memory: Type.Object({ totalBytes: Bytes, freeBytes: Bytes, agentRssBytes: Bytes }),
    disk: Nullable(
      Type.Object(
        { path: Type.String(), totalBytes: Bytes, freeBytes: Bytes },
        { description: "the filesystem of the store; null when it cannot be read" },
      ),
    ),
    temperatures: Type.Array(
      Type.Object({ zone: Type.String(), type: Type.String(), celsius: Type.Number() }),
      { description: "thermal zones the kiosk can read; empty when none" },
    ),
    network: Type.Array(
      Type.Object({
        name: Type.String(),
        up: Type.Boolean(),
        state: Type.String({ description: 'the kernel operstate, e.g. "up", "down", "dormant"' }),
      }),
      { description: "network interfaces, loopback left out" },
    ),
    display: Type.Optional(DisplayHealth),
    touch: Type.Optional(TouchHealth),
  },
  { $id: "UplinkKioskHealth" },
);
export type KioskHealth = Static<typeof KioskHealthSchema>;

/** What `telemetry` carries: no phone numbers, no secrets, no device detail. */
export const TelemetryMessage = Type.Object(
  {
    at: Type.String({ format: "date-time" }),
    kiosk: KioskHealthSchema,
    outbox: Type.Object({
      depth: Type.Integer({ minimum: 0 }),
      bytes: Bytes,
      oldestAgeSeconds: Nullable(Type.Number({ minimum: 0 })),
      dropped: Type.Object(
        { telemetry: Type.Integer({ minimum: 0 }), normal: Type.Integer({ minimum: 0 }) },
        { description: "events dropped by the full-outbox policy since the store was created" },
      ),
    }),
    devices: Type.Array(
      Type.Object({
        id: Type.String(),
        family: Type.String(),
        state: Type.String(),
        connected: Type.Boolean(),
        lastSeen: Nullable(Type.String()),
        errorCount: Type.Integer({ minimum: 0 }),
      }),
    ),
    /** Left out by agents from before it was reported. */
    store: Type.Optional(StoreHealthSchema),
  },
  { $id: "UplinkTelemetry" },
);
export type TelemetryMessage = Static<typeof TelemetryMessage>;

/** A schema error as typebox reports it (Compile(...).Errors). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message: string;
  params: unknown;
}

/**
 * One line a person can act on, from the first useful schema error, e.g.
 * "the command's lock must be >= 1" or "the dataset is missing outlets".
 */
export function schemaProblem(errors: Iterable<SchemaError>, what = "the message"): string {
  for (const error of errors) {
    const path = error.instancePath
      .split("/")
      .slice(1)
      .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
      .join("")
      .replace(/^\./, "");
    const where = path === "" ? what : `${what}'s ${path}`;
    const params = error.params as Record<string, string[] | undefined>;
    if (error.keyword === "required") {
      return `${where} is missing ${params.requiredProperties?.join(", ") ?? "a key"}`;
    }
    if (error.keyword === "additionalProperties") {
      return `${where} has an unknown key ${params.additionalProperties?.join(", ") ?? ""}`.trim();
    }
    if (error.keyword !== "boolean" && error.keyword !== "anyOf") {
      return `${where} ${error.message}`;
    }
  }
  return `${what} does not match its schema`;
}

/** Why a payload is not JSON, without quoting it (it may hold a secret). */
export function notJson(what: string, error: unknown): string {
  const at = /at position (\d+)/.exec((error as Error).message)?.[1];
  return `${what} is not JSON${at === undefined ? "" : ` (at character ${at})`}`;
}
