import Type, { type Static, type TSchema } from "typebox";

/**
 * The uplink as the operator console shows it: whether the kiosk reaches its
 * broker (and which, never with credentials), since when, why it last lost
 * it, and what waits in the outbox to go upstream.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

export const OperatorUplinkOutbox = Type.Object(
  {
    depth: Type.Integer({ minimum: 0, description: "events waiting to go upstream" }),
    bytes: Type.Integer({ minimum: 0, description: "their payloads' size in bytes" }),
    byPriority: Type.Object(
      { telemetry: Count, normal: Count, kept: Count },
      { description: "waiting events by how much they matter when the outbox is full" },
    ),
    oldestAt: Nullable(Type.String({ format: "date-time" })),
    oldestAgeSeconds: Nullable(
      Type.Integer({ minimum: 0, description: "how long the oldest waiting event has waited" }),
    ),
    dropped: Type.Object(
      { telemetry: Count, normal: Count },
      {
        description:
          "events dropped by the full-outbox policy since the store was created (kept events never are)",
      },
    ),
  },
  { $id: "OperatorUplinkOutbox" },
);
export type OperatorUplinkOutbox = Static<typeof OperatorUplinkOutbox>;

export const OperatorUplinkResponse = Type.Object(
  {
    enabled: Type.Boolean({
      description: "false: no uplink.url and the embedded broker is off, nothing goes upstream",
    }),
    connected: Type.Boolean(),
    brokerUrl: Nullable(
      Type.String({ description: "the broker the kiosk reports to, without credentials" }),
    ),
    embedded: Type.Boolean({ description: "the broker is the one the agent embeds" }),
    since: Nullable(
      Type.String({
        format: "date-time",
        description: "when the link last connected or was lost; null before either happened",
      }),
    ),
    lastError: Nullable(
      Type.Object(
        { code: Type.String(), message: Type.String(), at: Type.String({ format: "date-time" }) },
        { description: "why the link was last lost, while it is down" },
      ),
    ),
    outbox: OperatorUplinkOutbox,
  },
  { $id: "OperatorUplinkResponse" },
);
export type OperatorUplinkResponse = Static<typeof OperatorUplinkResponse>;
