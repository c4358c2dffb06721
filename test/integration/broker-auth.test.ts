/**
 * The embedded broker with `broker.users`, on a running agent (`linli start
 * --demo --config`, its own process): what a stranger, a LAN vending unit,
 * a read-only fleet viewer and the agent's own clients each get from it, as
 * real mqtt.js clients see it — CONNACK codes, SUBACK codes, and which
 * messages reach whom.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MqttVendingUnitSimulator } from "../../edge-agent/src/devices/vending/mqtt-vending-unit-simulator.js";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { AgentApi, until } from "../support/api.js";
import { freePort } from "../support/ports.js";

const UNIT_PASSWORD = "vending unit on the LAN";
const VIEWER_PASSWORD = "fleet viewer, read only";
const MONITOR_PASSWORD = "watches the device bus";
const UNIT = "vending-lan";
const KIOSK_TOPICS = "linli/v1/weifang-xincun/kiosk-01";

let agent: AgentProcess;
let api: AgentApi;
let unit: MqttVendingUnitSimulator;
let mqttUrl: string;
let wsUrl: string;
let env: Record<string, string>;
let configPath: string;
const clients: MqttClient[] = [];

/** `linli hash-secret`, as an installer would run it. */
async function hashSecret(password: string): Promise<string> {
  const result = await runLinli(["hash-secret"], {}, `${password}\n`);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "linli-broker-auth-"));
  const [brokerPort, wsPort] = [await freePort(), await freePort()];
  mqttUrl = `mqtt://127.0.0.1:${brokerPort}`;
  wsUrl = `ws://127.0.0.1:${wsPort}`;
  configPath = join(dir, "linli.yaml");
  const config = {
    broker: {
      users: [
        {
          username: UNIT,
          passwordHash: await hashSecret(UNIT_PASSWORD),
          publish: [`lan/vending/${UNIT}/out/#`],
          subscribe: [`lan/vending/${UNIT}/in/#`],
        },
        {
          username: "fleet-viewer",
          passwordHash: await hashSecret(VIEWER_PASSWORD),
          subscribe: ["linli/v1/#"],
        },
        {
          username: "bus-monitor",
          passwordHash: await hashSecret(MONITOR_PASSWORD),
          subscribe: ["lan/#", "linli/#"],
        },
      ],
    },
    // The demo's own devices give way to one LAN vending unit.
    devices: [
      {
        id: UNIT,
        profile: "linli-vending-mqtt",
        transport: { type: "mqtt" },
        options: { products: [{ slot: 1, nameZh: "矿泉水", priceFen: 200, stock: 3 }] },
      },
    ],
    parcels: { cabinets: [] },
  };
  // JSON is YAML.
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  env = { LINLI_BROKER_PORT: String(brokerPort), LINLI_BROKER_WS_PORT: String(wsPort) };
  agent = await startAgent({ args: ["--demo", "--fleet", "2", "--config", configPath], env });
  api = new AgentApi(agent.url);
}, 60_000);

afterAll(async () => {
  await unit?.stop();
  await Promise.all(clients.map((client) => client.endAsync(true)));
  await agent?.stop();
});

async function connect(options: IClientOptions, url = mqttUrl): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

/** What mqtt.js reports for a CONNECT: "connected", or the CONNACK's return code. */
const connackOf = (options: IClientOptions, url?: string) =>
  connect(options, url).then(
    () => "connected",
    (error: { code?: unknown }) => error.code,
  );

/** The SUBACK's return codes (mqtt.js rejects a SUBACK with any failure, carrying the packet). */
function grantsOf(client: MqttClient, topics: string[]): Promise<number[]> {
  return client.subscribeAsync(topics).then(
    (grants) => grants.map((grant) => grant.qos),
    (error: { packet?: { granted?: number[] } }) => {
      if (!error.packet?.granted) throw error;
      return error.packet.granted;
    },
  );
}

function heard(client: MqttClient): { topic: string; payload: string; retain: boolean }[] {
  const seen: { topic: string; payload: string; retain: boolean }[] = [];
  client.on("message", (topic, payload, packet) =>
    seen.push({ topic, payload: String(payload), retain: packet.retain }),
  );
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("the embedded broker with broker.users, on a running agent", () => {
  it("refuses a client without credentials and a wrong password at CONNECT, over TCP and WebSocket", async () => {
    expect(await connackOf({})).toBe(5); // not authorized
    expect(await connackOf({ username: UNIT, password: "not the password" })).toBe(4); // bad user name or password
    expect(await connackOf({ username: "linli-agent", password: UNIT_PASSWORD })).toBe(4);
    expect(await connackOf({}, wsUrl)).toBe(5);
    expect(await connackOf({ username: UNIT, password: UNIT_PASSWORD })).toBe("connected");
  });

  it("lets a vending unit subscribe to its own commands, and to nothing else", async () => {
    const client = await connect({ username: UNIT, password: UNIT_PASSWORD });
    expect(
      await grantsOf(client, [
        `lan/vending/${UNIT}/in/#`,
        "lan/vending/vending-other/in/#",
        "lan/vending/+/out/#",
        "linli/#",
        "#",
      ]),
    ).toEqual([0, 128, 128, 128, 128]);
  });

  it("passes a vending unit's publishes under its out/ and drops the rest, its connection kept", async () => {
    const monitor = await connect({ username: "bus-monitor", password: MONITOR_PASSWORD });
    const seen = heard(monitor);
    await monitor.subscribeAsync(["lan/#", "linli/#"]);
    const client = await connect({ username: UNIT, password: UNIT_PASSWORD });
    await client.publishAsync("lan/vending/vending-other/out/vend/result", "{}", { qos: 1 });
    await client.publishAsync(`${KIOSK_TOPICS}/cmd/open-door`, '{"id":"x"}', { qos: 1 });
    await client.publishAsync(`lan/vending/${UNIT}/out/probe`, "{}", { qos: 1 });
    await settle();
    const live = seen.filter((message) => !message.retain).map((message) => message.topic);
    expect(live).toContain(`lan/vending/${UNIT}/out/probe`);
    expect(live).not.toContain("lan/vending/vending-other/out/vend/result");
    expect(live.filter((topic) => topic.includes("/cmd/"))).toEqual([]);
    expect(client.connected).toBe(true);
    // Logged once, by topic and user, never with the payload.
    expect(agent.output()).toContain("embedded broker refused a publish");
    expect(agent.output()).not.toContain('{"id":"x"}');
  });

  it("drives the agent's own MQTT vending unit end to end, the unit signed in as its user", async () => {
    unit = new MqttVendingUnitSimulator({
      url: mqttUrl,
      topicPrefix: `lan/vending/${UNIT}`,
      username: UNIT,
      password: UNIT_PASSWORD,
      priceFen: 200,
      dispenseMs: 50,
    });
    await unit.start();
    await until(async () => {
      const { body } = await api.call<{
        units: { deviceId: string; products: { slot: number; available: boolean }[] }[];
      }>("GET", "/vending");
      const product = body.units.find((one) => one.deviceId === UNIT)?.products[0];
      return product?.available || undefined;
    }, "the LAN unit's product to be offered");
    const placed = await api.call<{ id: string; payment: { chargeId: string } }>(
      "POST",
      "/vending/orders",
      { deviceId: UNIT, slot: 1 },
    );
    expect(placed.status).toBe(201);
    await api.call("POST", `/demo/payments/${placed.body.payment.chargeId}/pay`);
    const done = await until(async () => {
      const { body } = await api.call<{ state: string; outcome: { finished: boolean } }>(
        "GET",
        `/vending/orders/${placed.body.id}`,
      );
      return body.outcome.finished ? body : undefined;
    }, "the order to finish");
    expect(done.state).toBe("vended");
    expect(unit.vends).toMatchObject([{ slot: 1, result: "success" }]);
  });

  it("lets a read-only fleet viewer see the uplink and the simulated fleet over WebSocket, and not command them", async () => {
    const viewer = await connect({ username: "fleet-viewer", password: VIEWER_PASSWORD }, wsUrl);
    const seen = heard(viewer);
    // The demo uplink and the --fleet kiosks report to the embedded broker, signed in as the agent.
    expect(await grantsOf(viewer, ["linli/v1/+/+/status", "lan/#"])).toEqual([0, 128]);
    const online = await until(async () => {
      const kiosks = seen
        .filter((message) => JSON.parse(message.payload).status === "online")
        .map((message) => message.topic);
      return new Set(kiosks).size === 3 ? kiosks : undefined;
    }, "the kiosk and two simulated kiosks online");
    expect(online).toContain(`${KIOSK_TOPICS}/status`);
    const monitor = await connect({ username: "bus-monitor", password: MONITOR_PASSWORD });
    const bus = heard(monitor);
    await monitor.subscribeAsync(`${KIOSK_TOPICS}/cmd/#`);
    await viewer.publishAsync(`${KIOSK_TOPICS}/cmd/print-test`, '{"id":"t1"}', { qos: 1 });
    await settle();
    expect(bus).toEqual([]);
  });

  it("shows and logs the broker's URL without credentials, and says sign-in is required", async () => {
    const output = agent.output();
    expect(output).toContain(`MQTT:      ${mqttUrl} (WebSocket port`);
    expect(output).toContain("sign-in required, 3 users");
    expect(output).not.toMatch(/linli-agent:[^@\s]+@/);
    for (const password of [UNIT_PASSWORD, VIEWER_PASSWORD, MONITOR_PASSWORD])
      expect(output).not.toContain(password);
  });

  it("has linli doctor confirm that the running broker refuses clients without credentials", async () => {
    const result = await runLinli(["doctor", "--demo", "--config", configPath, "--json"], {
      ...env,
      LINLI_HTTP_PORT: String(agent.port),
      LINLI_STORE_PATH: join(agent.dir, "linli.db"),
    });
    const findings = JSON.parse(result.stdout) as { check: string; ok: boolean; detail: string }[];
    expect(findings.find((finding) => finding.check === "broker")).toMatchObject({
      ok: true,
      detail: expect.stringContaining("refuses clients without credentials (broker.users lists 3)"),
    });
  });
});

describe("linli hash-secret", () => {
  it("refuses a password shorter than 12 characters as a usage error, and never echoes it", async () => {
    const result = await runLinli(["hash-secret"], {}, "s3cret\n");
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("a password has at least 12 characters");
    expect(result.stdout + result.stderr).not.toContain("s3cret");
  });
});

describe("a broker bound beyond loopback", () => {
  it("is refused at start without broker.users, with what to do", async () => {
    const result = await runLinli(["start", "--demo"], {
      LINLI_BROKER_HOST: "0.0.0.0",
      LINLI_HTTP_PORT: String(await freePort()),
      LINLI_STORE_PATH: join(mkdtempSync(join(tmpdir(), "linli-broker-lan-")), "linli.db"),
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(
      'config error in LINLI_BROKER_HOST: broker.host "0.0.0.0" is reachable beyond this machine, but broker.users is empty',
    );
  });
});
