// set-config applied live, against real Mosquittos and the real agent process:
// the agent moves to a second broker (or a second listener of the same one)
// only once it is connected there, rolls back what it cannot connect with,
// keeps what it applied across a restart, and acts once per command id.
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import {
  type Mosquitto,
  type MosquittoOptions,
  type ReceivedMessage,
  startMosquitto,
  type Watcher,
  watch,
} from "../support/mosquitto.js";
import { freePort } from "../support/ports.js";

const SITE = "weifang-xincun";
const KIOSK = "kiosk-01";
const BASE = `linli/v1/${SITE}/${KIOSK}`;
/** Test-short: the default is 30 s. */
const ROLLBACK_SECONDS = 3;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const started = await startMosquitto({ site: SITE, kiosk: KIOSK, ...options });
  cleanups.push(() => started.stop());
  return started;
}

/** Upstream's view of one broker: everything under the kiosk's topics. */
async function upstream(mosquitto: Mosquitto): Promise<Watcher> {
  const watcher = await watch(mosquitto.url, mosquitto.upstreamUser, [`${BASE}/#`], {
    clean: true,
  });
  cleanups.push(() => watcher.close());
  return watcher;
}

interface Kiosk {
  agent: AgentProcess;
  configFile: string;
  storePath: string;
}

/** The demo agent (simulated devices) reporting to `mosquitto` as set in its config file. */
async function kioskOn(mosquitto: Mosquitto, reuse?: Kiosk): Promise<Kiosk> {
  const configFile = reuse?.configFile ?? join(mosquitto.dir, "linli.yaml");
  if (!reuse) {
    writeFileSync(
      configFile,
      [
        "uplink:",
        `  url: ${mosquitto.url}`,
        `  username: ${mosquitto.kioskUser.username}`,
        `  password: ${mosquitto.kioskUser.password}`,
        `  configRollbackSeconds: ${ROLLBACK_SECONDS}`,
        "  telemetryIntervalSeconds: 5",
        "",
      ].join("\n"),
    );
  }
  const env: Record<string, string> = reuse ? { LINLI_STORE_PATH: reuse.storePath } : {};
  const agent = await startAgent({ args: ["--demo", "--config", configFile], env });
  cleanups.push(() => agent.stop("SIGKILL"));
  return { agent, configFile, storePath: reuse?.storePath ?? join(agent.dir, "linli.db") };
}

const json = (message: ReceivedMessage) => JSON.parse(message.payload) as Record<string, unknown>;
const on = (received: ReceivedMessage[], topic: string) =>
  received.filter((message) => message.topic === topic).map(json);
const lastStatus = (watcher: Watcher) => on(watcher.received, `${BASE}/status`).at(-1);
const results = (watcher: Watcher, id: string) =>
  on(watcher.received, `${BASE}/cmd/set-config/result`).filter((result) => result.id === id);

async function setConfig(watcher: Watcher, id: string, uplink: Record<string, unknown>) {
  await watcher.client.publishAsync(
    `${BASE}/cmd/set-config`,
    JSON.stringify({ id, config: { uplink } }),
    {
      qos: 1,
    },
  );
}

async function report(agent: AgentProcess, text: string): Promise<void> {
  const response = await fetch(`${agent.url}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ category: "other", text }),
  });
  expect(response.status).toBe(201);
}

interface EventMessage {
  id: string;
  seq: number;
  type: string;
  data: { text?: string };
}

const reportEvents = (watcher: Watcher) =>
  (on(watcher.received, `${BASE}/events`) as unknown as EventMessage[]).filter(
    (event) => event.type === "report.created",
  );

describe("set-config applied live", () => {
  it("moves to a second broker with new credentials only once connected there, losing and reordering no event", async () => {
    const first = await broker();
    const second = await broker();
    const [atFirst, atSecond] = [await upstream(first), await upstream(second)];
    const { agent } = await kioskOn(first);
    await atFirst.waitFor(() => lastStatus(atFirst)?.status === "online");

    // Residents keep reporting while the kiosk moves.
    let reporting = true;
    let sent = 0;
    const burst = (async () => {
      while (reporting || sent < 40) await report(agent, `r${sent++}`);
    })();
    await atFirst.waitFor(() => reportEvents(atFirst).length >= 5);
    await setConfig(atFirst, "move-1", {
      url: second.url,
      username: second.kioskUser.username,
      password: second.kioskUser.password,
    });
    await atSecond.waitFor(() => results(atSecond, "move-1").length === 1);
    reporting = false;
    await burst;

    expect(results(atSecond, "move-1")[0]).toEqual({
      id: "move-1",
      status: "ok",
      data: { applied: true, changed: ["uplink"] },
    });
    expect(lastStatus(atSecond)).toMatchObject({ status: "online" });
    await atSecond.waitFor((received) => on(received, `${BASE}/telemetry`).length > 0);
    await atFirst.waitFor(() => lastStatus(atFirst)?.status === "offline");
    expect(lastStatus(atFirst)).toMatchObject({ status: "offline", reason: "moved" });

    // Every report reached upstream: on the first broker before the move, on the second after,
    // each new one in seq order (an event in flight at the switch may come twice, same id and seq).
    await atSecond.waitFor(
      () =>
        new Set([...reportEvents(atFirst), ...reportEvents(atSecond)].map((e) => e.id)).size >=
        sent,
    );
    const seen = new Map<string, number>();
    for (const event of [...reportEvents(atFirst), ...reportEvents(atSecond)]) {
      if (seen.has(event.id)) expect(event.seq).toBe(seen.get(event.id));
      else seen.set(event.id, event.seq);
    }
    const firstArrivals = [...seen.values()];
    expect(firstArrivals).toEqual([...firstArrivals].sort((a, b) => a - b));
    expect(seen.size).toBe(sent);
    expect(reportEvents(atSecond).length).toBeGreaterThan(0);

    // Commands come in over the new connection too.
    await atSecond.client.publishAsync(
      `${BASE}/cmd/open-door`,
      JSON.stringify({ id: "door-1", deviceId: "lockers-1", board: 1, lock: 2 }),
      { qos: 1 },
    );
    await atSecond.waitFor((received) =>
      on(received, `${BASE}/cmd/open-door/result`).some(
        (r) => r.id === "door-1" && r.status === "ok",
      ),
    );
    for (const secret of [first.kioskUser.password, second.kioskUser.password])
      expect(agent.output()).not.toContain(secret);
  });

  it("rolls back a wrong password, an unreachable broker and a TLS failure, and keeps reporting on the old connection", async () => {
    const mosquitto = await broker({ tls: true });
    const watcher = await upstream(mosquitto);
    const { agent } = await kioskOn(mosquitto);
    await watcher.waitFor(() => lastStatus(watcher)?.status === "online");
    const closedPort = await freePort();
    const cases = [
      {
        id: "bad-password",
        uplink: { password: "not-the-password" },
        why: "LINLI_ERR_UPLINK_CREDENTIALS_REFUSED",
      },
      {
        id: "bad-host",
        uplink: { url: `mqtt://127.0.0.1:${closedPort}` },
        why: `did not reconnect within ${ROLLBACK_SECONDS} s (last: LINLI_ERR_UPLINK_UNREACHABLE`,
      },
      {
        id: "bad-ca",
        uplink: { url: mosquitto.tlsUrl, ca: mosquitto.tls?.wrongCa },
        why: "LINLI_ERR_UPLINK_TLS",
      },
    ];
    for (const { id, uplink, why } of cases) {
      const started = Date.now();
      await setConfig(watcher, id, uplink);
      await watcher.waitFor(() => results(watcher, id).length === 1);
      expect(Date.now() - started).toBeLessThan(ROLLBACK_SECONDS * 1000 + 3_000);
      const [result] = results(watcher, id);
      expect(result).toMatchObject({
        id,
        status: "error",
        error: { code: "LINLI_ERR_UPLINK_CONFIG_ROLLED_BACK" },
      });
      const message = String((result?.error as { message?: string } | undefined)?.message);
      expect(message).toContain(why);
      expect(message).toContain("the previous config is back");
      expect(message).not.toContain("not-the-password");

      // Still connected with the old settings, and still delivering.
      await report(agent, `after ${id}`);
      await watcher.waitFor(() => reportEvents(watcher).some((e) => e.data.text === `after ${id}`));
      expect(lastStatus(watcher)).toMatchObject({ status: "online" });
    }
    expect(agent.output()).not.toContain(mosquitto.kioskUser.password);
    expect(agent.output()).not.toContain("not-the-password");
  });

  it("keeps an applied config across a restart", async () => {
    const first = await broker();
    const second = await broker();
    const [atFirst, atSecond] = [await upstream(first), await upstream(second)];
    const kiosk = await kioskOn(first);
    await atFirst.waitFor(() => lastStatus(atFirst)?.status === "online");
    await setConfig(atFirst, "move-2", {
      url: second.url,
      username: second.kioskUser.username,
      password: second.kioskUser.password,
      telemetryIntervalSeconds: 60,
    });
    await atSecond.waitFor(() => results(atSecond, "move-2")[0]?.status === "ok");
    const applied = `${kiosk.storePath}.applied-config.json`;
    expect(statSync(applied).mode & 0o777).toBe(0o600);

    expect(await kiosk.agent.stop("SIGTERM")).toBe(0);
    await atSecond.waitFor(() => lastStatus(atSecond)?.reason === "shutdown");
    const restarted = await kioskOn(first, kiosk);
    await atSecond.waitFor(() => lastStatus(atSecond)?.status === "online");
    expect(lastStatus(atFirst)).toMatchObject({ status: "offline", reason: "moved" });
    expect(restarted.agent.output()).not.toContain(second.kioskUser.password);
  });

  it("acts once on a set-config sent again with the same id, moving to another listener under the same client id", async () => {
    const mosquitto = await broker({ tls: true });
    const watcher = await upstream(mosquitto);
    const { agent } = await kioskOn(mosquitto);
    await watcher.waitFor(() => lastStatus(watcher)?.status === "online");
    const tls = { url: mosquitto.tlsUrl, ca: mosquitto.tls?.ca };
    await setConfig(watcher, "tls-1", tls);
    await setConfig(watcher, "tls-1", tls);
    // Each copy is answered; one the old session had not acknowledged may come again through the
    // session the new connection took over, and is answered again too.
    await watcher.waitFor(() => results(watcher, "tls-1").length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answered = results(watcher, "tls-1").length;
    await setConfig(watcher, "tls-1", tls);
    await watcher.waitFor(() => results(watcher, "tls-1").length === answered + 1);
    const [once, ...again] = results(watcher, "tls-1");
    expect(once).toEqual({
      id: "tls-1",
      status: "ok",
      data: { applied: true, changed: ["uplink"] },
    });
    for (const result of again) expect(result).toEqual(once);
    const moves = agent.output().match(/the uplink moved to its new settings/g) ?? [];
    expect(moves).toHaveLength(1);
    expect(agent.output()).toContain(mosquitto.tlsUrl);

    // The broker handed the session to the new connection; the old one did not take it back.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(lastStatus(watcher)).toMatchObject({ status: "online" });
    await report(agent, "over tls");
    await watcher.waitFor(() => reportEvents(watcher).some((e) => e.data.text === "over tls"));
  });
});
