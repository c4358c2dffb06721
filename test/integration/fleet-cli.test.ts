import mqtt, { type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { freePort } from "../support/ports.js";

const running: AgentProcess[] = [];
const clients: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  await Promise.all(running.splice(0).map((agent) => agent.stop("SIGKILL")));
});

interface Status {
  status: "online" | "offline";
  reason?: string;
  versions?: Record<string, string>;
  runs?: string[];
}

/** An upstream subscriber to every kiosk's status, keeping the latest per kiosk. */
async function watchStatuses(url: string): Promise<Map<string, Status>> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  clients.push(client);
  const statuses = new Map<string, Status>();
  client.on("message", (topic, payload) => {
    const kiosk = topic.split("/").slice(2, 4).join("/");
    statuses.set(kiosk, JSON.parse(payload.toString()) as Status);
  });
  await client.subscribeAsync("linli/v1/+/+/status", { qos: 1 });
  return statuses;
}

const DEMO_KIOSK = "weifang-xincun/kiosk-01";
const online = (statuses: Map<string, Status>) =>
  [...statuses].filter(([, status]) => status.status === "online").map(([kiosk]) => kiosk);

async function startFleet(size: number) {
  const brokerPort = await freePort();
  const agent = await startAgent({
    args: ["--demo", "--fleet", String(size)],
    env: { LINLI_BROKER_PORT: String(brokerPort) },
  });
  running.push(agent);
  return { agent, brokerUrl: `mqtt://127.0.0.1:${brokerPort}` };
}

describe("linli start --demo --fleet N", () => {
  it("brings N simulated kiosks online on the embedded broker, each with a retained status", async () => {
    const { agent, brokerUrl } = await startFleet(20);
    expect(agent.output()).toMatch(
      /fleet: +http:\/\/127\.0\.0\.1:\d+\/fleet \(20 simulated kiosks\)/,
    );
    const statuses = await watchStatuses(brokerUrl);
    await expect.poll(() => online(statuses).length, { timeout: 20_000 }).toBe(21);
    const simulated = online(statuses).filter((kiosk) => kiosk !== DEMO_KIOSK);
    expect(new Set(simulated).size).toBe(20);
    for (const kiosk of simulated) {
      expect(statuses.get(kiosk)).toMatchObject({
        versions: { agent: expect.any(String) },
        runs: expect.arrayContaining(["printer:printer-1", "locker:lockers-1"]),
      });
    }
    const listed = (await (await fetch(`${agent.url}/api/v1/demo/fleet`)).json()) as {
      items: { site: string; kiosk: string; state: string }[];
    };
    expect(listed.items.map(({ site, kiosk }) => `${site}/${kiosk}`).sort()).toEqual(
      simulated.sort(),
    );
  });

  it("tells the fleet view where the broker's WebSocket listener is", async () => {
    const { agent } = await startFleet(3);
    const response = await fetch(`${agent.url}/api/v1/fleet/connection`);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    // A browser-like client over WebSocket hears the same retained statuses.
    const statuses = await watchStatuses(url);
    await expect.poll(() => online(statuses).length, { timeout: 20_000 }).toBe(4);
  });

  it("kills one kiosk abruptly, so the broker publishes its last will", async () => {
    const { agent, brokerUrl } = await startFleet(5);
    const statuses = await watchStatuses(brokerUrl);
    await expect.poll(() => online(statuses).length, { timeout: 20_000 }).toBe(6);
    const [site, kiosk] = (online(statuses).find((k) => k !== DEMO_KIOSK) ?? "").split("/");
    const killed = await fetch(`${agent.url}/api/v1/demo/fleet/${site}/${kiosk}/kill`, {
      method: "POST",
    });
    expect(await killed.json()).toMatchObject({ site, kiosk, state: "killed", connected: false });
    await expect
      .poll(() => statuses.get(`${site}/${kiosk}`), { timeout: 5_000 })
      .toEqual({ status: "offline", reason: "lost" });
    expect(online(statuses)).toHaveLength(5);
    const missing = await fetch(`${agent.url}/api/v1/demo/fleet/huamu/kiosk-09/kill`, {
      method: "POST",
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "LINLI_ERR_DEMO_NO_SUCH_KIOSK" });
  });

  it("stops the simulated kiosks with the agent: each says it shut down", async () => {
    const { agent, brokerUrl } = await startFleet(8);
    const statuses = await watchStatuses(brokerUrl);
    await expect.poll(() => online(statuses).length, { timeout: 20_000 }).toBe(9);
    expect(await agent.stop("SIGTERM")).toBe(0);
    const simulated = [...statuses].filter(([kiosk]) => kiosk !== DEMO_KIOSK);
    expect(simulated.map(([, status]) => status.reason)).toEqual(Array(8).fill("shutdown"));
  });

  it("refuses a fleet size that is not 0 to 2000 with a usage error, exit code 64", async () => {
    for (const args of [
      ["--fleet", "abc"],
      ["--fleet", "2001"],
      ["--fleet", "1.5"],
      ["--fleet=-1"],
    ]) {
      const result = await runLinli(["start", "--demo", ...args]);
      expect(result.code, args.join(" ")).toBe(64);
      expect(result.stderr).toContain(
        "the number of simulated kiosks must be a whole number from 0 to 2000",
      );
    }
  });

  it("refuses --fleet without --demo, exit code 64", async () => {
    const result = await runLinli(["start", "--fleet", "5"]);
    expect(result.code).toBe(64);
    expect(result.stderr.trim()).toBe(
      "linli: --fleet adds simulated kiosks to the demo's embedded broker: use it together with --demo",
    );
  });
});
