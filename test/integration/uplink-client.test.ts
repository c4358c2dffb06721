// The uplink client and the retained status against a real Mosquitto (MQTT 5,
// password file, ACL, TLS with a generated CA, WebSocket) and against the
// agent's embedded aedes broker (MQTT 3.1.1 only).
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBroker } from "../../edge-agent/src/broker/index.js";
import { createLogger } from "../../edge-agent/src/log.js";
import {
  type ConnectedInfo,
  createUplinkClient,
  type DisconnectedInfo,
  type UplinkClient,
  type UplinkConfig,
} from "../../edge-agent/src/uplink/client.js";
import { lastWill, StatusReporter } from "../../edge-agent/src/uplink/status.js";
import { kioskTopics } from "../../edge-agent/src/uplink/topics.js";
import {
  type Mosquitto,
  type ReceivedMessage,
  startMosquitto,
  watch,
} from "../support/mosquitto.js";

const log = createLogger({ level: "silent" });
let broker: Mosquitto;
const topics = () => kioskTopics(broker.site, broker.kiosk);
const clients: UplinkClient[] = [];

beforeAll(async () => {
  broker = await startMosquitto({ tls: true, websockets: true });
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop(200);
});
afterAll(async () => {
  await broker?.stop();
});

function kiosk(overrides: Partial<UplinkConfig> = {}): UplinkClient {
  const client = createUplinkClient(
    {
      url: broker.url,
      ...broker.kioskUser,
      rejectUnauthorized: true,
      telemetryIntervalSeconds: 30,
      ...overrides,
    },
    {
      clientId: `linli-test-${randomBytes(3).toString("hex")}`,
      will: lastWill(topics()),
      log,
      backoff: { initialMs: 100, maxMs: 500 },
    },
  );
  clients.push(client);
  return client;
}

function status(client: UplinkClient): StatusReporter {
  return new StatusReporter(client, topics(), log, {
    versions: { agent: "0.1.0" },
    startedAt: new Date("2025-05-01T08:00:00.000Z"),
    runs: () => ["http", "printer-1"],
  });
}

function outcome(client: UplinkClient): Promise<ConnectedInfo | DisconnectedInfo> {
  return new Promise((resolve) => {
    const offs = [client.on("connected", done), client.on("disconnected", done)];
    function done(info: ConnectedInfo | DisconnectedInfo) {
      for (const off of offs) off();
      resolve(info);
    }
    client.start();
  });
}

const lastStatus = (received: ReceivedMessage[]) => {
  const last = received.filter((m) => m.topic === topics().status).at(-1);
  return last ? (JSON.parse(last.payload) as Record<string, unknown>) : undefined;
};

describe("the uplink client against Mosquitto", () => {
  it("connects over MQTT 5 and leaves a retained online status saying what the kiosk runs", async () => {
    const client = kiosk();
    status(client).start();
    expect(await outcome(client)).toMatchObject({ protocolVersion: 5 });
    const fleet = await watch(broker.url, broker.fleetUser, [topics().status], { clean: true });
    await fleet.waitFor((received) => lastStatus(received)?.status === "online");
    expect(fleet.received.at(-1)?.retain).toBe(true);
    expect(lastStatus(fleet.received)).toMatchObject({
      versions: { agent: "0.1.0" },
      startedAt: "2025-05-01T08:00:00.000Z",
      runs: ["http", "printer-1"],
    });
    await fleet.close();
  });

  it("leaves a retained offline status (lost) through its last will when the connection dies", async () => {
    const client = kiosk();
    status(client).start();
    await outcome(client);
    const fleet = await watch(broker.url, broker.fleetUser, [topics().status], { clean: true });
    await fleet.waitFor((received) => lastStatus(received)?.status === "online");
    client.abort();
    await fleet.waitFor((received) => lastStatus(received)?.status === "offline");
    expect(lastStatus(fleet.received)).toEqual({ status: "offline", reason: "lost" });
    await fleet.close();
  });

  it("publishes its own retained offline status (shutdown) on a clean shutdown", async () => {
    const client = kiosk();
    const reporter = status(client);
    reporter.start();
    await outcome(client);
    const fleet = await watch(broker.url, broker.fleetUser, [topics().status], { clean: true });
    await fleet.waitFor((received) => lastStatus(received)?.status === "online");
    await reporter.stop();
    await client.stop();
    await fleet.waitFor((received) => lastStatus(received)?.status === "offline");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lastStatus(fleet.received)).toMatchObject({ status: "offline", reason: "shutdown" });
    await fleet.close();
  });

  it("falls back to MQTT 3.1.1 with the agent's embedded aedes broker", async () => {
    const embedded = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, log);
    await embedded.start();
    try {
      const client = kiosk({ url: embedded.url, username: undefined, password: undefined });
      expect(await outcome(client)).toMatchObject({ protocolVersion: 4 });
      await expect(client.publish(topics().status, "{}", { qos: 1 })).resolves.toBeUndefined();
      await client.stop();
    } finally {
      await embedded.stop();
    }
  });

  it("connects over TLS to a broker signed by the configured CA, and refuses one signed by another", async () => {
    const tls = broker.tls;
    if (!tls || !broker.tlsUrl || !broker.mtlsUrl) throw new Error("the broker has no TLS");
    expect(await outcome(kiosk({ url: broker.tlsUrl, ca: tls.ca }))).toMatchObject({
      protocolVersion: 5,
    });
    const wrong = await outcome(kiosk({ url: broker.tlsUrl, ca: tls.wrongCa }));
    expect(wrong).toMatchObject({ error: { code: "LINLI_ERR_UPLINK_TLS" } });
    const mutual = { url: broker.mtlsUrl, ca: tls.ca };
    expect(
      await outcome(kiosk({ ...mutual, cert: tls.clientCert, key: tls.clientKey })),
    ).toMatchObject({ protocolVersion: 5 });
    expect(await outcome(kiosk(mutual))).toHaveProperty("error");
  });

  it("connects over MQTT-over-WebSocket", async () => {
    expect(await outcome(kiosk({ url: broker.wsUrl }))).toMatchObject({ protocolVersion: 5 });
  });

  it("says clearly that the broker refused its credentials, without showing the password", async () => {
    const info = await outcome(kiosk({ password: "not-the-password" }));
    expect(info).toMatchObject({ error: { code: "LINLI_ERR_UPLINK_CREDENTIALS_REFUSED" } });
    const { error } = info as DisconnectedInfo;
    expect(error?.message).toContain(broker.kioskUser.username);
    expect(error?.message).not.toContain("not-the-password");
  });

  it("may publish only inside its own topic tree and read only its downlink topics", async () => {
    const client = kiosk();
    await outcome(client);
    const fleet = await watch(broker.url, broker.fleetUser, ["linli/v1/#"], { clean: true });
    const elsewhere = "linli/v1/other-site/kiosk-01/events";
    await expect(client.publish(elsewhere, "{}", { qos: 1 })).rejects.toMatchObject({
      code: "LINLI_ERR_UPLINK_PUBLISH_REFUSED",
    });
    await client.publish(topics().telemetry, '{"ok":true}', { qos: 1 });
    await fleet.waitFor((received) => received.some((m) => m.topic === topics().telemetry));
    expect(fleet.received.filter((m) => m.topic === elsewhere)).toEqual([]);
    // Mosquitto grants any subscription and filters by the ACL on delivery.
    const commands: string[] = [];
    client.on("message", (message) => commands.push(message.topic));
    const othersCommand = "linli/v1/other-site/kiosk-01/cmd/open-door";
    await client.subscribe("linli/v1/other-site/kiosk-01/cmd/+");
    await client.subscribe(topics().commands);
    const upstream = await watch(broker.url, broker.upstreamUser, [], { clean: true });
    await upstream.client.publishAsync(othersCommand, '{"id":"1"}', { qos: 1 });
    await upstream.client.publishAsync(topics().command("print-test"), '{"id":"2"}', { qos: 1 });
    await expect.poll(() => commands).toEqual([topics().command("print-test")]);
    await upstream.close();
    await fleet.close();
  });
});
