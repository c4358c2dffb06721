import Type, { type Static, type TSchema } from "typebox";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Whether the kiosk can record what residents do. Shared by `GET /health`
 * and the uplink's telemetry (`store`).
 */
export const StoreHealthSchema = Type.Object(
  {
    writable: Type.Boolean({
      description:
        "false: new actions that must be recorded (parcel pickups and deposits, sales, bookings, ratings, problem reports) are refused with 507 LINLI_ERR_STORE_FULL; looking things up still works",
    }),
    reason: Nullable(
      Type.Union(
        [
          Type.Literal("full"),
          Type.Literal("io_error"),
          Type.Literal("read_only"),
          Type.Literal("low_space"),
        ],
        {
          description:
            "why not: a write failed for want of space (full), of a working disk (io_error) or because the disk went read-only (read_only), or free space fell below store.reserveBytes (low_space); null while writable",
        },
      ),
    ),
    lastError: Nullable(
      Type.String({
        description:
          'the SQLite or system code of the write that failed, e.g. "SQLITE_FULL"; null while writable or when only free space is low',
      }),
    ),
    since: Type.String({
      format: "date-time",
      description: "when the store last became writable or unwritable (the agent's start at first)",
    }),
    freeBytes: Nullable(
      Type.Integer({
        minimum: 0,
        description:
          "free space for the agent where the store lives, when last checked; null for a store in memory",
      }),
    ),
    reserveBytes: Type.Integer({
      minimum: 0,
      description: "store.reserveBytes: below this much free space new actions are refused",
    }),
  },
  { description: "whether the kiosk can record what residents do" },
);
export type StoreHealth = Static<typeof StoreHealthSchema>;

export const HealthResponse = Type.Object(
  {
    status: Type.Literal("ok"),
    kiosk: Type.Object({ site: Type.String(), id: Type.String(), name: Type.String() }),
    demo: Type.Boolean({ description: "running on simulated devices and the sample circle" }),
    startedAt: Type.String({ format: "date-time" }),
    uptimeSeconds: Type.Number({ minimum: 0 }),
    versions: Type.Object({
      agent: Type.String(),
      protocols: Type.String(),
      deviceProfiles: Type.String(),
      node: Type.String(),
    }),
    store: Type.Optional(StoreHealthSchema),
  },
  { $id: "HealthResponse", description: "the agent is up and serving" },
);
export type HealthResponse = Static<typeof HealthResponse>;
