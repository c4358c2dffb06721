import { connect } from "node:net";
import type { PrinterProfile, ProfileRegistry } from "@linli/device-profiles";
import { isRealtimeReply, realtimeStatusRequest } from "@linli/protocols/escpos";
import { autoDetect } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";
import type { Config, DeviceConfig } from "../config/index.js";
import { type Finding, fail, pass } from "./finding.js";

/** The rates receipt printers are set to, most common first. */
export const COMMON_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
/** A printer answers `DLE EOT 1` within milliseconds; this leaves room for a slow USB adapter. */
export const ANSWER_WAIT_MS = 500;

const STATUS_REQUEST = realtimeStatusRequest(1);
/** ESC @: clears what the printer buffered, e.g. the garbled bytes of a probe at a wrong rate. */
const INITIALIZE = Uint8Array.of(0x1b, 0x40);

export type ProbeResult =
  | { kind: "answered" }
  /** Bytes came back, none of them a status reply: what a wrong rate looks like. */
  | { kind: "garbled"; bytes: number }
  | { kind: "silent" }
  | { kind: "unopenable"; reason: "EACCES" | "ENOENT" | "EBUSY" | "OTHER"; message: string };

function openFailure(message: string): ProbeResult {
  const reason = /Permission denied/i.test(message)
    ? "EACCES"
    : /No such file/i.test(message)
      ? "ENOENT"
      : /lock|busy/i.test(message)
        ? "EBUSY"
        : "OTHER";
  return { kind: "unopenable", reason, message };
}

/** Sends `DLE EOT 1` at one rate and waits for a valid status byte. */
export async function probeSerial(
  path: string,
  baudRate: number,
  waitMs = ANSWER_WAIT_MS,
  after?: Uint8Array,
): Promise<ProbeResult> {
  const port = new SerialPortStream({ binding: autoDetect(), path, baudRate, autoOpen: false });
  const opened = await new Promise<Error | null>((resolve) => port.open(resolve));
  if (opened) return openFailure(opened.message);
  const received: number[] = [];
  try {
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      port.on("data", (chunk: Buffer) => {
        received.push(...chunk);
        if (chunk.some(isRealtimeReply)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      port.on("error", () => resolve(false));
    });
    port.write(Buffer.from(STATUS_REQUEST));
    if (await answered) {
      if (after) await new Promise((resolve) => port.write(Buffer.from(after), resolve));
      return { kind: "answered" };
    }
    return received.length ? { kind: "garbled", bytes: received.length } : { kind: "silent" };
  } finally {
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }
}

/** Sends `DLE EOT 1` to a network printer (raw TCP, port 9100) and waits for the answer. */
export function probeTcp(host: string, port: number, waitMs = 2_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: waitMs });
    let received = 0;
    const done = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.once("connect", () => socket.write(STATUS_REQUEST));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (chunk.some(isRealtimeReply)) done({ kind: "answered" });
    });
    socket.once("timeout", () =>
      done(received ? { kind: "garbled", bytes: received } : { kind: "silent" }),
    );
    socket.once("error", (error) => done(openFailure(error.message)));
  });
}

const UNOPENABLE_FIX: Record<string, string> = {
  EACCES: "see the groups check: the agent's user must be in dialout",
  ENOENT:
    "plug the printer in and check its cable; ls -l /dev/linli /dev/serial/by-id shows what is attached",
  EBUSY:
    "another program holds the port: sudo fuser -v <path>; stop the agent first (sudo systemctl stop linli-agent); on Ubuntu, brltty takes CH340 adapters: sudo apt remove brltty",
  OTHER: "check transport.path",
};

async function checkSerialPrinter(
  device: DeviceConfig,
  profile: PrinterProfile,
  path: string,
): Promise<Finding> {
  const check = device.id;
  const configured = device.transport.baudRate ?? profile.transports.serial?.baudRate ?? 9600;
  const first = await probeSerial(path, configured);
  if (first.kind === "answered")
    return pass(check, `the printer on ${path} answers status at ${configured} baud`);
  if (first.kind === "unopenable") {
    return fail(
      check,
      `cannot open ${path} for ${device.id} (${first.message})`,
      (UNOPENABLE_FIX[first.reason] ?? "").replace("<path>", path),
    );
  }
  const others = COMMON_BAUD_RATES.filter((rate) => rate !== configured);
  for (const rate of others) {
    // At the right rate, ESC @ clears the garbled bytes the wrong rates left in its buffer.
    const probe = await probeSerial(path, rate, ANSWER_WAIT_MS, INITIALIZE);
    if (probe.kind === "answered") {
      return fail(
        check,
        `the printer on ${path} answers at ${rate} baud, but ${device.id} is set to ${configured}: at ${configured} it would print garbage and never report paper out`,
        `set transport.baudRate: ${rate} for ${device.id} in the config (or set the printer to ${configured} baud with its DIP switches or utility)`,
      );
    }
  }
  const garbled = first.kind === "garbled" ? `garbled bytes came back at ${configured} baud; ` : "";
  return fail(
    check,
    `the printer on ${path} does not answer the status request (DLE EOT 1) at ${configured} baud, nor at ${others.join(", ")}: ${garbled}it is off or out of reach, ${path} is not the printer, or the printer does not report status, so the agent cannot tell paper out or cover open`,
    "check the power and the cable; print a self-test page (hold FEED while switching on) to see its interface and baud rate; make sure transport.path is the printer's port (ls -l /dev/linli /dev/serial/by-id)",
  );
}

async function checkTcpPrinter(device: DeviceConfig, host: string, port: number) {
  const check = device.id;
  const probe = await probeTcp(host, port);
  if (probe.kind === "answered")
    return pass(check, `the printer at ${host}:${port} answers status`);
  if (probe.kind === "unopenable") {
    return fail(
      check,
      `cannot connect to the printer at ${host}:${port} (${probe.message})`,
      "check that the printer is on and on the network, and its address (print a self-test page)",
    );
  }
  return fail(
    check,
    `the printer at ${host}:${port} takes connections but does not answer the status request (DLE EOT 1)`,
    "check that nothing else is printing to it, and that it is an ESC/POS printer",
  );
}

/**
 * Asks each configured printer for its status where the agent would, and
 * finds the baud rate a serial printer really uses. Only while the agent is
 * stopped: the agent holds its ports.
 */
export async function checkPrinters(
  config: Config,
  registry: ProfileRegistry,
  exists: (path: string) => boolean,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const device of config.devices) {
    const profile = registry.byId.get(device.profile);
    if (profile?.family !== "printer") continue;
    if (!profile.capabilities.statusQueries) {
      findings.push(pass(device.id, `${profile.id} does not report status: not asked`));
      continue;
    }
    const { type, path, host } = device.transport;
    // A missing path is reported with the attached devices.
    if (type === "serial" && path && exists(path))
      findings.push(await checkSerialPrinter(device, profile, path));
    if (type === "tcp" && host)
      findings.push(
        await checkTcpPrinter(
          device,
          host,
          device.transport.port ?? profile.transports.tcp?.port ?? 9100,
        ),
      );
  }
  return findings;
}
