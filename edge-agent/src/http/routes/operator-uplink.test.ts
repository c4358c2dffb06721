import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { type OperatorRig, operatorRig } from "../../operator/testing.js";
import type { UplinkClientEvents, UplinkListener } from "../../uplink/connection.js";
import { Outbox, Priority } from "../../uplink/outbox.js";
import { operatorUplinkRoutes, UplinkWatch, type WatchedLink } from "./operator-uplink.js";

const rigs: OperatorRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

type LinkEvent = "connected" | "disconnected";

/** A link whose connection the test switches, as the uplink client's events would. */
class FakeLink implements WatchedLink {
  isConnected = false;
  readonly active: { url: string };
  readonly #listeners = new Map<LinkEvent, Set<(info: never) => void>>();

  constructor(url: string) {
    this.active = { url };
  }

  on<K extends LinkEvent>(event: K, listener: UplinkListener<K>): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    this.#listeners.set(event, set);
    set.add(listener as (info: never) => void);
    return () => set.delete(listener as (info: never) => void);
  }

  emit<K extends LinkEvent>(event: K, info: UplinkClientEvents[K]): void {
    this.isConnected = event === "connected";
    for (const listener of this.#listeners.get(event) ?? []) (listener as UplinkListener<K>)(info);
  }
}

const CONNECTED = { protocolVersion: 5, sessionPresent: false, receiveMaximum: 100 } as const;

async function open(link?: FakeLink, embeddedUrl?: string) {
  let now = Date.parse("2024-06-03T08:00:00Z");
  const clock = () => new Date(now);
  const watch = link
    ? new UplinkWatch(link, { now: clock, ...(embeddedUrl ? { embeddedUrl } : {}) })
    : undefined;
  watch?.start();
  let outbox: Outbox | undefined;
  // The guard is looked up per request: the rig's auth exists by the time one arrives.
  let rig: OperatorRig | undefined;
  rig = await operatorRig({
    routes: ({ store }) => {
      outbox = new Outbox(store.db);
      return [
        operatorUplinkRoutes({
          guard: (request) => (rig as OperatorRig).auth.guard(request),
          watch,
          outbox,
          db: store.db,
          now: clock,
        }),
      ];
    },
  });
  rigs.push(rig);
  return {
    rig,
    outbox: outbox as Outbox,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("GET /operator/uplink", () => {
  it("refuses a request without an operator session", async () => {
    const { rig } = await open(new FakeLink("mqtt://127.0.0.1:1883"));
    const response = await rig.get("/operator/uplink");
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toMatch(/^LINLI_ERR_/);
  });

  it("says the link is up since it connected, and what waits in the outbox by priority", async () => {
    const link = new FakeLink("mqtt://127.0.0.1:1883");
    const { rig, outbox, advance } = await open(link, "mqtt://127.0.0.1:1883");
    link.emit("connected", CONNECTED);
    // Logging in is itself an event going upstream (operator.action, normal).
    const cookie = await rig.login();
    outbox.add("rating", { score: 5 }, Priority.kept);
    outbox.add("device.scan", {}, Priority.telemetry);
    outbox.add("device.scan", {}, Priority.telemetry);
    advance(90_000);

    const response = await rig.get("/operator/uplink", cookie);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      enabled: true,
      connected: true,
      brokerUrl: "mqtt://127.0.0.1:1883",
      embedded: true,
      since: "2024-06-03T08:00:00.000Z",
      lastError: null,
      outbox: {
        depth: 4,
        byPriority: { telemetry: 2, normal: 1, kept: 1 },
        dropped: { telemetry: 0, normal: 0 },
      },
    });
    expect(body.outbox.bytes).toBeGreaterThan(0);
    expect(body.outbox.oldestAt).toEqual(expect.any(String));
    expect(body.outbox.oldestAgeSeconds).toEqual(expect.any(Number));
  });

  it("never shows the broker's credentials, in its URL or in why the link was lost", async () => {
    const link = new FakeLink("mqtts://kiosk-7:s3cret-pass@broker.example.cn:8883");
    const { rig, advance } = await open(link);
    link.emit("connected", CONNECTED);
    advance(60_000);
    link.emit("disconnected", {
      error: new LinliError(
        "LINLI_ERR_UPLINK_UNREACHABLE",
        "cannot reach mqtts://kiosk-7:s3cret-pass@broker.example.cn:8883: connection refused",
      ),
      reconnectInMs: 2_000,
    });
    const cookie = await rig.login();

    const response = await rig.get("/operator/uplink", cookie);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain("s3cret-pass");
    expect(response.body).not.toContain("kiosk-7:");
    expect(response.json()).toMatchObject({
      enabled: true,
      connected: false,
      brokerUrl: "mqtts://broker.example.cn:8883",
      embedded: false,
      since: "2024-06-03T08:01:00.000Z",
      lastError: {
        code: "LINLI_ERR_UPLINK_UNREACHABLE",
        message: "cannot reach mqtts://broker.example.cn:8883: connection refused",
      },
    });
  });

  it("says the uplink is off when there is none, and still counts the outbox", async () => {
    const { rig, outbox } = await open();
    const cookie = await rig.login();
    outbox.add("rating", { score: 4 }, Priority.kept);

    const response = await rig.get("/operator/uplink", cookie);
    expect(response.json()).toMatchObject({
      enabled: false,
      connected: false,
      brokerUrl: null,
      since: null,
      outbox: { depth: 2, byPriority: { telemetry: 0, normal: 1, kept: 1 } },
    });
  });
});
