/**
 * Small builders that return profile fragments, so a vendor file is a few
 * lines of data:
 *
 *   {
 *     id: "generic-escpos-58", vendor: "Generic", model: "POS-58",
 *     ...escposPrinter({ paperWidthMm: 58, cutter: "none" }),
 *     transports: transports(serial({ baudRate: 9600 }), usblp()),
 *     usb: [usb(0x0416, 0x5011), CH340],
 *   }
 *
 * Family builders fill in the capabilities, the protocol and the exposes the
 * UI renders; transport builders fill in the defaults.
 */
import { action, binary, enumeration, integerParam, numeric, text } from "./exposes.js";
import {
  COLUMNS_BY_PAPER_WIDTH,
  type DeviceProfile,
  type DoorSize,
  type Expose,
  type HidTransport,
  type LockerCapabilities,
  type LockerProfile,
  type MqttTransport,
  type PrinterCapabilities,
  type PrinterProfile,
  type RatingBoxProfile,
  type ScannerCapabilities,
  type ScannerProfile,
  type SerialTransport,
  type Transports,
  type UsbId,
  type VendingCapabilities,
  type VendingProfile,
} from "./schema.js";

/** The part of a profile a family builder fills in. */
export type ProfileFragment<P extends DeviceProfile> = Pick<
  P,
  "family" | "protocol" | "capabilities" | "exposes"
>;

// ---------------------------------------------------------------- transports

/** A serial port; 8 data bits, no parity, 1 stop bit unless told otherwise. */
export function serial(
  options: Pick<SerialTransport, "baudRate"> & Partial<SerialTransport>,
): Required<Pick<Transports, "serial">> {
  return { serial: { dataBits: 8, parity: "none", stopBits: 1, ...options } };
}

/** The USB printer class (/dev/usb/lp*). */
export function usblp(): Required<Pick<Transports, "usblp">> {
  return { usblp: {} };
}

/** Raw TCP, as network receipt printers listen on port 9100. */
export function tcp(port = 9100): Required<Pick<Transports, "tcp">> {
  return { tcp: { port } };
}

export function hid(options: HidTransport = {}): Required<Pick<Transports, "hid">> {
  return { hid: { ...options } };
}

export function mqtt(options: MqttTransport = {}): Required<Pick<Transports, "mqtt">> {
  return { mqtt: { ...options } };
}

/** Merges transport fragments: `transports(serial({ baudRate: 9600 }), usblp())`. */
export function transports(...parts: Transports[]): Transports {
  return Object.assign({}, ...parts);
}

// ---------------------------------------------------------------- USB ids

export function usb(vendorId: number, productId: number): UsbId {
  return { vendorId, productId };
}

/** A USB-serial bridge chip: it names the adapter, not the device behind it. */
export function bridge(vendorId: number, productId: number): UsbId {
  return { vendorId, productId, bridge: true };
}

/** WCH CH340/CH341, the USB-serial chip in most Chinese devices and adapters. */
export const CH340 = bridge(0x1a86, 0x7523);

/** HID usage page of bar code scanners (HID Point of Sale Usage Tables 1.02, §3). */
export const HID_USAGE_PAGE_BARCODE_SCANNER = 0x8c;
/** Usage "Bar Code Scanner" on that page. */
export const HID_USAGE_BARCODE_SCANNER = 0x02;

// ---------------------------------------------------------------- printers

export interface EscposPrinterOptions {
  paperWidthMm: PrinterCapabilities["paperWidthMm"];
  cutter: PrinterCapabilities["cutter"];
  qr?: boolean;
  chinese?: PrinterCapabilities["chinese"];
  statusQueries?: boolean;
  asb?: boolean;
}

/** An ESC/POS receipt printer; columns follow from the paper width. */
export function escposPrinter(options: EscposPrinterOptions): ProfileFragment<PrinterProfile> {
  const capabilities: PrinterCapabilities = {
    paperWidthMm: options.paperWidthMm,
    columns: COLUMNS_BY_PAPER_WIDTH[options.paperWidthMm],
    qr: options.qr ?? true,
    cutter: options.cutter,
    chinese: options.chinese ?? "gb18030",
    statusQueries: options.statusQueries ?? true,
    asb: options.asb ?? false,
  };
  const reportsStatus = capabilities.statusQueries || capabilities.asb;
  const exposes: Expose[] = reportsStatus
    ? [
        enumeration("paper", ["ok", "near_end", "out"], { label: "Paper" }),
        binary("cover", "open", "closed", { label: "Cover" }),
      ]
    : [];
  exposes.push(action("test_print", [], "Print a test receipt"));
  return { family: "printer", protocol: "escpos", capabilities, exposes };
}

// ---------------------------------------------------------------- lockers

export interface LockBoardOptions {
  boards?: number;
  sizes?: LockerCapabilities["sizes"];
}

function lockerExposes(capabilities: LockerCapabilities): Expose[] {
  const exposes: Expose[] = [];
  if (capabilities.doorSensors) {
    exposes.push(binary("door", "open", "closed", { label: "Door", per: "lock" }));
  }
  if (capabilities.itemSensors) {
    exposes.push(binary("item", "present", "empty", { label: "Parcel", per: "lock" }));
  }
  // Boards and locks are numbered from 1 here and in the UI; drivers map them to wire addresses.
  exposes.push(
    action(
      "open_door",
      [
        integerParam("board", 1, capabilities.boards),
        integerParam("lock", 1, capabilities.locksPerBoard),
      ],
      "Open a door",
    ),
  );
  return exposes;
}

function withSizes(capabilities: LockerCapabilities, sizes: LockBoardOptions["sizes"]) {
  return sizes === undefined ? capabilities : { ...capabilities, sizes };
}

/** The generic "8A/80" RS-485 lock board (one door sensor bit per lock). */
export function lockBoard8A(
  options: LockBoardOptions & { locksPerBoard: number; itemSensors?: boolean },
): ProfileFragment<LockerProfile> {
  const capabilities = withSizes(
    {
      boards: options.boards ?? 1,
      locksPerBoard: options.locksPerBoard,
      doorSensors: true,
      itemSensors: options.itemSensors ?? false,
    },
    options.sizes,
  );
  return {
    family: "locker",
    protocol: "lock-8a",
    capabilities,
    exposes: lockerExposes(capabilities),
  };
}

/** Kerong KR-CU16: 16 locks a board, a hook (door) and an IR (parcel) sensor per lock. */
export function kerongCu16(options: LockBoardOptions = {}): ProfileFragment<LockerProfile> {
  const capabilities = withSizes(
    { boards: options.boards ?? 1, locksPerBoard: 16, doorSensors: true, itemSensors: true },
    options.sizes,
  );
  return {
    family: "locker",
    protocol: "kerong-cu16",
    capabilities,
    exposes: lockerExposes(capabilities),
  };
}

/** A uniform size for every door, e.g. `sizes: allDoors("M")`. */
export function allDoors(size: DoorSize): NonNullable<LockerCapabilities["sizes"]> {
  return { default: size };
}

// ---------------------------------------------------------------- vending

function vendingExposes(capabilities: VendingCapabilities): Expose[] {
  const slot = integerParam("slot", 1, capabilities.slots);
  return [
    enumeration("vend_state", ["idle", "vending", "jammed", "fault"], { label: "Vending" }),
    numeric("stock", { label: "Stock", per: "slot", min: 0 }),
    action("restock", [slot, integerParam("count", 0)], "Record a restock"),
    action("test_vend", [slot], "Vend from a slot as a test"),
  ];
}

/** A vending machine controller speaking the "FA FB" host protocol. */
export function vmcFafb(capabilities: VendingCapabilities): ProfileFragment<VendingProfile> {
  return {
    family: "vending",
    protocol: "vmc-fafb",
    capabilities: { ...capabilities },
    exposes: vendingExposes(capabilities),
  };
}

/** A vending unit on the LAN speaking JSON over the agent's MQTT broker. */
export function vendingMqtt(capabilities: VendingCapabilities): ProfileFragment<VendingProfile> {
  return {
    family: "vending",
    protocol: "vending-mqtt",
    capabilities: { ...capabilities },
    exposes: vendingExposes(capabilities),
  };
}

// ---------------------------------------------------------------- scanners

const COMMON_SYMBOLOGIES: ScannerCapabilities["symbologies"] = [
  "qr",
  "data-matrix",
  "pdf417",
  "ean-13",
  "ean-8",
  "upc-a",
  "code-128",
  "code-39",
];

const scannerExposes = (): Expose[] => [text("code", { label: "Last code", access: "event" })];

/** A scanner in HID POS mode: whole codes in reports on usage page 0x8C. */
export function hidPosScanner(
  options: { symbologies?: ScannerCapabilities["symbologies"] } = {},
): ProfileFragment<ScannerProfile> {
  return {
    family: "scanner",
    protocol: "hid-pos-scanner",
    capabilities: { symbologies: options.symbologies ?? COMMON_SYMBOLOGIES, mode: "hid-pos" },
    exposes: scannerExposes(),
  };
}

/** A scanner in serial line mode: one code per line. */
export function serialScanner(
  options: Partial<Pick<ScannerCapabilities, "symbologies" | "lineEnding">> = {},
): ProfileFragment<ScannerProfile> {
  return {
    family: "scanner",
    protocol: "serial-scanner",
    capabilities: {
      symbologies: options.symbologies ?? COMMON_SYMBOLOGIES,
      mode: "serial-line",
      lineEnding: options.lineEnding ?? "cr",
    },
    exposes: scannerExposes(),
  };
}

// ---------------------------------------------------------------- rating box

/** Left to right: button 1 is the best score. */
const DEFAULT_RATING_LABELS = ["非常满意", "满意", "一般", "不满意", "非常不满意"] as const;

/** A five-button rating box: `labels[0]` is button 1, and scores run from 5 down to 1. */
export function ratingBox5(
  labels: readonly string[] = DEFAULT_RATING_LABELS,
): ProfileFragment<RatingBoxProfile> {
  return {
    family: "rating-box",
    protocol: "hid-rating-box",
    capabilities: {
      buttons: 5,
      labels: labels.map((label, index) => ({ button: index + 1, score: 5 - index, text: label })),
    },
    exposes: [numeric("rating", { label: "Last rating", min: 1, max: 5, access: "event" })],
  };
}
