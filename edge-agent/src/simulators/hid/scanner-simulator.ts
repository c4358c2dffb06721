/**
 * QR / bar code scanners, the device side: a HID POS scanner (usage page
 * 0x8C) that sends each code as one or more 64-byte input reports, and a
 * serial scanner in line mode that sends the code followed by CR LF.
 * Unplug and replug are the binding's business (SimulatedHidBinding.unplug,
 * SimulatedSerialBinding.unplug); a code scanned meanwhile is lost.
 */

import { encodeGbk } from "@linli/protocols/escpos";
import {
  encodeHidPosReports,
  HID_POS_AIM_FIRST,
  type HidPosLayout,
  type ScannerEncoding,
} from "@linli/protocols/hid";
import type { HidDeviceInfo } from "../../bindings/hid.js";
import { SimulatorBase } from "../simulator.js";

/** HID usage page and usage of a bar code scanner (HID POS Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE_SCANNER = 0x02;

export interface ScanOptions {
  /** AIM symbology identifier, e.g. `]Q1` for a QR code. */
  aim?: string;
}

/** How one HID report can arrive damaged, for tests of the host's robustness. */
export type GarbledReport = "bad-length" | "truncated";

export interface HidPosScannerSimulatorOptions {
  name?: string;
  layout?: HidPosLayout;
  encoding?: ScannerEncoding;
  /** Sent when scan() is given none. */
  defaultAim?: string;
  vendorId?: number;
  productId?: number;
  product?: string;
  manufacturer?: string;
}

export function encodeScannerText(text: string, encoding: ScannerEncoding): Uint8Array {
  return encoding === "gb18030" ? encodeGbk(text) : new TextEncoder().encode(text);
}

export class HidPosScannerSimulator extends SimulatorBase {
  readonly name: string;
  readonly line = undefined;
  readonly layout: HidPosLayout;
  readonly encoding: ScannerEncoding;
  readonly #options: HidPosScannerSimulatorOptions;
  #garbleNext: GarbledReport | undefined;

  constructor(options: HidPosScannerSimulatorOptions = {}) {
    super();
    this.#options = options;
    this.name = options.name ?? "hid-pos-scanner";
    this.layout = options.layout ?? HID_POS_AIM_FIRST;
    this.encoding = options.encoding ?? "utf-8";
  }

  /** What SimulatedHidBinding.plug needs; defaults to a Honeywell Voyager in HID POS mode. */
  deviceInfo(path: string): HidDeviceInfo {
    return {
      path,
      vendorId: this.#options.vendorId ?? 0x0c2e,
      productId: this.#options.productId ?? 0x0b8f,
      usagePage: HID_POS_USAGE_PAGE,
      usage: HID_POS_USAGE_SCANNER,
      product: this.#options.product ?? "Simulated HID POS scanner",
      manufacturer: this.#options.manufacturer ?? "Linli simulator",
    };
  }

  /** Damages the first report of the next scan. */
  garbleNextReport(how: GarbledReport): void {
    this.#garbleNext = how;
  }

  /** Sends a code as input reports; returns them (one per transmit). */
  scan(text: string, options: ScanOptions = {}): Uint8Array[] {
    const aim = options.aim ?? this.#options.defaultAim;
    const reports = encodeHidPosReports(encodeScannerText(text, this.encoding), {
      layout: this.layout,
      ...(aim === undefined ? {} : { aim }),
    });
    const first = reports[0];
    if (first !== undefined && this.#garbleNext !== undefined) {
      reports[0] = garbled(first, this.#garbleNext, this.layout);
      this.record("report garbled", { how: this.#garbleNext });
      this.#garbleNext = undefined;
    }
    if (!this.attached) this.record("code scanned while unplugged: lost", { text });
    for (const report of reports) this.transmit(report);
    return reports;
  }

  /** Output reports (LED, beeper, configuration) are accepted and ignored. */
  receive(bytes: Uint8Array): void {
    this.record("output report ignored", { bytes: bytes.length });
  }
}

function garbled(report: Uint8Array, how: GarbledReport, layout: HidPosLayout): Uint8Array {
  if (how === "truncated") return report.slice(0, layout.lengthOffset + 1);
  const copy = report.slice();
  copy[layout.lengthOffset] = 0xff;
  return copy;
}

export interface SerialScannerSimulatorOptions {
  name?: string;
  /** Default 9600, the usual factory setting. */
  baudRate?: number;
  encoding?: ScannerEncoding;
  /** Default CR LF. */
  suffix?: "\r\n" | "\r" | "\n";
  /** Prefix every code with its AIM identifier (a scanner setting). */
  sendAim?: boolean;
}

export class SerialScannerSimulator extends SimulatorBase {
  readonly name: string;
  readonly line: { baudRate: number };
  readonly encoding: ScannerEncoding;
  readonly #suffix: string;
  readonly #sendAim: boolean;

  constructor(options: SerialScannerSimulatorOptions = {}) {
    super();
    this.name = options.name ?? "serial-scanner";
    this.line = { baudRate: options.baudRate ?? 9600 };
    this.encoding = options.encoding ?? "utf-8";
    this.#suffix = options.suffix ?? "\r\n";
    this.#sendAim = options.sendAim ?? false;
  }

  /** Sends one code as a line; returns the bytes. */
  scan(text: string, options: ScanOptions = {}): Uint8Array {
    const prefix = this.#sendAim ? (options.aim ?? "") : "";
    const bytes = encodeScannerText(`${prefix}${text}${this.#suffix}`, this.encoding);
    if (!this.attached) this.record("code scanned while unplugged: lost", { text });
    this.transmit(bytes);
    return bytes;
  }

  /** Configuration commands from the host are ignored. */
  receive(bytes: Uint8Array): void {
    this.record("host bytes ignored", { bytes: bytes.length });
  }
}
