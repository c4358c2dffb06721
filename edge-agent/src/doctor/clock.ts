import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { type Finding, fail, pass } from "./finding.js";

/** What the system says about its clock. */
export interface ClockReading {
  /** Whether the clock is synchronised to a time source; undefined when nothing could tell. */
  synchronized: boolean | undefined;
  /** Whether NTP is switched on, when known. */
  ntp?: boolean;
  /** Where the answer came from, e.g. "timedatectl". */
  source: string;
}

export type ClockSource = () => Promise<ClockReading>;

/** Earlier than this, the clock was never set: the software is newer than the date it shows. */
export const CLOCK_FLOOR = new Date("2025-01-01T00:00:00Z");

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 5_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}

/** "NTPSynchronized=yes\nNTP=yes" from `timedatectl show`. */
export function parseTimedatectl(output: string): ClockReading | undefined {
  const values = new Map(
    output
      .split("\n")
      .map((line) => line.trim().split("=", 2) as [string, string | undefined])
      .filter(([, value]) => value !== undefined),
  );
  const synced = values.get("NTPSynchronized");
  if (synced !== "yes" && synced !== "no") return undefined;
  const ntp = values.get("NTP");
  return {
    synchronized: synced === "yes",
    ...(ntp === "yes" || ntp === "no" ? { ntp: ntp === "yes" } : {}),
    source: "timedatectl",
  };
}

/** `chronyc -n tracking`: "Leap status : Normal" once synchronised. */
export function parseChronyTracking(output: string): ClockReading | undefined {
  const leap = /^Leap status\s*:\s*(.+)$/m.exec(output)?.[1]?.trim();
  if (!leap) return undefined;
  return { synchronized: leap !== "Not synchronised", ntp: true, source: "chronyc" };
}

/**
 * Asks, in order: systemd (timedatectl, which covers systemd-timesyncd and
 * chrony alike), the flag file systemd-timesyncd leaves, and chrony itself.
 */
export function systemClockSource(env: NodeJS.ProcessEnv = process.env): ClockSource {
  return async () => {
    const timedatectl = await run(
      "timedatectl",
      ["show", "--property=NTPSynchronized", "--property=NTP"],
      env,
    );
    const fromSystemd = timedatectl === undefined ? undefined : parseTimedatectl(timedatectl);
    if (fromSystemd) return fromSystemd;
    if (
      await access("/run/systemd/timesync/synchronized").then(
        () => true,
        () => false,
      )
    )
      return { synchronized: true, ntp: true, source: "systemd-timesyncd" };
    const chrony = await run("chronyc", ["-n", "tracking"], env);
    const fromChrony = chrony === undefined ? undefined : parseChronyTracking(chrony);
    return fromChrony ?? { synchronized: undefined, source: "none" };
  };
}

const NTP_FIX_CHINA =
  "in mainland China point it at reachable servers, e.g. NTP=ntp.aliyun.com ntp.tencent.com in /etc/systemd/timesyncd.conf, then sudo systemctl restart systemd-timesyncd";

export async function checkClock(source: ClockSource, now: Date): Promise<Finding> {
  const check = "clock";
  const shown = now.toISOString();
  if (now < CLOCK_FLOOR) {
    return fail(
      check,
      `the clock reads ${shown}, before this software was made: it was never set (no RTC battery, no NTP), so opening hours, deadlines and TLS certificates all go wrong`,
      `sudo timedatectl set-ntp true and check the network; ${NTP_FIX_CHINA}`,
    );
  }
  const reading = await source();
  if (reading.synchronized === true)
    return pass(check, `synchronised (${reading.source}); it reads ${shown}`);
  if (reading.synchronized === undefined) {
    return pass(
      check,
      `cannot tell whether the clock is synchronised (no answer from timedatectl or chronyc); it reads ${shown}`,
    );
  }
  if (reading.ntp === false) {
    return fail(
      check,
      `the clock is not synchronised and NTP is switched off (${reading.source}): it drifts, and a wrong clock breaks opening hours, follow-up deadlines and TLS to the broker`,
      "sudo timedatectl set-ntp true",
    );
  }
  return fail(
    check,
    `the clock is not synchronised yet although NTP is on (${reading.source}): the time servers cannot be reached, so the clock drifts and TLS to the broker may fail`,
    `check the network and that UDP port 123 is open (timedatectl timesync-status); ${NTP_FIX_CHINA}`,
  );
}
