// The city-fleet load test (issue #10): a thousand simulated kiosks in this
// one process against a real local Mosquitto, laid out as deploy/TOPOLOGY.md
// says — each kiosk its own user `<site>/<kiosk>` under the page's own `%u`
// ACL and per-site blocks, the fleet view a read-only user over
// MQTT-over-WebSocket. Each kiosk is made of the agent's own uplink parts
// (SimulatedKiosk): its own connection with a retained status and a real
// last will, telemetry every 5 s, retained device states as they change, and
// QoS 1 outbox events as residents use the centre (doors, ratings: about one
// event a minute per kiosk; a few kiosks on a flaky link hold theirs back).
//
// Figures, with a baseline from the same run where one means something:
// - connecting: from starting the fleet until every kiosk is connected;
// - the broker's rates from $SYS against the rate the kiosks offered
//   (counted in process);
// - end-to-end latency of telemetry, from the kiosk's publish (its `at`) to a
//   subscriber on the WebSocket listener, against one on the TCP listener;
// - the fleet view in Chromium: time until every kiosk is known and
//   staleness while live, each against a bare subscriber on the same
//   listener; its longest main-thread task and renders per second;
// - Mosquitto's and this process's memory and CPU while live.
// Publishers, subscribers and the page share two cores here with whatever
// else runs: the figures are noisy; compare them with their baselines.
// LINLI_BENCH_FLEET_KIOSKS sets the fleet's size (default 1,000) for a quick try.
import { createHmac, randomBytes } from "node:crypto";
import { FLEET_MAX, fleetRoster, SimulatedFleet } from "../../edge-agent/src/fleet/index.js";
import { createLogger } from "../../edge-agent/src/log.js";
import { launchChromium } from "../support/browser.js";
import { type Mosquitto, startMosquitto } from "../support/mosquitto.js";
import { fleetAcl, topologyAcl } from "../support/topology-acl.js";
import { subscribeToFleet } from "./fleet-subscriber.js";
import {
  longestTaskMs,
  openFleetView,
  readStats,
  resetLongestTask,
  serveKioskUi,
  settled,
  type ViewStats,
} from "./fleet-view-page.js";
import { percentile, report } from "./harness.js";
import {
  cpuMs,
  openFiles,
  openFilesLimit,
  ratePerSecond,
  residentBytes,
  type SysMonitor,
  type SysReading,
  watchSys,
} from "./mosquitto-sys.js";

const FLEET = Number(process.env.LINLI_BENCH_FLEET_KIOSKS ?? 1_000);
const TELEMETRY_INTERVAL_MS = 5_000;
const CONNECT_TIMEOUT_MS = 120_000;
const ROUNDS = 3;
const LIVE_WINDOW_MS = 45_000;
const SAMPLE_MS = 200;
/** Files each process needs beyond one socket per kiosk: subscribers, Chromium's pipes, logs. */
const SPARE_FILES = 256;
/** $SYS counters read at the start and the end of the live window. */
const COUNTERS = [
  "publish/messages/received",
  "publish/messages/sent",
  "messages/received",
  "messages/sent",
] as const;
const MIB = 1024 * 1024;

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rounded = (value: number) => Math.round(value * 10) / 10;

/** `promise`'s value, or a failure saying `what` did not happen within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

if (!Number.isInteger(FLEET) || FLEET < 1 || FLEET > FLEET_MAX)
  throw new Error(`LINLI_BENCH_FLEET_KIOSKS is 1 to ${FLEET_MAX}, not ${FLEET}`);
const filesLimit = openFilesLimit();
if (filesLimit < FLEET + SPARE_FILES)
  throw new Error(
    `this process may open ${filesLimit} files, and ${FLEET} kiosks need a socket each (Mosquitto, ` +
      `started from here, inherits the limit): raise it, e.g. \`ulimit -n ${FLEET + 4 * SPARE_FILES}\``,
  );
say(
  `open-file limit ${filesLimit} (this process, and Mosquitto inherits it); ` +
    "Mosquitto's max_connections left at its default, -1 (no limit of its own)",
);

// Each kiosk's password, derived so that none needs storing: what a provisioning script would hand out.
const secret = randomBytes(16);
const credentials = ({ site, kiosk }: { site: string; kiosk: string }) => {
  const username = `${site}/${kiosk}`;
  const password = createHmac("sha256", secret).update(username).digest("hex").slice(0, 24);
  return { username, password };
};
const roster = fleetRoster(FLEET);
const acl = topologyAcl();
const viewer = { username: acl.fleetViewer.username, password: randomBytes(12).toString("hex") };
const monitor = { username: "sys-monitor", password: randomBytes(12).toString("hex") };

const aclStarted = performance.now();
const broker: Mosquitto = await startMosquitto({
  websockets: true,
  users: [...roster.map(credentials), viewer, monitor],
  acl: [...fleetAcl(acl, roster), "", `user ${monitor.username}`, "topic read $SYS/#"],
  config: ["sys_interval 1"],
});
say(
  `Mosquitto up with ${FLEET + 2} users hashed by mosquitto_passwd -U and TOPOLOGY.md's ACL ` +
    `(${fleetAcl(acl, roster).length} lines) in ${Math.round(performance.now() - aclStarted)} ms`,
);
const wsUrl = broker.wsUrl as string;
const mosquittoPid = broker.pid() as number;
const fleet = new SimulatedFleet({
  size: FLEET,
  log: createLogger({ level: "error", destination: process.stderr }),
  telemetryIntervalMs: TELEMETRY_INTERVAL_MS,
  credentials,
});
const site = await serveKioskUi();
const browser = await launchChromium();
const closers: (() => Promise<unknown>)[] = [];
let failure: string | undefined;

try {
  // The baseline subscribers and the $SYS reader are there before the first kiosk.
  const tcp = await subscribeToFleet(broker.url, { kiosks: FLEET, ...viewer });
  const ws = await subscribeToFleet(wsUrl, { kiosks: FLEET, ...viewer });
  const sys = await watchSys(broker.url, monitor);
  closers.push(tcp.end, ws.end, sys.end);

  const connectStarted = performance.now();
  const allOnlineAt = tcp.allKnown.then(() => performance.now());
  fleet.start(broker.url);
  closers.unshift(() => fleet.stop());
  const connectedCount = () => fleet.list().filter((kiosk) => kiosk.connected).length;
  while (connectedCount() < FLEET) {
    if (performance.now() - connectStarted > CONNECT_TIMEOUT_MS) {
      const missing = fleet.list().filter((kiosk) => !kiosk.connected);
      const named = missing.slice(0, 5).map(({ site, kiosk }) => `${site}/${kiosk}`);
      const tail = broker.output().trim().split("\n").slice(-6).join("\n");
      throw new Error(
        `only ${FLEET - missing.length} of ${FLEET} kiosks connected within ${CONNECT_TIMEOUT_MS / 1000} s ` +
          `(not: ${named.join(", ")}${missing.length > 5 ? ", …" : ""}); Mosquitto said last:\n${tail}`,
      );
    }
    await sleep(50);
  }
  const connectMs = performance.now() - connectStarted;
  const onlineAt = await within(
    allOnlineAt,
    CONNECT_TIMEOUT_MS,
    () =>
      `all ${FLEET} kiosks connected, but a subscriber has the status of only ${tcp.knownCount()}: ` +
      "is the ACL refusing some kiosks' publishes?",
  );
  const onlineMs = onlineAt - connectStarted;
  report({
    name: `fleet load: ${FLEET} kiosks connected to Mosquitto, each its own user under the %u ACL (started 50 per 100 ms)`,
    value: connectMs,
    unit: "ms",
    better: "lower",
  });
  say(`every kiosk's retained "online" at a subscriber ${Math.round(onlineMs)} ms after the start`);
  // One telemetry interval: every kiosk on its own phase, the first states and reports sent.
  await sleep(TELEMETRY_INTERVAL_MS);

  // The view against a bare subscriber on the same WebSocket listener, taking turns.
  const page = `${site.url}/fleet.html?${new URLSearchParams({ url: wsUrl, ...viewer })}`;
  const viewTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const bare = await subscribeToFleet(wsUrl, { kiosks: FLEET, ...viewer });
    bareTimes.push(
      await within(
        bare.allKnown,
        CONNECT_TIMEOUT_MS,
        () => `a new subscriber had only ${bare.knownCount()} of ${FLEET} retained statuses`,
      ),
    );
    await bare.end();
    const view = await openFleetView(browser, page, FLEET);
    viewTimes.push(view.allKnownMs);
    await view.context.close();
  }
  report({
    name: `fleet view on Mosquitto: all ${FLEET} kiosks known, from opening the page (median of ${ROUNDS})`,
    value: percentile(viewTimes, 50),
    unit: "ms",
    baseline: {
      name: "bare mqtt.js subscriber, from connecting",
      value: percentile(bareTimes, 50),
    },
    better: "lower",
  });

  // Live, with the view open as an operator would have it.
  const view = await openFleetView(browser, page, FLEET);
  closers.unshift(() => view.context.close());
  await settled(view.page);
  await resetLongestTask(view.page);
  const viewBefore = (await readStats(view.page)) as ViewStats;
  tcp.record();
  ws.record();
  const start = await liveSnapshot(sys, performance.now());
  const viewAges: number[] = [];
  const bareAges: number[] = [];
  let mosquittoPeakRss = residentBytes(mosquittoPid);
  let mosquittoPeakFiles = openFiles(mosquittoPid);
  let benchPeakRss = process.memoryUsage().rss;
  while (performance.now() - start.at < LIVE_WINDOW_MS) {
    const stats = await readStats(view.page);
    const now = Date.now();
    if (stats?.newestTelemetryAt !== undefined) viewAges.push(now - stats.newestTelemetryAt);
    if (ws.newestTelemetryAt() > 0) bareAges.push(now - ws.newestTelemetryAt());
    mosquittoPeakRss = Math.max(mosquittoPeakRss, residentBytes(mosquittoPid));
    mosquittoPeakFiles = Math.max(mosquittoPeakFiles, openFiles(mosquittoPid));
    benchPeakRss = Math.max(benchPeakRss, process.memoryUsage().rss);
    await sleep(SAMPLE_MS);
  }
  const end = await liveSnapshot(sys, performance.now());
  const viewAfter = (await readStats(view.page)) as ViewStats;
  const seconds = (end.at - start.at) / 1000;
  const atWs = ws.window();
  const atTcp = tcp.window();

  const counter = (name: (typeof COUNTERS)[number]) =>
    ratePerSecond(start.sys.get(name) as SysReading, end.sys.get(name) as SysReading);
  const offered = (end.published.messages - start.published.messages) / seconds;
  const offeredRetained = (end.published.retained - start.published.retained) / seconds;
  // Mosquitto 2.0 leaves retained publishes out of publish/messages/received (checked: 0 of 100).
  report({
    name: "broker: PUBLISH received per second, retained ones left out ($SYS publish/messages/received)",
    value: counter("publish/messages/received"),
    unit: "/s",
    baseline: {
      name: "offered: what the kiosks published, not retained, counted in process",
      value: offered - offeredRetained,
    },
    better: "higher",
  });
  report({
    name: "broker: PUBLISH sent per second, to 3 viewers and the $SYS reader ($SYS publish/messages/sent)",
    value: counter("publish/messages/sent"),
    unit: "/s",
    better: "higher",
  });
  report({
    name: "broker: packets of every type received per second ($SYS messages/received)",
    value: counter("messages/received"),
    unit: "/s",
    baseline: { name: "offered: every PUBLISH the kiosks sent, retained included", value: offered },
    better: "higher",
  });
  const load = end.load;
  if (load !== undefined)
    report({
      name: "broker: packets received, 1-minute moving average ($SYS load/messages/received/1min ÷ 60)",
      value: load / 60,
      unit: "/s",
      better: "higher",
    });
  report({
    name: `broker: clients connected at the end ($SYS clients/connected; ${FLEET} kiosks, 3 viewers, the $SYS reader)`,
    value: end.connected ?? Number.NaN,
    unit: "clients",
    better: "higher",
  });
  const perSecond = (count: number) => rounded(count / (atTcp.durationMs / 1000));
  say(
    `message mix at a subscriber while live: telemetry ${perSecond(atTcp.counts.telemetry)}/s, ` +
      `device states ${perSecond(atTcp.counts.state)}/s, events ${perSecond(atTcp.counts.events)}/s, ` +
      `status ${perSecond(atTcp.counts.status)}/s; the kiosks offered ${rounded(offered)}/s, ` +
      `${rounded(offeredRetained)}/s of them retained (status, device states)`,
  );
  for (const p of [50, 99])
    report({
      name: `telemetry end-to-end p${p}, kiosk publish → subscriber on the WebSocket listener`,
      value: percentile(atWs.telemetryLatenciesMs, p),
      unit: "ms",
      baseline: {
        name: `subscriber on the TCP listener p${p}`,
        value: percentile(atTcp.telemetryLatenciesMs, p),
      },
      better: "lower",
    });
  say(
    `latency samples: ${atWs.telemetryLatenciesMs.length} (WebSocket), ${atTcp.telemetryLatenciesMs.length} (TCP)`,
  );
  for (const p of [50, 95])
    report({
      name: `fleet view on Mosquitto: staleness p${p} (newest telemetry on screen vs now)`,
      value: percentile(viewAges, p),
      unit: "ms",
      baseline: { name: `bare WebSocket subscriber p${p}`, value: percentile(bareAges, p) },
      better: "lower",
    });
  report({
    name: `fleet view on Mosquitto: renders per second while live (${FLEET} kiosks)`,
    value: (viewAfter.renders - viewBefore.renders) / seconds,
    unit: "/s",
    better: "lower",
  });
  report({
    name: "fleet view on Mosquitto: longest main-thread task while live (0: none over 50 ms)",
    value: await longestTaskMs(view.page),
    unit: "ms",
    better: "lower",
  });
  if (viewAfter.connections !== viewBefore.connections)
    say(`the view reconnected ${viewAfter.connections - viewBefore.connections} times`);
  const cpuShare = (ms: number) => (ms / (end.at - start.at)) * 100;
  report({
    name: "Mosquitto CPU while live (% of one core)",
    value: cpuShare(end.mosquittoCpuMs - start.mosquittoCpuMs),
    unit: "%",
    better: "lower",
  });
  report({
    name: `bench process CPU while live: ${FLEET} kiosks and 3 subscribers (% of one core)`,
    value: cpuShare(end.benchCpuMs - start.benchCpuMs),
    unit: "%",
    better: "lower",
  });
  report({
    name: "Mosquitto peak RSS while live (/proc VmRSS)",
    value: mosquittoPeakRss / MIB,
    unit: "MB",
    better: "lower",
  });
  // Debian's mosquitto.service sets no LimitNOFILE: under systemd the soft limit is 1,024 (deploy/TOPOLOGY.md).
  report({
    name: `Mosquitto open files while live (${FLEET} kiosks, 3 viewers, the $SYS reader; /proc/<pid>/fd)`,
    value: mosquittoPeakFiles,
    unit: "files",
    target: `< its soft limit, here ${openFilesLimit(mosquittoPid)}`,
    better: "lower",
  });
  report({
    name: `bench process peak RSS while live (${FLEET} kiosks, 3 subscribers)`,
    value: benchPeakRss / MIB,
    unit: "MB",
    better: "lower",
  });
  const stillConnected = connectedCount();
  if (stillConnected < FLEET)
    failure = `${FLEET - stillConnected} kiosks had lost their connection by the end of the live window`;
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
} finally {
  for (const close of closers) await close().catch(() => undefined);
  await browser.close();
  await site.close();
  await broker.stop();
}
if (failure) {
  process.stderr.write(`fleet load: ${failure}\n`);
  process.exitCode = 1;
}

/**
 * The $SYS counters as first updated after `after` (each with its own arrival
 * time), and — at one instant — what the kiosks had published and the CPU times.
 */
async function liveSnapshot(sys: SysMonitor, after: number) {
  const readings = new Map<string, SysReading>();
  for (const name of COUNTERS) {
    const fresh = await sys.fresh(name, after);
    if (!fresh || fresh.at <= after)
      throw new Error(`Mosquitto sent no $SYS/broker/${name} update`);
    readings.set(name, fresh);
  }
  const cpu = process.cpuUsage();
  return {
    at: performance.now(),
    sys: readings,
    load: sys.read("load/messages/received/1min")?.value,
    connected: sys.read("clients/connected")?.value,
    published: fleet.published(),
    mosquittoCpuMs: cpuMs(mosquittoPid),
    benchCpuMs: (cpu.user + cpu.system) / 1000,
  };
}
