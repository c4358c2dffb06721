// The fleet view with a thousand kiosks (issue #9: "stays live with 1,000
// kiosks"): `linli start --demo --fleet 1000`, the view opened in Debian's
// Chromium. Two figures, each against a baseline measured in the same run by
// a bare mqtt.js subscriber in Node on the same WebSocket listener with the
// same subscriptions — the least any viewer could do:
// - time until all 1,001 kiosks are known (the thousand and the demo agent),
//   from opening the page / from connecting; the median of a few rounds,
//   view and baseline taking turns, since the broker shares a busy process;
// - staleness while live: the age of the newest telemetry on screen (or,
//   for the baseline, received), sampled over a stretch of live updates once
//   the retained flood a new subscriber gets has drained.
// Plus renders per second and the longest main-thread task while live.
import mqtt from "mqtt";
import type { Browser, Page } from "playwright-core";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
import { percentile, report } from "./harness.js";

const FLEET = 1_000;
const KIOSKS = FLEET + 1;
const ROUNDS = 3;
const SAMPLE_MS = 200;
const LIVE_WINDOW_MS = 20_000;
const SETTLED_PER_SECOND = 400;
/** What the fleet view subscribes to (kiosk-ui/src/fleet/data/messages.ts). */
const SUBSCRIPTIONS = [
  "linli/v1/+/+/status",
  "linli/v1/+/+/telemetry",
  "linli/v1/+/+/devices/+/state",
  "linli/v1/+/+/events",
];

interface ViewStats {
  kiosks: number;
  messages: number;
  newestTelemetryAt?: number;
  renders: number;
  connections: number;
}

declare global {
  interface Window {
    __longestTaskMs?: number;
  }
}

/** What the fleet view has rendered (its `stats`), read in the page. */
const readStats = (page: Page): Promise<ViewStats | undefined> =>
  page.evaluate(
    () =>
      (document.querySelector("linli-fleet-app") as unknown as { stats?: ViewStats } | null)?.stats,
  );

/** A bare subscriber: when it had every kiosk's status, and the newest telemetry time it has seen. */
async function bareSubscriber(url: string) {
  const started = performance.now();
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, clean: true });
  const statuses = new Set<string>();
  let allKnownMs = 0;
  let newestTelemetryAt = 0;
  const allKnown = new Promise<void>((resolve) => {
    client.on("message", (topic, payload) => {
      if (topic.endsWith("/status")) {
        statuses.add(topic);
        if (allKnownMs === 0 && statuses.size >= KIOSKS) {
          allKnownMs = performance.now() - started;
          resolve();
        }
      } else if (topic.endsWith("/telemetry")) {
        const at = Date.parse((JSON.parse(payload.toString()) as { at: string }).at);
        if (at > newestTelemetryAt) newestTelemetryAt = at;
      }
    });
  });
  await client.subscribeAsync(SUBSCRIPTIONS, { qos: 0 });
  await allKnown;
  return {
    allKnownMs,
    newestTelemetryAt: () => newestTelemetryAt,
    end: () => client.endAsync(true),
  };
}

/** Opens the view; resolves with the page and the ms from navigation until every kiosk is known. */
async function openView(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.__longestTaskMs = Math.max(window.__longestTaskMs ?? 0, entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${url}/fleet`);
  // A function, not script text: the agent's Content-Security-Policy forbids eval in the page.
  const known = await page.waitForFunction(
    (kiosks) => {
      const stats = (
        document.querySelector("linli-fleet-app") as unknown as { stats?: ViewStats } | null
      )?.stats;
      return stats !== undefined && stats.kiosks >= kiosks ? performance.now() : false;
    },
    KIOSKS,
    { polling: "raf", timeout: 120_000 },
  );
  return { context, page, allKnownMs: (await known.jsonValue()) as number };
}

const median = (values: number[]) => percentile(values, 50);

/**
 * Waits out the retained flood a new subscriber gets (every status, then
 * about five device states per kiosk): live traffic is a couple of hundred
 * messages a second, the flood several times that.
 */
async function settled(page: Page): Promise<void> {
  let before = (await readStats(page))?.messages ?? 0;
  for (let waited = 0; waited < 60; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = (await readStats(page))?.messages ?? 0;
    if (now - before < SETTLED_PER_SECOND) return;
    before = now;
  }
}

let agent: AgentProcess | undefined;
const browser = await launchChromium();
try {
  agent = await startAgent({ args: ["--demo", "--fleet", String(FLEET)] });
  const { url } = (await (await fetch(`${agent.url}/api/v1/fleet/connection`)).json()) as {
    url: string;
  };
  // The whole fleet online first: this measures the view, not how fast kiosks connect.
  await (await bareSubscriber(url)).end();

  const viewTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const bare = await bareSubscriber(url);
    bareTimes.push(bare.allKnownMs);
    await bare.end();
    const view = await openView(browser, agent.url);
    viewTimes.push(view.allKnownMs);
    await view.context.close();
  }
  report({
    name: `fleet view: all ${KIOSKS} kiosks known, from opening the page (median of ${ROUNDS})`,
    value: median(viewTimes),
    unit: "ms",
    baseline: { name: "bare mqtt.js subscriber, from connecting", value: median(bareTimes) },
    better: "lower",
  });

  // Live: what is on screen against what the bare subscriber has, sampled at the same instants.
  const baseline = await bareSubscriber(url);
  const { context, page } = await openView(browser, agent.url);
  await settled(page);
  await page.evaluate(() => {
    window.__longestTaskMs = 0;
  });
  const viewAges: number[] = [];
  const bareAges: number[] = [];
  const before = (await readStats(page)) as ViewStats;
  const end = Date.now() + LIVE_WINDOW_MS;
  while (Date.now() < end) {
    const stats = await readStats(page);
    const now = Date.now();
    if (stats?.newestTelemetryAt !== undefined) viewAges.push(now - stats.newestTelemetryAt);
    if (baseline.newestTelemetryAt() > 0) bareAges.push(now - baseline.newestTelemetryAt());
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
  const after = (await readStats(page)) as ViewStats;
  const longestTaskMs = (await page.evaluate(() => window.__longestTaskMs ?? 0)) as number;
  if (after.connections !== before.connections)
    process.stdout.write(`the view reconnected ${after.connections - before.connections} times\n`);
  report({
    name: "fleet view staleness p50 (newest telemetry on screen vs now)",
    value: percentile(viewAges, 50),
    unit: "ms",
    baseline: { name: "bare subscriber, newest received", value: percentile(bareAges, 50) },
    better: "lower",
  });
  report({
    name: "fleet view staleness p95",
    value: percentile(viewAges, 95),
    unit: "ms",
    baseline: { name: "bare subscriber p95", value: percentile(bareAges, 95) },
    better: "lower",
  });
  report({
    name: `fleet view renders per second while live (${FLEET} kiosks)`,
    value: (after.renders - before.renders) / (LIVE_WINDOW_MS / 1000),
    unit: "/s",
    better: "lower",
  });
  report({
    name: "fleet view longest main-thread task while live",
    value: longestTaskMs,
    unit: "ms",
    better: "lower",
  });
  await context.close();
  await baseline.end();
} finally {
  await agent?.stop();
  await browser.close();
}
