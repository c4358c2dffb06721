import Type, { type Static } from "typebox";

export const DeviceStateSchema = Type.Union(
  [
    Type.Literal("ready"),
    Type.Literal("busy"),
    Type.Literal("paper_near_end"),
    Type.Literal("paper_out"),
    Type.Literal("cover_open"),
    Type.Literal("door_open"),
    Type.Literal("jammed"),
    Type.Literal("offline"),
    Type.Literal("error"),
  ],
  { $id: "DeviceState" },
);

export const DeviceHealthSchema = Type.Object(
  {
    state: DeviceStateSchema,
    connected: Type.Boolean(),
    lastSeen: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
    errorCount: Type.Integer({ minimum: 0 }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Record(Type.String(), Type.Unknown(), {
      description: "family specifics: paper, doors, slots and stock …",
    }),
  },
  { $id: "DeviceHealth" },
);

export const DeviceSummarySchema = Type.Object(
  {
    id: Type.String(),
    profileId: Type.String(),
    family: Type.Union([
      Type.Literal("printer"),
      Type.Literal("locker"),
      Type.Literal("vending"),
      Type.Literal("scanner"),
      Type.Literal("rating-box"),
    ]),
    vendor: Type.String(),
    model: Type.String(),
    transport: Type.String({
      description: "where the device is reached, e.g. serial port /dev/ttyUSB0 at 9600 baud",
    }),
    source: Type.Union([Type.Literal("config"), Type.Literal("detected")]),
    health: DeviceHealthSchema,
    capabilities: Type.Record(Type.String(), Type.Unknown()),
    exposes: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: "DeviceSummary" },
);

export const DeviceListResponse = Type.Object(
  { items: Type.Array(DeviceSummarySchema) },
  { $id: "DeviceListResponse" },
);

export type DeviceState = Static<typeof DeviceStateSchema>;
export type DeviceHealthDto = Static<typeof DeviceHealthSchema>;
export type DeviceSummaryDto = Static<typeof DeviceSummarySchema>;
export type DeviceListResponse = Static<typeof DeviceListResponse>;
