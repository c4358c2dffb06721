import type { Config } from "../config/index.js";
import { type Finding, fail, pass } from "./finding.js";
import { type AgentUser, SERVICE_USER } from "./user.js";

/** The group that owns each kind of device node on Debian, and what it opens. */
export const DEVICE_GROUPS = {
  dialout: "serial ports (printers, locker boards, vending controllers)",
  lp: "USB printers (/dev/usb/lp*)",
  plugdev: "HID scanners and rating boxes (/dev/hidraw*, by Linli's udev rules)",
} as const;

export type DeviceGroup = keyof typeof DEVICE_GROUPS;

const GROUP_FOR_TRANSPORT: Partial<Record<string, DeviceGroup>> = {
  serial: "dialout",
  usblp: "lp",
  hid: "plugdev",
};

/**
 * The groups the agent's user needs: all three for the service's user (devices
 * get plugged in later), the ones the configured devices need for anyone else.
 */
export function neededGroups(userName: string, config: Config): DeviceGroup[] {
  const needed = new Set<DeviceGroup>(
    userName === SERVICE_USER ? (Object.keys(DEVICE_GROUPS) as DeviceGroup[]) : [],
  );
  for (const device of config.devices) {
    const group = GROUP_FOR_TRANSPORT[device.transport.type];
    if (group) needed.add(group);
  }
  return [...needed].sort();
}

export function checkGroups(user: AgentUser, config: Config): Finding {
  const check = "groups";
  if (!user.info) {
    return fail(
      check,
      `there is no user "${user.name}" (${user.why}), so nothing can run as it`,
      user.name === SERVICE_USER
        ? "run deploy/install.sh, which creates it"
        : `create it, or pass --user with the user the agent runs as`,
    );
  }
  if (user.info.uid === 0) {
    return pass(check, `checked as root (${user.why}), which may open every device`);
  }
  const member = new Set(user.info.groups.map((group) => group.name));
  const needed = neededGroups(user.name, config);
  const missing = needed.filter((group) => !member.has(group));
  if (missing.length === 0) {
    return pass(
      check,
      needed.length
        ? `${user.name} is in ${needed.join(", ")}`
        : `${user.name} needs no device groups for the configured devices`,
    );
  }
  const what = missing.map((group) => DEVICE_GROUPS[group]).join("; ");
  const after =
    user.name === SERVICE_USER
      ? "then restart the agent: sudo systemctl restart linli-agent (group changes reach new processes only)"
      : "then log out and back in (group changes reach new sessions only)";
  return fail(
    check,
    `the ${user.name} user is not in ${missing.join(", ")}, so the agent cannot open ${what}`,
    `sudo usermod -aG ${missing.join(",")} ${user.name}, ${after}`,
  );
}
