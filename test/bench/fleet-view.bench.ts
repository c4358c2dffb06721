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
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
import { subscribeToFleet } from "./fleet-subscriber.js";
import {
  openFleetView,
  longestTaskMs as readLongestTask,
  readStats,
  resetLongestTask,
  settled,
  type ViewStats,
} from "./fleet-view-page.js";
import { percentile, report } from "./harness.js";

const FLEET = 1_000;
const KIOSKS = FLEET + 1;
const ROUNDS = 3;
const SAMPLE_MS = 200;
const LIVE_WINDOW_MS = 20_000;

/** A bare subscriber that has every kiosk's status (after it resolves) and the newest telemetry time. */
async function bareSubscriber(url: string) {
  const subscriber = await subscribeToFleet(url, { kiosks: KIOSKS });
  const allKnownMs = await subscriber.allKnown;
  return { ...subscriber, allKnownMs };
}

const median = (values: number[]) => percentile(values, 50);

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
    const view = await openFleetView(browser, `${agent.url}/fleet`, KIOSKS);
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
  const { context, page } = await openFleetView(browser, `${agent.url}/fleet`, KIOSKS);
  await settled(page);
  await resetLongestTask(page);
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
  const longestTaskMs = await readLongestTask(page);
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
