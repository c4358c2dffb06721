/**
 * The "FA FB" VMC ↔ host (upper computer) command table.
 *
 * Sources:
 * - "VMC – Upper Computer Communication Protocol" (V3.0), as transcribed in
 *   public GitHub projects that drive these boards: 57600 8N1; the VMC is
 *   the master and polls every 200 ms; the host answers a POLL within
 *   100 ms with ACK or one queued command, which the VMC ACKs; data the VMC
 *   sends is ACKed by the host; either side resends up to 5 times;
 *   PACKNO ("communication number") runs 1–255.
 * - Python host implementations of the same protocol (JSK-style boards),
 *   which agree on the layouts below and on big-endian multi-byte numbers.
 * - DESIGN.md: POLL `FA FB 41 00 40`, ACK `FA FB 42 00 43`.
 *
 * Assumptions and deviations:
 * - Numbers wider than a byte are big-endian; amounts are in the machine's
 *   smallest currency unit (fen when the decimal point setting is 2).
 * - 0x01's length is given as 4 in the document but its fields (PACKNO +
 *   selection) make 3; we send 3. Decoders accept trailing bytes they do not
 *   know, because firmware versions add fields at the end (0x04 carries an
 *   optional microwave number, 0x06 a cart flag on some boards).
 * - A retransmission carries the same PACKNO; the receiver ACKs it again and
 *   does not act on it twice (see packno.ts).
 * - Not implemented: 0x24 POS display text, 0x28 note/coin acceptance,
 *   0x61–0x63 and 0x66 (IC card, Android menu, microwave), and the 0x70/0x71
 *   menu commands (machine settings); they decode as `unknown` and should
 *   still be ACKed.
 */

export type VmcFieldType = "u8" | "u16" | "u32";

export interface VmcFieldSpec {
  readonly name: string;
  readonly type: VmcFieldType;
  /** May be missing at the end of the frame. */
  readonly optional?: boolean;
}

export interface VmcCommandSpec {
  readonly code: number;
  readonly from: "vmc" | "host" | "both";
  /** POLL and ACK have LEN 0 and no PACKNO; every other frame starts its payload with one. */
  readonly packNo: boolean;
  readonly fields: readonly VmcFieldSpec[];
  /** Bytes after the fields are kept raw, as `data`. */
  readonly rest?: boolean;
  readonly summary: string;
}

const u8 = <Name extends string>(name: Name) => ({ name, type: "u8" }) as const;
const u16 = <Name extends string>(name: Name) => ({ name, type: "u16" }) as const;
const u32 = <Name extends string>(name: Name) => ({ name, type: "u32" }) as const;

export const VMC_COMMANDS = {
  poll: { code: 0x41, from: "vmc", packNo: false, fields: [], summary: "VMC asks for a command" },
  ack: { code: 0x42, from: "both", packNo: false, fields: [], summary: "Acknowledges a frame" },
  checkSelection: {
    code: 0x01,
    from: "host",
    packNo: true,
    fields: [u16("selection")],
    summary: "Can this selection (slot) sell? Answered by selectionStatus",
  },
  selectionStatus: {
    code: 0x02,
    from: "vmc",
    packNo: true,
    fields: [u8("status"), u16("selection")],
    summary: "Answer to checkSelection; status in VMC_SELECTION_STATUS",
  },
  selectToBuy: {
    code: 0x03,
    from: "host",
    packNo: true,
    fields: [u16("selection")],
    summary: "Sell this selection (VMC handles price and stock)",
  },
  dispenseStatus: {
    code: 0x04,
    from: "vmc",
    packNo: true,
    fields: [u8("status"), u16("selection"), { name: "microwave", type: "u8", optional: true }],
    summary: "Progress and outcome of a vend; status in VMC_DISPENSE_STATUS",
  },
  selectOrCancel: {
    code: 0x05,
    from: "both",
    packNo: true,
    fields: [u16("selection")],
    summary: "A selection was chosen on the machine (selection 0 = cancelled)",
  },
  driveSelection: {
    code: 0x06,
    from: "host",
    packNo: true,
    fields: [u8("dropSensor"), u8("elevator"), u16("selection")],
    summary:
      "Run the motor directly (host manages price and stock); 1 = use drop sensor / elevator",
  },
  selectionInfo: {
    code: 0x11,
    from: "vmc",
    packNo: true,
    fields: [
      u16("selection"),
      u32("price"),
      u8("inventory"),
      u8("capacity"),
      u16("productId"),
      u8("status"),
    ],
    summary:
      "Configuration of one selection, sent during synchronisation (status 0 normal, 1 paused)",
  },
  setPrice: {
    code: 0x12,
    from: "both",
    packNo: true,
    fields: [u16("selection"), u32("price")],
    summary: "Set a price (selection 0 = all, 1000+n = tray n)",
  },
  setInventory: {
    code: 0x13,
    from: "both",
    packNo: true,
    fields: [u16("selection"), u8("inventory")],
    summary: "Set stock",
  },
  setCapacity: {
    code: 0x14,
    from: "both",
    packNo: true,
    fields: [u16("selection"), u8("capacity")],
    summary: "Set capacity",
  },
  setProductId: {
    code: 0x15,
    from: "both",
    packNo: true,
    fields: [u16("selection"), u16("productId")],
    summary: "Set product number",
  },
  setPollInterval: {
    code: 0x16,
    from: "host",
    packNo: true,
    fields: [u8("interval")],
    summary: "POLL interval in 100 ms units (max 2 s)",
  },
  fullyLoaded: {
    code: 0x17,
    from: "vmc",
    packNo: true,
    fields: [],
    summary: "Operator pressed 'fully loaded'",
  },
  moneyCollected: {
    code: 0x21,
    from: "vmc",
    packNo: true,
    fields: [u8("mode"), u32("amount")],
    rest: true,
    summary: "The VMC took money (mode in VMC_PAYMENT_MODE); card number may follow",
  },
  currentAmount: {
    code: 0x23,
    from: "vmc",
    packNo: true,
    fields: [u32("amount")],
    summary: "Credit now available",
  },
  requestChange: { code: 0x25, from: "host", packNo: true, fields: [], summary: "Give change" },
  changeGiven: {
    code: 0x26,
    from: "vmc",
    packNo: true,
    fields: [u32("notes"), u32("coins")],
    summary: "Change paid out",
  },
  hostReceivedMoney: {
    code: 0x27,
    from: "host",
    packNo: true,
    fields: [u8("mode"), u32("amount")],
    rest: true,
    summary: "The host took payment (QR pay, say); card number may follow",
  },
  syncInfo: {
    code: 0x31,
    from: "both",
    packNo: true,
    fields: [],
    summary: "Request information synchronisation",
  },
  requestMachineStatus: {
    code: 0x51,
    from: "host",
    packNo: true,
    fields: [],
    summary: "Ask for machineStatus",
  },
  machineStatus: {
    code: 0x52,
    from: "vmc",
    packNo: true,
    fields: [],
    rest: true,
    summary:
      "Acceptors, door, change, machine id, temperature: layout varies by firmware, kept raw",
  },
  requestLiftStatus: {
    code: 0x53,
    from: "host",
    packNo: true,
    fields: [],
    summary: "Ask for liftStatus",
  },
  liftStatus: {
    code: 0x54,
    from: "vmc",
    packNo: true,
    fields: [u8("status")],
    summary: "0 normal, 1 product in elevator, 2 door open, 3/4 elevator errors",
  },
  cardDeduct: {
    code: 0x64,
    from: "host",
    packNo: true,
    fields: [u32("amount")],
    summary: "Deduct from the card reader (0 = cancel)",
  },
} as const satisfies Record<string, VmcCommandSpec>;

export type VmcCommandName = keyof typeof VMC_COMMANDS;

const BY_CODE = new Map<number, VmcCommandName>(
  (Object.keys(VMC_COMMANDS) as VmcCommandName[]).map((name) => [VMC_COMMANDS[name].code, name]),
);

export function vmcCommandByCode(code: number): VmcCommandName | undefined {
  return BY_CODE.get(code);
}

/** 0x02 selectionStatus.status */
export const VMC_SELECTION_STATUS = {
  1: "normal",
  2: "out-of-stock",
  3: "no-such-selection",
  4: "paused",
  5: "product-in-elevator",
  6: "delivery-door-open",
  7: "elevator-error",
  8: "elevator-self-check-failed",
} as const satisfies Record<number, string>;

/** 0x04 dispenseStatus.status (0x10–0x32: elevator and microwave progress and faults) */
export const VMC_DISPENSE_STATUS = {
  1: "dispensing",
  2: "success",
  3: "jammed",
  4: "motor-did-not-stop",
  6: "no-motor",
  7: "elevator-error",
  255: "terminated",
} as const satisfies Record<number, string>;

/** 0x21 / 0x27 mode */
export const VMC_PAYMENT_MODE = {
  1: "note",
  2: "coin",
  3: "ic-card",
  4: "bank-card",
  5: "wechat",
  6: "alipay",
  7: "jd-pay",
  8: "swallowed",
  9: "unionpay-qr",
} as const satisfies Record<number, string>;

export type VmcSelectionStatus =
  | (typeof VMC_SELECTION_STATUS)[keyof typeof VMC_SELECTION_STATUS]
  | "other";
export type VmcDispenseStatus =
  | (typeof VMC_DISPENSE_STATUS)[keyof typeof VMC_DISPENSE_STATUS]
  | "other";

export function selectionStatusName(code: number): VmcSelectionStatus {
  return (VMC_SELECTION_STATUS as Record<number, VmcSelectionStatus>)[code] ?? "other";
}

export function dispenseStatusName(code: number): VmcDispenseStatus {
  return (VMC_DISPENSE_STATUS as Record<number, VmcDispenseStatus>)[code] ?? "other";
}

/** Dispense statuses that mean "still working": dispensing, elevator moving, microwave steps. */
export const VMC_DISPENSE_IN_PROGRESS: readonly number[] = [
  0x01, 0x10, 0x11, 0x14, 0x16, 0x18, 0x19, 0x22, 0x23, 0x26,
];
/** Dispense statuses that mean the customer got the product. */
export const VMC_DISPENSE_SUCCESS: readonly number[] = [0x02, 0x24];

/** Whether a vend is over, one way or the other. */
export function isDispenseFinished(code: number): boolean {
  return !VMC_DISPENSE_IN_PROGRESS.includes(code);
}

export function isDispenseSuccess(code: number): boolean {
  return VMC_DISPENSE_SUCCESS.includes(code);
}

export const VMC_TIMING = {
  /** The VMC polls this often. */
  pollIntervalMs: 200,
  /** The host must answer a POLL within this. */
  answerWithinMs: 100,
  /** Either side resends an unacknowledged frame at most this many times. */
  maxResends: 5,
} as const;
