import { readdir, readFile, statfs } from "node:fs/promises";
import { cpus, freemem, loadavg, networkInterfaces, totalmem, uptime } from "node:os";
import { dirname, join } from "node:path";
import type { KioskHealth } from "@linli/protocols/api";

export type { KioskHealth };

export interface KioskHealthOptions {
  /** The SQLite file: disk free is read for its filesystem (":memory:" reads the working folder). */
  storePath: string;
  /** Where sysfs is mounted; tests point it at a fake tree. */
  sysRoot?: string;
  /** Where procfs is mounted. */
  procRoot?: string;
  /** The touchscreen's display and touch panel (DisplayService); left out when not given. */
  display?: DisplayHealthSource;
}

/** What reports the screen's power state and the touch panel (DisplayService.health). */
export interface DisplayHealthSource {
  health(): Promise<Pick<Required<KioskHealth>, "display" | "touch">>;
}

/**
 * One reading of the kiosk host: uptime, load, memory, the store's disk,
 * temperatures, network links, and the screen and touch panel when given.
 * Whatever cannot be read on this machine is left out (null or an empty
 * list), never an error.
 */
export async function readKioskHealth(options: KioskHealthOptions): Promise<KioskHealth> {
  const sys = options.sysRoot ?? "/sys";
  const [disk, temperatures, network, available, screen] = await Promise.all([
    readDisk(options.storePath),
    readTemperatures(join(sys, "class/thermal")),
    readNetwork(join(sys, "class/net")),
    readAvailableMemory(join(options.procRoot ?? "/proc", "meminfo")),
    options.display?.health().catch(() => undefined),
  ]);
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    uptimeSeconds: { host: Math.round(uptime()), agent: Math.round(process.uptime()) },
    load: { one, five, fifteen, cpus: cpus().length },
    memory: {
      totalBytes: totalmem(),
      freeBytes: available ?? freemem(),
      agentRssBytes: process.memoryUsage.rss(),
    },
    disk,
    temperatures,
    network,
    ...screen,
  };
}

async function readDisk(storePath: string): Promise<KioskHealth["disk"]> {
  const path = storePath === ":memory:" ? process.cwd() : dirname(storePath);
  try {
    const stats = await statfs(path);
    return {
      path,
      totalBytes: stats.blocks * stats.bsize,
      // bavail: what an unprivileged process (the agent) may still write.
      freeBytes: stats.bavail * stats.bsize,
    };
  } catch {
    return null;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    return undefined;
  }
}

async function list(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

async function readTemperatures(thermal: string): Promise<KioskHealth["temperatures"]> {
  const zones = (await list(thermal)).filter((name) => name.startsWith("thermal_zone"));
  const readings = await Promise.all(
    zones.map(async (zone) => {
      const milli = Number(await readText(join(thermal, zone, "temp")));
      // Some zones answer garbage (or -273 °C) when their sensor is absent.
      if (!Number.isFinite(milli) || milli <= -273_000 || milli > 200_000) return undefined;
      const type = (await readText(join(thermal, zone, "type"))) ?? "unknown";
      return { zone, type, celsius: Math.round(milli / 100) / 10 };
    }),
  );
  return readings.filter((reading) => reading !== undefined);
}

async function readNetwork(net: string): Promise<KioskHealth["network"]> {
  const names = (await list(net)).filter((name) => name !== "lo");
  if (names.length === 0) {
    // No sysfs (not Linux, or a container without it): what Node sees is up.
    return Object.entries(networkInterfaces())
      .filter(([, addresses]) => addresses?.some((address) => !address.internal))
      .map(([name]) => ({ name, up: true, state: "up" }));
  }
  return Promise.all(
    names.map(async (name) => {
      const state = (await readText(join(net, name, "operstate"))) ?? "unknown";
      // "unknown" is what many virtual links report while they carry traffic.
      const carrier = state === "unknown" ? await readText(join(net, name, "carrier")) : undefined;
      return { name, up: state === "up" || carrier === "1", state };
    }),
  );
}

async function readAvailableMemory(meminfo: string): Promise<number | undefined> {
  const match = /^MemAvailable:\s+(\d+) kB$/m.exec((await readText(meminfo)) ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}
