import { existsSync } from "node:fs";
import { findByUsb, loadProfiles, type ProfileRegistry } from "@linli/device-profiles";
import { isLinliError } from "@linli/protocols";
import type { Config } from "../config/index.js";
import type { Finding } from "./doctor.js";

interface Attached {
  kind: "serial" | "hid";
  path: string;
  vendorId: string | undefined;
  productId: string | undefined;
  name: string | undefined;
}

async function serialPorts(): Promise<Attached[]> {
  const { SerialPort } = await import("serialport");
  const ports = await SerialPort.list();
  return ports.map((port) => ({
    kind: "serial",
    path: port.path,
    vendorId: port.vendorId?.toLowerCase(),
    productId: port.productId?.toLowerCase(),
    name: port.manufacturer,
  }));
}

async function hidDevices(): Promise<Attached[]> {
  const hid = await import("node-hid");
  return (await hid.devicesAsync()).map((device) => ({
    kind: "hid",
    path: device.path ?? "",
    vendorId: device.vendorId.toString(16).padStart(4, "0"),
    productId: device.productId.toString(16).padStart(4, "0"),
    name: device.product,
  }));
}

/** What is plugged in, and whether each configured device's port is there. */
export async function listAttachedDevices(config: Config): Promise<Finding[]> {
  const findings: Finding[] = [];
  const attached: Attached[] = [];
  for (const [kind, list] of [
    ["serial", serialPorts],
    ["hid", hidDevices],
  ] as const) {
    try {
      attached.push(...(await list()));
    } catch (error) {
      findings.push({
        check: kind,
        ok: false,
        detail: `cannot list ${kind} devices: ${(error as Error).message}`,
      });
    }
  }
  let registry: ProfileRegistry;
  try {
    registry = loadProfiles();
  } catch (error) {
    findings.push({
      check: "profiles",
      ok: false,
      detail: isLinliError(error) ? error.message : String(error),
    });
    return findings;
  }
  for (const device of attached) {
    const ids = device.vendorId ? `${device.vendorId}:${device.productId}` : "no USB ids";
    const matches =
      device.vendorId && device.productId
        ? findByUsb(registry, device.vendorId, device.productId)
        : [];
    const profiles = matches.length
      ? `; profiles: ${matches.map((profile) => profile.id).join(", ")}`
      : "";
    findings.push({
      check: device.kind,
      ok: true,
      detail: `${device.path} (${ids}${device.name ? `, ${device.name}` : ""})${profiles}`,
    });
  }
  if (attached.length === 0)
    findings.push({ check: "devices", ok: true, detail: "no serial or HID devices attached" });
  for (const device of config.devices) {
    if (!registry.byId.has(device.profile)) {
      findings.push({
        check: device.id,
        ok: false,
        detail: `profile "${device.profile}" is not known; shipped profiles: ${registry.profiles.map((p) => p.id).join(", ")}`,
      });
      continue;
    }
    const path = device.transport.path;
    if (
      (device.transport.type === "serial" || device.transport.type === "usblp") &&
      path &&
      !existsSync(path)
    ) {
      findings.push({
        check: device.id,
        ok: false,
        detail: `${path} does not exist: is the ${device.profile} plugged in and its cable seated?`,
      });
    }
  }
  return findings;
}
