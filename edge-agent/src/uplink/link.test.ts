import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedBroker } from "../broker/broker.js";
import { createLogger } from "../log.js";
import { createUplinkClient, type UplinkClient } from "./client.js";
import { UplinkLink } from "./link.js";
import { connectClient } from "./testing.js";

const log = createLogger({ level: "silent" });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(): Promise<EmbeddedBroker> {
  const started = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, log);
  await started.start();
  cleanups.push(() => started.stop());
  return started;
}

function client(url: string, password?: string): UplinkClient {
  const created = createUplinkClient(
    { url, rejectUnauthorized: true, ...(password ? { username: "kiosk", password } : {}) },
    {
      clientId: `linli-link-${Math.random().toString(36).slice(2)}`,
      log,
      backoff: { initialMs: 50 },
    },
  );
  cleanups.push(() => created.stop(100));
  return created;
}

async function connectedLink(url: string): Promise<{ link: UplinkLink; events: string[] }> {
  const link = new UplinkLink(client(url), log);
  const events: string[] = [];
  link.on("connected", () => events.push("connected"));
  link.on("disconnected", () => events.push("disconnected"));
  await link.subscribe("linli/v1/site/kiosk/cmd/+", 1);
  const up = new Promise((resolve) => link.on("connected", resolve));
  link.start();
  await up;
  return { link, events };
}

describe("the uplink link", () => {
  it("keeps the current client when a candidate cannot connect in time", async () => {
    const current = await broker();
    const { link } = await connectedLink(current.url);
    const closed = await broker();
    await closed.stop();
    const candidate = client(closed.url);
    const trial = link.trial(candidate, AbortSignal.timeout(300));
    await expect(trial).rejects.toMatchObject({
      code: "LINLI_ERR_UPLINK_RECONNECT_TIMEOUT",
      cause: expect.objectContaining({ code: "LINLI_ERR_UPLINK_UNREACHABLE" }),
    });
    expect(link.active).not.toBe(candidate);
    expect(link.isConnected).toBe(true);
    await link.publish("linli/v1/site/kiosk/status", "still here", { qos: 1 });
  });

  it("passes on a candidate's messages while it is tried, and its events once adopted", async () => {
    const current = await broker();
    const next = await broker();
    const { link, events } = await connectedLink(current.url);
    const received: string[] = [];
    link.onMessage((_topic, payload) => received.push(payload.toString()));
    const candidate = client(next.url);
    const info = await link.trial(candidate, AbortSignal.timeout(5_000));
    expect(events).toEqual(["connected"]);

    const upstream = await connectClient(next.url, (end) => cleanups.push(end));
    await upstream.publishAsync("linli/v1/site/kiosk/cmd/rebirth", "queued on the new one", {
      qos: 1,
    });
    await expect.poll(() => received).toEqual(["queued on the new one"]);

    const old = link.adopt(candidate, info);
    expect(events).toEqual(["connected", "disconnected", "connected"]);
    expect(link.active).toBe(candidate);
    await old.stop(100);
    expect(events).toHaveLength(3);
    await link.publish("linli/v1/site/kiosk/status", "moved", { qos: 1 });
  });
});
