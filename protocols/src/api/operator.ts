import Type, { type Static, type TSchema } from "typebox";
import { DeviceSummarySchema } from "./devices.js";

/**
 * The operator API behind the PIN: login and session, devices with the jobs
 * that need a person, device actions, and the event log. Residents' routes
 * never answer with any of these.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const strict = { additionalProperties: false } as const;

export const OperatorLoginRequest = Type.Object(
  {
    pin: Type.String({
      pattern: "^[0-9]{4,12}$",
      description: "the operator PIN: 4 to 12 digits",
    }),
  },
  { ...strict, $id: "OperatorLoginRequest" },
);
export type OperatorLoginRequest = Static<typeof OperatorLoginRequest>;

export const OperatorSessionResponse = Type.Object(
  {
    sessionId: Type.String({ description: "a public handle of the session, as audited" }),
    createdAt: Type.String({ format: "date-time" }),
    expiresAt: Type.String({
      format: "date-time",
      description: "when the session ends whatever the activity (8 hours after login)",
    }),
    idleExpiresAt: Type.String({
      format: "date-time",
      description: "when the session ends without further operator activity (15 minutes)",
    }),
  },
  { $id: "OperatorSessionResponse" },
);
export type OperatorSessionResponse = Static<typeof OperatorSessionResponse>;

export const JobStateSchema = Type.Union([
  Type.Literal("queued"),
  Type.Literal("running"),
  Type.Literal("held"),
  Type.Literal("done"),
  Type.Literal("failed"),
  Type.Literal("uncertain"),
]);
export type JobStateDto = Static<typeof JobStateSchema>;

export const OperatorJob = Type.Object(
  {
    id: Type.String(),
    deviceId: Type.String(),
    kind: Type.String({ description: 'e.g. "print", "door_open", "vend"' }),
    state: JobStateSchema,
    target: Type.Record(Type.String(), Type.Unknown(), {
      description: "what the job acts on, e.g. {board, lock} of a door; no receipt contents",
    }),
    result: Type.Unknown(),
    error: Nullable(Type.String()),
    attempts: Type.Integer({ minimum: 0 }),
    createdAt: Type.String({ format: "date-time" }),
    updatedAt: Type.String({ format: "date-time" }),
  },
  { $id: "OperatorJob" },
);
export type OperatorJob = Static<typeof OperatorJob>;

export const OperatorDevicesResponse = Type.Object(
  {
    items: Type.Array(DeviceSummarySchema),
    attention: Type.Array(OperatorJob, {
      description: "jobs a person has to look at: held (printer stopped) or uncertain",
    }),
  },
  { $id: "OperatorDevicesResponse" },
);
export type OperatorDevicesResponse = Static<typeof OperatorDevicesResponse>;

const Id = (what: string) =>
  Type.String({
    pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$",
    description: `${what}: letters, digits, _ or -, up to 81 characters`,
  });

export const OperatorDeviceParams = Type.Object({ id: Id("a device id") }, strict);
export const OperatorJobParams = Type.Object({ id: Id("a job id") }, strict);

export const OperatorOpenDoorRequest = Type.Object(
  {
    board: Type.Integer({
      minimum: 1,
      maximum: 255,
      description: "a whole board number from 1",
    }),
    lock: Type.Integer({
      minimum: 1,
      maximum: 255,
      description: "a whole lock number from 1 on that board (one door at a time)",
    }),
    requestId: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z0-9_-]{1,64}$",
        description:
          "1 to 64 letters, digits, _ or -; sending the same requestId again opens nothing and answers the same job",
      }),
    ),
  },
  { ...strict, $id: "OperatorOpenDoorRequest" },
);
export type OperatorOpenDoorRequest = Static<typeof OperatorOpenDoorRequest>;

export const OperatorResolveJobRequest = Type.Object(
  {
    action: Type.Union([Type.Literal("reprint"), Type.Literal("dismiss")], {
      description: '"reprint" (print it again as a new job) or "dismiss" (close it as it is)',
    }),
  },
  { ...strict, $id: "OperatorResolveJobRequest" },
);
export type OperatorResolveJobRequest = Static<typeof OperatorResolveJobRequest>;

const eventLogType = (options: { description?: string } = {}) =>
  Type.Union(
    [
      Type.Literal("device.state"),
      Type.Literal("device.event"),
      Type.Literal("job.state"),
      Type.Literal("operator.action"),
    ],
    options,
  );

export const EventLogType = eventLogType();
export type EventLogType = Static<typeof EventLogType>;

export const EventLogQuery = Type.Object(
  {
    type: Type.Optional(
      eventLogType({
        description: 'one of "device.state", "device.event", "job.state", "operator.action"',
      }),
    ),
    deviceId: Type.Optional(Id("a device id")),
    since: Type.Optional(
      Type.String({
        format: "date-time",
        description: "an ISO 8601 date-time with a zone, e.g. 2024-06-03T08:00:00Z",
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        default: 100,
        description: "a whole number of entries from 1 to 500 (default 100)",
      }),
    ),
  },
  { ...strict, $id: "OperatorEventLogQuery" },
);
export type EventLogQuery = Static<typeof EventLogQuery>;

export const EventLogEntry = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    at: Type.String({ format: "date-time" }),
    type: EventLogType,
    deviceId: Nullable(Type.String()),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: "OperatorEventLogEntry" },
);
export type EventLogEntry = Static<typeof EventLogEntry>;

export const EventLogResponse = Type.Object(
  { items: Type.Array(EventLogEntry, { description: "newest first" }) },
  { $id: "OperatorEventLogResponse" },
);
export type EventLogResponse = Static<typeof EventLogResponse>;
