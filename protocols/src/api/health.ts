import Type, { type Static } from "typebox";

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
  },
  { $id: "HealthResponse", description: "the agent is up and serving" },
);
export type HealthResponse = Static<typeof HealthResponse>;
