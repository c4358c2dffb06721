import mqtt, { type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { freePort } from "../support/ports.js";

const BASE = "linli/v1/weifang-xincun/kiosk-01";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Received {
  topic: string;
  payload: Record<string, unknown>;
  retain: boolean;
}

async function watch(
  port: number,
  topics: string[],
): Promise<{ client: MqttClient; received: Received[] }> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: 4,
    reconnectPeriod: 200,
  });
  const received: Received[] = [];
  client.on("message", (topic, payload, packet) => {
    try {
      received.push({
        topic,
        payload: JSON.parse(payload.toString()) as Record<string, unknown>,
        retain: packet.retain,
      });
    } catch {
      // not JSON: not ours
    }
  });
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  await client.subscribeAsync(topics, { qos: 1 });
  cleanup.push(() => client.endAsync(true));
  return { client, received };
}

async function until<T>(find: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function demoAgent(): Promise<{ agent: AgentProcess; brokerPort: number }> {
  const brokerPort = await freePort();
  const agent = await startAgent({ env: { LINLI_BROKER_PORT: String(brokerPort) } });
  cleanup.push(() => agent.stop("SIGKILL"));
  return { agent, brokerPort };
}

describe("the agent's uplink (demo mode, embedded broker)", () => {
  it("announces itself online with versions, and each device's state, retained", async () => {
    const { brokerPort } = await demoAgent();
    const { received } = await watch(brokerPort, [`${BASE}/status`, `${BASE}/devices/+/state`]);
    const status = await until(() => received.find((m) => m.topic === `${BASE}/status`));
    expect(status.payload).toMatchObject({ status: "online", versions: { agent: "0.1.0" } });
    expect(status.retain).toBe(true);
    const printer = await until(() =>
      received.find((m) => m.topic === `${BASE}/devices/printer-1/state`),
    );
    expect(printer.payload).toMatchObject({ deviceId: "printer-1", health: { state: "ready" } });
  });

  it("opens a door once for an open-door command sent three times, with the same result each time", async () => {
    const { brokerPort } = await demoAgent();
    const { client, received } = await watch(brokerPort, [
      `${BASE}/cmd/+/result`,
      `${BASE}/events`,
    ]);
    const command = JSON.stringify({ id: "cmd-42", deviceId: "lockers-1", board: 1, lock: 3 });
    for (let i = 0; i < 3; i++)
      await client.publishAsync(`${BASE}/cmd/open-door`, command, { qos: 1 });
    await until(() =>
      received.filter((m) => m.topic.endsWith("/cmd/open-door/result")).length >= 3
        ? true
        : undefined,
    );
    const results = received
      .filter((m) => m.topic.endsWith("/cmd/open-door/result"))
      .map((m) => m.payload);
    expect(results[0]).toMatchObject({ id: "cmd-42", status: "ok", data: { jobId: "cmd-cmd-42" } });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const opened = await until(() =>
      received.find((m) => m.topic === `${BASE}/events` && m.payload.type === "device.door_opened"),
    );
    expect(opened.payload).toMatchObject({ data: { deviceId: "lockers-1", board: 1, lock: 3 } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const opens = received.filter(
      (m) => m.topic === `${BASE}/events` && m.payload.type === "device.door_opened",
    );
    expect(opens).toHaveLength(1);
    const jobEvents = received.filter(
      (m) =>
        m.topic === `${BASE}/events` &&
        m.payload.type === "job.state" &&
        (m.payload.data as { jobId?: string }).jobId === "cmd-cmd-42",
    );
    expect(jobEvents.map((m) => (m.payload.data as { state: string }).state)).toContain("done");
  });

  it("answers a malformed command with an error result and keeps working", async () => {
    const { brokerPort } = await demoAgent();
    const { client, received } = await watch(brokerPort, [`${BASE}/cmd/+/result`]);
    await client.publishAsync(
      `${BASE}/cmd/open-door`,
      JSON.stringify({ id: "bad-1", deviceId: "lockers-1", board: 0 }),
      { qos: 1 },
    );
    await client.publishAsync(`${BASE}/cmd/open-door`, "{not json", { qos: 1 });
    const bad = await until(() => received.find((m) => m.payload.id === "bad-1"));
    expect(bad.payload).toMatchObject({
      status: "error",
      error: { code: "LINLI_ERR_UPLINK_BAD_COMMAND" },
    });
    await client.publishAsync(
      `${BASE}/cmd/open-door`,
      JSON.stringify({ id: "wrong-1", deviceId: "printer-1", board: 1, lock: 1 }),
      { qos: 1 },
    );
    const wrong = await until(() => received.find((m) => m.payload.id === "wrong-1"));
    expect(wrong.payload).toMatchObject({
      status: "error",
      error: { code: "LINLI_ERR_DEVICE_WRONG_FAMILY" },
    });
    await client.publishAsync(`${BASE}/cmd/rebirth`, JSON.stringify({ id: "rb-1" }), { qos: 1 });
    const rebirth = await until(() => received.find((m) => m.payload.id === "rb-1"));
    expect(rebirth.payload).toMatchObject({ status: "ok" });
  });

  it("says offline, retained, when it shuts down", async () => {
    const { agent, brokerPort } = await demoAgent();
    const { received } = await watch(brokerPort, [`${BASE}/status`]);
    await until(() => received.find((m) => m.payload.status === "online"));
    // The embedded broker stops with the agent, so watch the last message before it goes.
    const stopping = agent.stop("SIGTERM");
    const offline = await until(() => received.find((m) => m.payload.status === "offline"));
    expect(offline.payload).toMatchObject({ reason: "shutdown" });
    expect(await stopping).toBe(0);
  });
});
