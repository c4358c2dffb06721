import { existsSync } from "node:fs";
import { loadProfiles } from "@linli/device-profiles";
import { isLinliError } from "@linli/protocols";
import { listAttachedDevices } from "../cli/attached-devices.js";
import { type Config, loadConfig } from "../config/index.js";
import { demoBaseConfig } from "../demo/config.js";
import { checkBroker } from "./broker.js";
import { type ClockSource, checkClock, systemClockSource } from "./clock.js";
import { checkDisplay } from "./display.js";
import { type Finding, fail } from "./finding.js";
import { checkGroups } from "./groups.js";
import { checkBrokerPorts, checkHttpPort, getJson, httpUrl } from "./ports.js";
import { checkPrinters } from "./printers.js";
import { checkDisk, checkRunningStore, checkStore, runningStore } from "./store.js";
import { lookupUserWithId, resolveAgentUser, type UserLookup } from "./user.js";

export interface DoctorOptions {
  config?: string;
  demo?: boolean;
  json?: boolean;
  /** The user the agent runs as; default: linli when run as root on an installed kiosk. */
  user?: string;
}

/** What the doctor asks the system, replaceable so each answer can be tested. */
export interface DoctorSystem {
  env: NodeJS.ProcessEnv;
  lookupUser: UserLookup;
  clock: ClockSource;
  now: () => Date;
  /** The installed service's unit file: when present, the service's sandbox rules apply. */
  serviceUnit: string;
  /** Whether a device node exists (a test points this at its pty pairs). */
  exists: (path: string) => boolean;
  /** Also list what is attached (serialport, node-hid); tests of one fault turn this off. */
  listAttached: boolean;
}

export function systemDoctor(env: NodeJS.ProcessEnv = process.env): DoctorSystem {
  return {
    env,
    lookupUser: lookupUserWithId,
    clock: systemClockSource(env),
    now: () => new Date(),
    serviceUnit: "/etc/systemd/system/linli-agent.service",
    exists: existsSync,
    listAttached: true,
  };
}

interface DeviceListing {
  items?: {
    id: string;
    transport: string;
    health: { state: string; connected: boolean; lastError: string | null };
  }[];
}

/** The devices a running agent drives, with their live state. */
async function runningDevices(config: Config): Promise<Finding[]> {
  try {
    const listing = (await getJson(`${httpUrl(config)}/api/v1/devices`)) as
      | DeviceListing
      | undefined;
    return (listing?.items ?? []).map((device) => {
      const { state, connected, lastError } = device.health;
      const ok = connected && state !== "offline" && state !== "error";
      return {
        check: device.id,
        ok,
        detail: `${state}${connected ? "" : ", not connected"} on ${device.transport}${!ok && lastError ? ` (${lastError})` : ""}`,
      };
    });
  } catch (error) {
    return [
      fail("devices", `could not ask the agent for its devices: ${(error as Error).message}`),
    ];
  }
}

/** Every check, in the order a person would fix things. */
export async function runDoctor(
  options: DoctorOptions,
  system: DoctorSystem = systemDoctor(),
): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config: Config;
  try {
    const loaded = loadConfig({
      file: options.config,
      env: system.env,
      ...(options.demo ? { base: demoBaseConfig({ quiet: true }) } : {}),
    });
    config = loaded.config;
    findings.push({ check: "config", ok: true, detail: loaded.file ?? "built-in demo defaults" });
  } catch (error) {
    findings.push(
      fail(
        "config",
        isLinliError(error) ? error.message : String(error),
        "fix the named key in the file (or unset the named variable)",
      ),
    );
    return findings;
  }
  const user = await resolveAgentUser(options.user, system.lookupUser);
  findings.push(checkGroups(user, config));
  findings.push(
    await checkStore(config.store.path, {
      user,
      installed: !options.demo && system.exists(system.serviceUnit),
    }),
  );
  findings.push(await checkDisk(config.store.path));
  findings.push(await checkClock(system.clock, system.now()));
  findings.push(
    ...(await checkDisplay(config.display, {
      user,
      installed: !options.demo && system.exists(system.serviceUnit),
    })),
  );
  const http = await checkHttpPort(config, user);
  findings.push(http.finding);
  if (!http.agentVersion) findings.push(...(await checkBrokerPorts(config, user)));
  findings.push(await checkBroker(config, http.agentVersion));
  if (http.agentVersion) {
    const writes = checkRunningStore(await runningStore(config));
    if (writes) findings.push(writes);
    findings.push(...(await runningDevices(config)));
  } else {
    try {
      findings.push(...(await checkPrinters(config, loadProfiles(), system.exists)));
    } catch (error) {
      findings.push(fail("profiles", isLinliError(error) ? error.message : String(error)));
    }
  }
  if (system.listAttached)
    findings.push(...(await listAttachedDevices(config)).map(explainMissingLibrary));
  return findings;
}

/**
 * What listing devices needs from the system, which a minimal Debian lacks:
 * node-hid's native module links libusb and libudev, serialport asks udevadm.
 */
function explainMissingLibrary(finding: Finding): Finding {
  if (finding.ok || finding.fix) return finding;
  const library = /(lib[\w.+-]+\.so(?:\.\d+)*): cannot open shared object file/.exec(
    finding.detail,
  )?.[1];
  if (library) {
    const debianPackage = library.startsWith("libusb-1.0") ? "libusb-1.0-0" : "libudev1";
    return { ...finding, fix: `sudo apt-get install ${debianPackage} (it provides ${library})` };
  }
  if (/spawn udevadm ENOENT/.test(finding.detail))
    return { ...finding, fix: "sudo apt-get install udev (it provides udevadm)" };
  return finding;
}
