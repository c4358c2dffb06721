import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aedes } from "aedes";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import {
  type ConnectingInfo,
  createUplinkClient,
  DEFAULT_BACKOFF,
  type DisconnectedInfo,
  defaultClientId,
  reconnectDelay,
  type UplinkClient,
  type UplinkConfig,
} from "./client.js";

const log = createLogger({ level: "silent" });
const fast = { initialMs: 50, maxMs: 200 };
const clients: UplinkClient[] = [];
const brokers: LocalBroker[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop(100);
  for (const broker of brokers.splice(0)) await broker.close();
});

function config(overrides: Partial<UplinkConfig>): UplinkConfig {
  return { rejectUnauthorized: true, telemetryIntervalSeconds: 30, ...overrides };
}

function client(uplink: UplinkConfig): UplinkClient {
  const created = createUplinkClient(uplink, { clientId: "linli-test", log, backoff: fast });
  clients.push(created);
  return created;
}

interface LocalBroker {
  port: number;
  close(): Promise<void>;
}

/** An in-process aedes (MQTT 3.1.1 only, like the agent's embedded broker). */
async function aedesBroker(port = 0, password?: string): Promise<LocalBroker> {
  const aedes = await Aedes.createBroker();
  if (password !== undefined) {
    aedes.authenticate = (_client, _username, given, done) =>
      done(null, given?.toString() === password);
  }
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const broker: LocalBroker = {
    port: typeof address === "object" && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => aedes.close(() => server.close(() => resolve()))).then(),
  };
  brokers.push(broker);
  return broker;
}

function next<K extends "connected" | "disconnected">(
  uplink: UplinkClient,
  event: K,
): Promise<K extends "connected" ? unknown : DisconnectedInfo> {
  return new Promise((resolve) => {
    const off = uplink.on(event, (info) => {
      off();
      resolve(info as K extends "connected" ? unknown : DisconnectedInfo);
    });
  });
}

describe("the uplink client", () => {
  it("waits 1 s, then twice as long each time, up to 60 s, each ± 20 %", () => {
    const low = () => 0;
    const high = () => 0.999_999;
    expect(reconnectDelay(0, DEFAULT_BACKOFF, () => 0.5)).toBe(1_000);
    expect(reconnectDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(8_000);
    expect(reconnectDelay(20, DEFAULT_BACKOFF, () => 0.5)).toBe(60_000);
    expect(reconnectDelay(0, DEFAULT_BACKOFF, low)).toBe(800);
    expect(reconnectDelay(0, DEFAULT_BACKOFF, high)).toBe(1_200);
    expect(reconnectDelay(50, DEFAULT_BACKOFF, high)).toBe(72_000);
  });

  it("names the kiosk's client id after its site and kiosk", () => {
    expect(defaultClientId("weifang-xincun", "kiosk-01")).toBe("linli-weifang-xincun-kiosk-01");
    expect(client(config({ url: "mqtt://127.0.0.1:1" })).clientId).toBe("linli-test");
    expect(client(config({ url: "mqtt://127.0.0.1:1", clientId: "mine" })).clientId).toBe("mine");
  });

  it("says what to set when there is no broker URL or a secret file cannot be read", () => {
    expect(() => client(config({}))).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_UPLINK_NO_URL" }),
    );
    expect(() =>
      client(config({ url: "mqtt://127.0.0.1:1", passwordFile: "/nonexistent/secret" })),
    ).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_UPLINK_FILE_UNREADABLE",
        message: expect.stringContaining("uplink.passwordFile"),
      }),
    );
  });

  it("keeps the password out of the URL it shows", () => {
    const shown = client(config({ url: "mqtt://kiosk:s3cret@127.0.0.1:1883" })).url;
    expect(shown).not.toContain("s3cret");
  });

  it("reports an unreachable broker as disconnected with a retry time, never as an error event", async () => {
    const closed = await aedesBroker();
    await closed.close();
    const uplink = client(config({ url: `mqtt://127.0.0.1:${closed.port}` }));
    const disconnected = next(uplink, "disconnected");
    uplink.start();
    const info = await disconnected;
    expect(info.error?.code).toBe("LINLI_ERR_UPLINK_UNREACHABLE");
    expect(info.reconnectInMs).toBeGreaterThanOrEqual(40);
    expect(info.reconnectInMs).toBeLessThanOrEqual(60);
    await expect(uplink.publish("linli/v1/x", "y", { qos: 1 })).rejects.toMatchObject({
      code: "LINLI_ERR_UPLINK_OFFLINE",
    });
  });

  it("falls back to MQTT 3.1.1 when the broker refuses 5, and remembers it", async () => {
    const first = await aedesBroker();
    const uplink = client(config({ url: `mqtt://127.0.0.1:${first.port}` }));
    const attempts: ConnectingInfo[] = [];
    uplink.on("connecting", (info) => attempts.push(info));
    const connected = next(uplink, "connected");
    uplink.start();
    expect(await connected).toMatchObject({ protocolVersion: 4 });
    expect(attempts.map((a) => a.protocolVersion)).toEqual([5, 4]);

    const lost = next(uplink, "disconnected");
    await first.close();
    await lost;
    const again = next(uplink, "connected");
    await aedesBroker(first.port);
    await again;
    expect(attempts.slice(2).every((a) => a.protocolVersion === 4)).toBe(true);
  });

  it("reads the password from passwordFile and says so clearly when it is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-client-"));
    const passwordFile = join(dir, "password");
    writeFileSync(passwordFile, "right-one\n");
    const broker = await aedesBroker(0, "right-one");
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const good = client(config({ url, username: "kiosk", passwordFile }));
    const connected = next(good, "connected");
    good.start();
    await connected;

    const bad = client(config({ url, username: "kiosk", password: "wrong-one" }));
    const refused = next(bad, "disconnected");
    bad.start();
    const info = await refused;
    expect(info.error?.code).toBe("LINLI_ERR_UPLINK_CREDENTIALS_REFUSED");
    expect(info.error?.message).toContain("uplink.password");
    expect(info.error?.message).not.toContain("wrong-one");
  });

  it("does not reconnect while held, and reconnects at once when released", async () => {
    const first = await aedesBroker();
    const uplink = client(config({ url: `mqtt://127.0.0.1:${first.port}` }));
    uplink.start();
    await next(uplink, "connected");
    uplink.hold();
    const lost = next(uplink, "disconnected");
    await first.close();
    expect((await lost).reconnectInMs).toBeUndefined();
    await aedesBroker(first.port);
    // The backoff here is 50 ms: a client not held would be back long before this.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(uplink.isConnected).toBe(false);
    const back = next(uplink, "connected");
    uplink.release();
    await back;
    expect(uplink.isConnected).toBe(true);
  });

  it("subscribes before connecting, and again when a broker comes back without the session", async () => {
    const first = await aedesBroker();
    const url = `mqtt://127.0.0.1:${first.port}`;
    const uplink = client(config({ url }));
    const received: string[] = [];
    uplink.on("message", (message) => received.push(message.payload.toString()));
    await uplink.subscribe("linli/v1/site-a/kiosk-01/cmd/+");
    uplink.start();
    await next(uplink, "connected");
    const send = async (payload: string) => {
      const upstream = await mqtt.connectAsync(url, { protocolVersion: 4 });
      await upstream.publishAsync("linli/v1/site-a/kiosk-01/cmd/print-test", payload, { qos: 1 });
      await upstream.endAsync();
    };
    await send("one");
    await expect.poll(() => received).toEqual(["one"]);

    const lost = next(uplink, "disconnected");
    await first.close();
    await lost;
    const again = next(uplink, "connected");
    await aedesBroker(first.port);
    await again;
    await send("two");
    await expect.poll(() => received).toEqual(["one", "two"]);
  });
});
