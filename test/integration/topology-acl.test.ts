// deploy/TOPOLOGY.md's ACL for a city's fleet, taken from the page itself,
// on a real Mosquitto: each kiosk's user `<site>/<kiosk>` is confined to its
// own topics by the `%u` patterns (a slash in the user name included), the
// per-site block lets it see its neighbours for bookings and nothing more,
// and the fleet viewer reads everything the view shows and writes nothing.
import { randomBytes } from "node:crypto";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimulatedKiosk } from "../../edge-agent/src/fleet/index.js";
import { createLogger } from "../../edge-agent/src/log.js";
import { FLEET_SUBSCRIPTIONS } from "../../kiosk-ui/src/fleet/data/messages.js";
import { type Mosquitto, type MosquittoUser, startMosquitto } from "../support/mosquitto.js";
import { fleetAcl, topologyAcl } from "../support/topology-acl.js";

const NOT_AUTHORIZED = 135;
const acl = topologyAcl();
const kiosks = [
  { site: "site-a", kiosk: "kiosk-01" },
  { site: "site-a", kiosk: "kiosk-02" },
  { site: "site-b", kiosk: "kiosk-01" },
] as const;
const password = () => randomBytes(12).toString("hex");
const kioskUsers = kiosks.map(({ site, kiosk }) => ({
  username: `${site}/${kiosk}`,
  password: password(),
}));
const [me, neighbour, elsewhere] = kioskUsers as [MosquittoUser, MosquittoUser, MosquittoUser];
const viewer: MosquittoUser = { username: acl.fleetViewer.username, password: password() };
const mine = "linli/v1/site-a/kiosk-01";
const neighbours = "linli/v1/site-a/kiosk-02";
const otherSites = "linli/v1/site-b/kiosk-01";

let broker: Mosquitto;
const clients: MqttClient[] = [];

beforeAll(async () => {
  broker = await startMosquitto({
    websockets: true,
    users: [...kioskUsers, viewer],
    acl: fleetAcl(acl, kiosks),
  });
});
afterAll(async () => {
  for (const client of clients) await client.endAsync(true);
  await broker?.stop();
});

async function connect(user: MosquittoUser, url = broker.url): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, {
    ...user,
    clientId: `acl-${randomBytes(4).toString("hex")}`,
    protocolVersion: 5,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

/** Whether the broker takes a QoS 1 publish from this client (MQTT 5 says why not in the PUBACK). */
async function accepted(client: MqttClient, topic: string): Promise<boolean> {
  try {
    await client.publishAsync(topic, "{}", { qos: 1 });
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: NOT_AUTHORIZED });
    return false;
  }
}

/**
 * The topics `reader` is delivered when upstream publishes each of `topics`
 * (Mosquitto grants any subscription and applies the ACL on delivery). The
 * last topic must be one `reader` may read: QoS 1 from one publisher arrives
 * in order, so once it is in, everything before it that would arrive has.
 */
async function delivered(reader: MqttClient, topics: string[]): Promise<string[]> {
  const received: string[] = [];
  const last = topics.at(-1);
  const done = new Promise<void>((resolve) =>
    reader.on("message", (topic) => {
      received.push(topic);
      if (topic === last) resolve();
    }),
  );
  await reader.subscribeAsync("linli/v1/#", { qos: 1 });
  const upstream = await connect(broker.upstreamUser);
  for (const topic of topics) await upstream.publishAsync(topic, "{}", { qos: 1 });
  await done;
  return received;
}

describe("deploy/TOPOLOGY.md's ACL on Mosquitto", () => {
  it("lets a kiosk publish what the agent sends under its own prefix, and nothing elsewhere", async () => {
    const kiosk = await connect(me);
    const outcomes: Record<string, boolean> = {};
    for (const topic of [
      `${mine}/status`,
      `${mine}/telemetry`,
      `${mine}/devices/printer-1/state`,
      `${mine}/events`,
      `${mine}/sessions`,
      `${mine}/cmd/print-test/result`,
      `${mine}/dataset`,
      `${mine}/config`,
      `${neighbours}/status`,
      `${neighbours}/cmd/open-door`,
      `${neighbours}/bookings/request`,
      `${otherSites}/events`,
      `${otherSites}/bookings/request`,
    ])
      outcomes[topic] = await accepted(kiosk, topic);
    expect(outcomes).toEqual({
      [`${mine}/status`]: true,
      [`${mine}/telemetry`]: true,
      [`${mine}/devices/printer-1/state`]: true,
      [`${mine}/events`]: true,
      [`${mine}/sessions`]: true,
      [`${mine}/cmd/print-test/result`]: true,
      // Downlink data comes from upstream only.
      [`${mine}/dataset`]: false,
      [`${mine}/config`]: false,
      [`${neighbours}/status`]: false,
      [`${neighbours}/cmd/open-door`]: false,
      // A booking at a neighbour of the same site, yes; at another site, no.
      [`${neighbours}/bookings/request`]: true,
      [`${otherSites}/events`]: false,
      [`${otherSites}/bookings/request`]: false,
    });
  });

  it("delivers a kiosk its own commands, dataset and config and its site's status, nobody else's", async () => {
    const kiosk = await connect(me);
    const received = await delivered(kiosk, [
      `${neighbours}/cmd/open-door`,
      `${otherSites}/status`,
      `${mine}/dataset`,
      `${neighbours}/status`,
      `${neighbours}/telemetry`,
      `${otherSites}/cmd/open-door`,
      `${mine}/config`,
      `${mine}/cmd/print-test`,
    ]);
    expect(received).toEqual([
      `${mine}/dataset`,
      `${neighbours}/status`,
      `${mine}/config`,
      `${mine}/cmd/print-test`,
    ]);
  });

  it("lets the fleet viewer read every kiosk over WebSocket, and neither command nor publish", async () => {
    const view = await connect(viewer, broker.wsUrl);
    await view.subscribeAsync([...FLEET_SUBSCRIPTIONS], { qos: 1 });
    const seen: string[] = [];
    view.on("message", (topic) => seen.push(topic));
    const sent = [
      `${mine}/status`,
      `${neighbours}/telemetry`,
      `${otherSites}/devices/lockers-1/state`,
      `${otherSites}/events`,
    ];
    const publishers = [await connect(me), await connect(neighbour), await connect(elsewhere)];
    const [a, b, c] = publishers as [MqttClient, MqttClient, MqttClient];
    await a.publishAsync(sent[0] as string, "{}", { qos: 1 });
    await b.publishAsync(sent[1] as string, "{}", { qos: 1 });
    await c.publishAsync(sent[2] as string, "{}", { qos: 1 });
    await c.publishAsync(sent[3] as string, "{}", { qos: 1 });
    await expect.poll(() => [...seen].sort()).toEqual([...sent].sort());
    for (const topic of [`${mine}/cmd/open-door`, `${mine}/dataset`, `${mine}/status`])
      expect({ topic, accepted: await accepted(view, topic) }).toEqual({ topic, accepted: false });
  });

  it("carries a simulated kiosk's whole uplink, last will included, with its own credentials", async () => {
    const view = await connect(viewer, broker.wsUrl);
    const heard: { topic: string; json: { status?: string; reason?: string } }[] = [];
    view.on("message", (topic, payload) => heard.push({ topic, json: JSON.parse(`${payload}`) }));
    await view.subscribeAsync([...FLEET_SUBSCRIPTIONS], { qos: 1 });
    const simulated = new SimulatedKiosk({
      url: broker.url,
      ...kiosks[2],
      ...elsewhere,
      seed: 3,
      log: createLogger({ level: "silent" }),
      telemetryIntervalMs: 200,
      tickMs: 50,
    });
    simulated.start();
    const kinds = () => new Set(heard.map(({ topic }) => topic.split("/").slice(4, 5)[0]));
    await expect
      .poll(kinds, { timeout: 15_000 })
      .toEqual(new Set(["status", "telemetry", "devices", "events"]));
    simulated.kill();
    await expect
      .poll(() => heard.filter(({ topic }) => topic === `${otherSites}/status`).at(-1)?.json)
      .toEqual({ status: "offline", reason: "lost" });
  });
});
