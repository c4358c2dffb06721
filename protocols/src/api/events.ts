import Type, { type Static } from "typebox";
import { DeviceHealthSchema } from "./devices.js";
import { DisplayState } from "./display.js";
import { JobStateSchema } from "./operator.js";
import { VendingOrderEvent } from "./vending.js";

/**
 * What the WebSocket `/api/v1/events` streams to the kiosk's screens: the
 * message types of the MQTT uplink (device state, device events, job
 * progress), each tagged with `type`. Nothing operator-only travels here: no
 * audit, no PIN or session state.
 */

const DeviceId = Type.String({ description: 'a device id on this kiosk, e.g. "lockers-1"' });
const At = Type.String({ format: "date-time", description: "when the agent saw it" });

export const DeviceStateEvent = Type.Object(
  {
    type: Type.Literal("device.state"),
    deviceId: DeviceId,
    at: At,
    health: DeviceHealthSchema,
  },
  { $id: "EventsDeviceState" },
);
export type DeviceStateEvent = Static<typeof DeviceStateEvent>;

export const DeviceEventEvent = Type.Object(
  {
    type: Type.Literal("device.event"),
    deviceId: DeviceId,
    at: At,
    event: Type.String({ description: 'what happened, e.g. "door_closed", "rating_press"' }),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: "EventsDeviceEvent" },
);
export type DeviceEventEvent = Static<typeof DeviceEventEvent>;

export const JobStateEvent = Type.Object(
  {
    type: Type.Literal("job.state"),
    jobId: Type.String(),
    deviceId: DeviceId,
    at: At,
    kind: Type.String({ description: 'e.g. "print", "door_open", "vend"' }),
    state: JobStateSchema,
    detail: Type.Optional(Type.String({ description: "why a job is held, failed or uncertain" })),
  },
  { $id: "EventsJobState" },
);
export type JobStateEvent = Static<typeof JobStateEvent>;

/** The screen's power schedule moved on (or an operator or a touch moved it): the UI goes dark or lights up. */
export const DisplayStateEvent = Type.Object(
  {
    type: Type.Literal("display.state"),
    at: At,
    display: DisplayState,
  },
  { $id: "EventsDisplayState" },
);
export type DisplayStateEvent = Static<typeof DisplayStateEvent>;

export const EventsMessage = Type.Union(
  [DeviceStateEvent, DeviceEventEvent, JobStateEvent, VendingOrderEvent, DisplayStateEvent],
  { $id: "EventsMessage" },
);
export type EventsMessage = Static<typeof EventsMessage>;

/** Limits a client of the stream is held to; beyond them it is disconnected. */
export const EVENTS_CLIENT_LIMITS = {
  /** Larger client messages close the socket with 1009. */
  maxMessageBytes: 64 * 1024,
  /** More client messages in one second close the socket with 1008. */
  maxMessagesPerSecond: 20,
} as const;

/** Close codes the stream uses (RFC 6455 §7.4.1). */
export const EVENTS_CLOSE_CODES = {
  goingAway: 1001,
  policyViolation: 1008,
  tooLarge: 1009,
  tryAgainLater: 1013,
} as const;
