// What Mosquitto says about itself under `$SYS/broker/…`, and what Linux
// says about its process. Mosquitto 2.0 publishes $SYS a little less often
// than `sys_interval` says (`sys_interval 1` gives an update every 2 s), so
// rates are taken between two updates, each at the time it arrived.
import { readdirSync, readFileSync } from "node:fs";
import mqtt from "mqtt";

export interface SysReading {
  value: number;
  /** When the broker's update arrived (performance.now()). */
  at: number;
}

export interface SysMonitor {
  /** The newest reading of `$SYS/broker/<name>`, e.g. "publish/messages/received". */
  read(name: string): SysReading | undefined;
  /** Waits for a reading newer than `after` (performance.now()), at most `timeoutMs`. */
  fresh(name: string, after: number, timeoutMs?: number): Promise<SysReading | undefined>;
  end(): Promise<void>;
}

export async function watchSys(
  url: string,
  user: { username: string; password: string },
): Promise<SysMonitor> {
  const client = await mqtt.connectAsync(url, { ...user, reconnectPeriod: 0, clean: true });
  const readings = new Map<string, SysReading>();
  client.on("message", (topic, payload) => {
    const value = Number.parseFloat(payload.toString());
    if (Number.isFinite(value))
      readings.set(topic.slice("$SYS/broker/".length), { value, at: performance.now() });
  });
  await client.subscribeAsync("$SYS/broker/#", { qos: 0 });
  const read = (name: string) => readings.get(name);
  return {
    read,
    fresh: async (name, after, timeoutMs = 5_000) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const reading = read(name);
        if ((reading && reading.at > after) || performance.now() > deadline) return reading;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    end: () => client.endAsync(true),
  };
}

/** Per second, between two readings of a counter. */
export const ratePerSecond = (from: SysReading, to: SysReading): number =>
  ((to.value - from.value) * 1000) / (to.at - from.at);

/** A process's resident set, in bytes, from /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** A process's CPU time so far, user and system, in ms (from /proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux the kiosks and their servers run. */
const CLOCK_TICKS_PER_SECOND = 100;

/** How many files (sockets included) a process has open now. */
export const openFiles = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** A process's soft limit on open files (each MQTT connection is one), from /proc/<pid>/limits. */
export function openFilesLimit(pid: number | "self" = "self"): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(
    readFileSync(`/proc/${pid}/limits`, "utf8"),
  );
  if (!match) return Number.NaN;
  return match[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match[1]);
}
