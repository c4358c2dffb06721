// A bare mqtt.js subscriber with the fleet view's subscriptions: the least
// any viewer could do, and so the fleet benches' baseline. It notes when it
// knew every kiosk, the newest telemetry it has, and — while recording — how
// long each telemetry report took from the kiosk's publish to here, and how
// many messages of each kind arrived.
import mqtt from "mqtt";
import { FLEET_SUBSCRIPTIONS } from "../../kiosk-ui/src/fleet/data/messages.js";

export type MessageKind = "status" | "telemetry" | "state" | "events";

export interface FleetWindow {
  /**
   * Receipt time minus the report's `at`, in ms: publisher and subscriber
   * share this process's clock, and `at` has millisecond resolution, so each
   * sample reads up to 1 ms long (half a millisecond on average).
   */
  telemetryLatenciesMs: number[];
  counts: Record<MessageKind, number>;
  /** The window's length so far, in ms. */
  durationMs: number;
}

export interface FleetSubscriber {
  /** Resolves with the ms from connecting until a status from `kiosks` distinct kiosks arrived. */
  allKnown: Promise<number>;
  /** How many kiosks it has a status from. */
  knownCount(): number;
  newestTelemetryAt(): number;
  /** Starts a measuring window afresh. */
  record(): void;
  window(): FleetWindow;
  end(): Promise<void>;
}

const kindOf = (topic: string): MessageKind | undefined => {
  if (topic.endsWith("/status")) return "status";
  if (topic.endsWith("/telemetry")) return "telemetry";
  if (topic.endsWith("/events")) return "events";
  return topic.includes("/devices/") ? "state" : undefined;
};

const noCounts = (): Record<MessageKind, number> => ({
  status: 0,
  telemetry: 0,
  state: 0,
  events: 0,
});

export async function subscribeToFleet(
  url: string,
  { kiosks, username, password }: { kiosks: number; username?: string; password?: string },
): Promise<FleetSubscriber> {
  const started = performance.now();
  const client = await mqtt.connectAsync(url, {
    reconnectPeriod: 0,
    clean: true,
    ...(username === undefined ? {} : { username, password }),
  });
  const statuses = new Set<string>();
  let newestTelemetryAt = 0;
  let recording: FleetWindow | undefined;
  let recordingSince = 0;
  let known: (ms: number) => void = () => undefined;
  const allKnown = new Promise<number>((resolve) => {
    known = resolve;
  });
  client.on("message", (topic, payload) => {
    const receivedAt = performance.timeOrigin + performance.now();
    const kind = kindOf(topic);
    if (kind === undefined) return;
    if (recording) recording.counts[kind] += 1;
    if (kind === "status" && !statuses.has(topic)) {
      statuses.add(topic);
      if (statuses.size === kiosks) known(performance.now() - started);
    } else if (kind === "telemetry") {
      const at = Date.parse((JSON.parse(payload.toString()) as { at: string }).at);
      if (at > newestTelemetryAt) newestTelemetryAt = at;
      recording?.telemetryLatenciesMs.push(receivedAt - at);
    }
  });
  // QoS 0, as the view subscribes: a viewer keeps no session and wants the newest, not every.
  await client.subscribeAsync([...FLEET_SUBSCRIPTIONS], { qos: 0 });
  return {
    allKnown,
    knownCount: () => statuses.size,
    newestTelemetryAt: () => newestTelemetryAt,
    record: () => {
      recordingSince = performance.now();
      recording = { telemetryLatenciesMs: [], counts: noCounts(), durationMs: 0 };
    },
    window: () => ({
      telemetryLatenciesMs: [...(recording?.telemetryLatenciesMs ?? [])],
      counts: { ...(recording?.counts ?? noCounts()) },
      durationMs: recording ? performance.now() - recordingSince : 0,
    }),
    end: () => client.endAsync(true),
  };
}
