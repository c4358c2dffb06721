import type { DeviceSummaryDto, OperatorJob } from "@linli/protocols/api";
import { doorName, lockerDetail, printerDetail, vendingDetail } from "./device-detail.js";
import type { MessageKey } from "./i18n/i18n.js";

/**
 * What is wrong with each device, worst first, so the operator's list puts
 * the devices that need a person at the top: a stopped device before a
 * warning before a note before the ones that are fine.
 */

export type Severity = "critical" | "warning" | "notice" | "ok";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 3,
  warning: 2,
  notice: 1,
  ok: 0,
};

export interface Fault {
  severity: Exclude<Severity, "ok">;
  key: MessageKey;
  /** Doors, slots … the fault names; joined for display. */
  items?: string[];
  count?: number;
  text?: string;
}

export interface DeviceView {
  device: DeviceSummaryDto;
  severity: Severity;
  faults: Fault[];
  /** Jobs of this device held or uncertain. */
  jobs: OperatorJob[];
}

export function faultsOf(device: DeviceSummaryDto, jobs: readonly OperatorJob[] = []): Fault[] {
  const { health } = device;
  const faults: Fault[] = [];
  if (!health.connected || health.state === "offline") {
    faults.push({ severity: "critical", key: "faultOffline" });
  } else if (health.state === "error") {
    faults.push({ severity: "critical", key: "faultError", text: health.lastError ?? "" });
  }
  if (device.family === "printer") {
    const printer = printerDetail(health.detail);
    if (printer.paper === "out" || health.state === "paper_out") {
      faults.push({ severity: "critical", key: "faultPaperOut" });
    } else if (printer.paper === "near_end" || health.state === "paper_near_end") {
      faults.push({ severity: "warning", key: "faultPaperLow" });
    }
    if (printer.coverOpen || health.state === "cover_open") {
      faults.push({ severity: "critical", key: "faultCoverOpen" });
    }
  }
  if (device.family === "locker") {
    const locker = lockerDetail(health.detail);
    const names = (keys: string[]) => keys.map((key) => doorName(key, locker.boards));
    if (locker.jammed.length > 0) {
      faults.push({ severity: "critical", key: "faultDoorsJammed", items: names(locker.jammed) });
    }
    if (locker.leftOpen.length > 0) {
      faults.push({
        severity: "warning",
        key: "faultDoorsLeftOpen",
        items: names(locker.leftOpen),
      });
    }
    const open = locker.openDoors.filter((key) => !locker.leftOpen.includes(key));
    if (open.length > 0)
      faults.push({ severity: "notice", key: "faultDoorsOpen", items: names(open) });
  }
  if (device.family === "vending") {
    const vending = vendingDetail(health.detail);
    if (vending.jammedSlots.length > 0) {
      const items = vending.jammedSlots.map(String);
      faults.push({ severity: "critical", key: "faultSlotsJammed", items });
    } else if (health.state === "jammed") {
      faults.push({ severity: "critical", key: "faultVendJammed" });
    }
    if (vending.empty.length > 0) {
      faults.push({
        severity: "warning",
        key: "faultSlotsEmpty",
        items: vending.empty.map(String),
      });
    }
    if (vending.low.length > 0) {
      faults.push({ severity: "notice", key: "faultSlotsLow", items: vending.low.map(String) });
    }
  }
  if (jobs.length > 0)
    faults.push({ severity: "warning", key: "faultJobsWaiting", count: jobs.length });
  return faults;
}

export function worstOf(faults: readonly Fault[]): Severity {
  let worst: Severity = "ok";
  for (const fault of faults)
    if (SEVERITY_RANK[fault.severity] > SEVERITY_RANK[worst]) worst = fault.severity;
  return worst;
}

/** Every device with its faults, the worst first; equally bad ones keep the agent's order. */
export function devicesByFaultsFirst(
  devices: readonly DeviceSummaryDto[],
  attention: readonly OperatorJob[],
): DeviceView[] {
  return devices
    .map((device, index) => {
      const jobs = attention.filter((job) => job.deviceId === device.id);
      const faults = faultsOf(device, jobs);
      return { view: { device, severity: worstOf(faults), faults, jobs }, index };
    })
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.view.severity] - SEVERITY_RANK[a.view.severity] || a.index - b.index,
    )
    .map(({ view }) => view);
}
