import { Writable } from "node:stream";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { hashSecret } from "../secret-hash.js";
import { EmbeddedBroker } from "./broker.js";

const UNIT_PASSWORD = "vending unit 2 password";
const lines: Record<string, unknown>[] = [];
const log = createLogger({
  level: "warn",
  destination: new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  }),
});

let broker: EmbeddedBroker;
const clients: MqttClient[] = [];

beforeAll(async () => {
  broker = new EmbeddedBroker(
    {
      host: "127.0.0.1",
      port: 0,
      wsPort: 0,
      users: [
        {
          username: "vending-2",
          passwordHash: await hashSecret(UNIT_PASSWORD),
          publish: ["lan/vending/vending-2/out/#"],
          subscribe: ["lan/vending/vending-2/in/#"],
        },
      ],
    },
    log,
  );
  await broker.start();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.endAsync(true)));
  await broker?.stop();
});

async function connect(options: IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

const asUnit = () => connect({ username: "vending-2", password: UNIT_PASSWORD });
const asAgent = () => connect({ ...broker.agentCredentials });

/** The CONNACK refusal a client sees, as mqtt.js reports it. */
async function refusalOf(options: IClientOptions): Promise<unknown> {
  return connect(options).then(
    () => "connected",
    (error: { code?: unknown }) => error.code,
  );
}

function messages(client: MqttClient): { topic: string; payload: string }[] {
  const seen: { topic: string; payload: string }[] = [];
  client.on("message", (topic, payload) => seen.push({ topic, payload: String(payload) }));
  return seen;
}

/** The SUBACK's return codes (mqtt.js rejects a SUBACK with any failure, carrying the packet). */
async function granted(client: MqttClient, topics: string[]): Promise<number[]> {
  return client.subscribeAsync(topics).then(
    (grants) => grants.map((grant) => grant.qos),
    (error: { packet?: { granted?: number[] } }) => {
      if (!error.packet?.granted) throw error;
      return error.packet.granted;
    },
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe("the embedded broker with users", () => {
  it("refuses a client without credentials (5) and a wrong password or user (4)", async () => {
    expect(await refusalOf({})).toBe(5);
    expect(await refusalOf({ username: "vending-2", password: "not the password" })).toBe(4);
    expect(await refusalOf({ username: "vending-9", password: UNIT_PASSWORD })).toBe(4);
    expect(await refusalOf({ username: "linli-agent", password: UNIT_PASSWORD })).toBe(4);
    expect(await refusalOf({ username: "vending-2", password: UNIT_PASSWORD })).toBe("connected");
    expect(broker.signInRequired).toBe(true);
  });

  it("lets a unit subscribe to its own commands only: others get return code 0x80", async () => {
    const unit = await asUnit();
    expect(
      await granted(unit, [
        "lan/vending/vending-2/in/#",
        "lan/vending/vending-3/in/#",
        "lan/vending/+/in/#",
        "linli/#",
        "#",
      ]),
    ).toEqual([0, 128, 128, 128, 128]);
  });

  it("delivers a unit's own publishes and drops the rest, without closing its connection", async () => {
    const agent = await asAgent();
    const seen = messages(agent);
    await agent.subscribeAsync("#");
    const unit = await asUnit();
    await unit.publishAsync("lan/vending/vending-3/out/state", "{}", { qos: 1, retain: true });
    await unit.publishAsync("linli/v1/site/kiosk/cmd/open-door", '{"id":"x"}', { qos: 1 });
    await unit.publishAsync("lan/vending/vending-2/in/vend", "{}", { qos: 0 });
    await unit.publishAsync("lan/vending/vending-2/out/state", '{"slots":[]}', {
      qos: 1,
      retain: true,
    });
    await settle();
    expect(seen).toEqual([{ topic: "lan/vending/vending-2/out/state", payload: '{"slots":[]}' }]);
    expect(unit.connected).toBe(true);
    // Nothing refused was kept as retained either.
    const late = await asAgent();
    const retained = messages(late);
    await late.subscribeAsync("lan/vending/#");
    await settle();
    expect(retained.map((message) => message.topic)).toEqual(["lan/vending/vending-2/out/state"]);
  });

  it("logs a refused publish once per client and topic, and never its payload", async () => {
    const unit = await asUnit();
    for (let i = 0; i < 3; i++) await unit.publishAsync("linli/v1/x", "secret payload", { qos: 1 });
    await settle();
    const refusals = lines.filter(
      (line) => line.topic === "linli/v1/x" && String(line.msg).includes("refused a publish"),
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ username: "vending-2" });
    expect(JSON.stringify(lines)).not.toContain("secret payload");
    expect(JSON.stringify(lines)).not.toContain(UNIT_PASSWORD);
  });

  it("publishes a unit's last will within its topics, and drops one outside them", async () => {
    const agent = await asAgent();
    const seen = messages(agent);
    await agent.subscribeAsync(["+/+/+/out/availability", "linli/#"]);
    const will = (topic: string) => ({
      username: "vending-2",
      password: UNIT_PASSWORD,
      will: { topic, payload: Buffer.from('{"state":"offline"}'), qos: 1 as const, retain: false },
    });
    (await connect(will("lan/vending/vending-2/out/availability"))).stream.destroy();
    (await connect(will("linli/v1/site/kiosk/status"))).stream.destroy();
    await settle();
    expect(seen.map((message) => message.topic)).toEqual([
      "lan/vending/vending-2/out/availability",
    ]);
  });

  it("gives the agent's own credential full access, and never puts it in the URL", async () => {
    const agent = await asAgent();
    expect(await granted(agent, ["linli/#", "lan/#", "$SYS/#"])).toEqual([0, 0, 0]);
    expect(broker.url).not.toContain("@");
    expect(broker.agentCredentials.username).toBe("linli-agent");
    expect(JSON.stringify(lines)).not.toContain(broker.agentCredentials.password);
  });
});

describe("the embedded broker without users", () => {
  it("stays open to anyone who reaches it (loopback), and takes the agent's credential too", async () => {
    const open = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, log);
    await open.start();
    try {
      const anonymous = await mqtt.connectAsync(open.url, { reconnectPeriod: 0 });
      expect(await anonymous.subscribeAsync("#")).toMatchObject([{ qos: 0 }]);
      await anonymous.endAsync(true);
      const agent = await mqtt.connectAsync(open.url, {
        reconnectPeriod: 0,
        ...open.agentCredentials,
      });
      await agent.endAsync(true);
      expect(open.signInRequired).toBe(false);
    } finally {
      await open.stop();
    }
  });
});
