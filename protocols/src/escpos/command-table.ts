/**
 * The printer side's table of ESC/POS commands: for each command, how long
 * it is (fixed, sized by its header, or NUL-terminated) and what token it
 * means. The parser (framing) knows nothing of commands beyond this table.
 */
import type { Align, CutMode, QrErrorLevel } from "./document.js";

export type EscPosToken =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "lf" }
  | { readonly kind: "feed"; readonly lines: number }
  | { readonly kind: "init" }
  | { readonly kind: "align"; readonly align: Align }
  | { readonly kind: "bold"; readonly on: boolean }
  /** Multipliers, 1–8. */
  | { readonly kind: "size"; readonly width: number; readonly height: number }
  | { readonly kind: "chinese"; readonly on: boolean }
  /** 1 or 2; 3 is Micro QR. */
  | { readonly kind: "qr-model"; readonly model: number }
  | { readonly kind: "qr-module-size"; readonly moduleSize: number }
  | { readonly kind: "qr-error-level"; readonly errorLevel: QrErrorLevel }
  | { readonly kind: "qr-store"; readonly data: string; readonly bytes: number }
  /** `data` is what was stored last, if anything. */
  | { readonly kind: "qr-print"; readonly data: string | undefined }
  | { readonly kind: "cut"; readonly mode: CutMode }
  /** `DLE EOT fn`: the printer must answer with one status byte. */
  | { readonly kind: "status-request"; readonly fn: number }
  /** `GS a n`: the ASB events bit mask, 0 to disable. */
  | { readonly kind: "asb-enable"; readonly events: number }
  /** A command the table knows but gives no meaning (code page, underline, images …). */
  | { readonly kind: "command"; readonly name: string; readonly length: number }
  /** Bytes skipped because no command starts that way (or the stream ended inside one). */
  | { readonly kind: "unknown"; readonly prefix: readonly number[]; readonly length: number };

/** The longest command ever held in memory: a `GS ( k` QR store of 7089 data bytes. */
export const MAX_BUFFERED_COMMAND = 5 + 7089 + 3;

export type Verdict =
  /** The command is `length` bytes from its start. */
  | { readonly kind: "command"; readonly length: number; readonly tokens: readonly EscPosToken[] }
  /** Consume `header` bytes now and discard the rest of `total` as it arrives (images). */
  | {
      readonly kind: "skip";
      readonly header: number;
      readonly total: number;
      readonly tokens: readonly EscPosToken[];
    }
  /** Not decidable before `total` bytes from the command's start are at hand. */
  | { readonly kind: "need"; readonly total: number };

/** `bytes` starts at the command; `bytes.length` is what has arrived so far. */
export type CommandSpec = (bytes: Uint8Array) => Verdict;

type Decode = (command: Uint8Array) => readonly EscPosToken[];

const at = (bytes: Uint8Array, index: number): number => bytes[index] ?? 0;
const named = (name: string, length: number): EscPosToken[] => [{ kind: "command", name, length }];
const need = (total: number): Verdict => ({ kind: "need", total });
const done = (length: number, tokens: readonly EscPosToken[]): Verdict => ({
  kind: "command",
  length,
  tokens,
});

function fixed(length: number, name: string, decode?: Decode): CommandSpec {
  return (bytes) => {
    if (bytes.length < length) return need(length);
    return done(length, decode ? decode(bytes.subarray(0, length)) : named(name, length));
  };
}

/** Length from the header; only commands with a `decode` are held whole, the rest are skipped. */
function sized(
  header: number,
  name: string,
  payload: (bytes: Uint8Array) => number,
  decode?: Decode,
): CommandSpec {
  return (bytes) => {
    if (bytes.length < header) return need(header);
    const total = header + payload(bytes);
    if (decode === undefined || total > MAX_BUFFERED_COMMAND) {
      return { kind: "skip", header, total, tokens: named(name, total) };
    }
    if (bytes.length < total) return need(total);
    return done(total, decode(bytes.subarray(0, total)));
  };
}

function terminated(prefix: number, maxLength: number, name: string): CommandSpec {
  return (bytes) => {
    const end = Math.min(bytes.length, maxLength);
    for (let index = prefix; index < end; index += 1) {
      if (bytes[index] === 0) return done(index + 1, named(name, index + 1));
    }
    return bytes.length < maxLength
      ? need(bytes.length + 1)
      : done(maxLength, named(name, maxLength));
  };
}

const ALIGN_NAMES: Readonly<Record<number, Align>> = {
  0: "left",
  1: "center",
  2: "right",
  48: "left",
  49: "center",
  50: "right",
};
const QR_LEVELS: Readonly<Record<number, QrErrorLevel>> = { 48: "L", 49: "M", 50: "Q", 51: "H" };
const CUT_MODES: Readonly<Record<number, { mode: CutMode; length: number }>> = {
  0: { mode: "full", length: 3 },
  48: { mode: "full", length: 3 },
  1: { mode: "partial", length: 3 },
  49: { mode: "partial", length: 3 },
  65: { mode: "full", length: 4 },
  97: { mode: "full", length: 4 },
  103: { mode: "full", length: 4 },
  66: { mode: "partial", length: 4 },
  98: { mode: "partial", length: 4 },
  104: { mode: "partial", length: 4 },
};

const utf8 = new TextDecoder("utf-8");

function decodeQr(command: Uint8Array): readonly EscPosToken[] {
  const fallback = named("GS ( k", command.length);
  if (at(command, 5) !== 0x31 || command.length < 8) return fallback;
  const parameter = at(command, 7);
  switch (at(command, 6)) {
    case 0x41:
      return [{ kind: "qr-model", model: parameter - 48 }];
    case 0x43:
      return [{ kind: "qr-module-size", moduleSize: parameter }];
    case 0x45: {
      const errorLevel = QR_LEVELS[parameter];
      return errorLevel === undefined ? fallback : [{ kind: "qr-error-level", errorLevel }];
    }
    case 0x50: {
      const data = command.subarray(8);
      return [{ kind: "qr-store", data: utf8.decode(data), bytes: data.length }];
    }
    case 0x51:
      return [{ kind: "qr-print", data: undefined }];
    default:
      return fallback;
  }
}

const le16 = (bytes: Uint8Array, index: number): number =>
  at(bytes, index) + at(bytes, index + 1) * 256;

const ESC_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  64: fixed(2, "ESC @", () => [{ kind: "init" }]),
  33: fixed(3, "ESC !", (c) => [
    { kind: "bold", on: (at(c, 2) & 0x08) !== 0 },
    { kind: "size", width: at(c, 2) & 0x20 ? 2 : 1, height: at(c, 2) & 0x10 ? 2 : 1 },
  ]),
  69: fixed(3, "ESC E", (c) => [{ kind: "bold", on: (at(c, 2) & 1) === 1 }]),
  97: fixed(3, "ESC a", (c) => {
    const align = ALIGN_NAMES[at(c, 2)];
    return align === undefined ? named("ESC a", 3) : [{ kind: "align", align }];
  }),
  100: fixed(3, "ESC d", (c) => [{ kind: "feed", lines: at(c, 2) }]),
  105: fixed(2, "ESC i", () => [{ kind: "cut", mode: "full" }]),
  109: fixed(2, "ESC m", () => [{ kind: "cut", mode: "partial" }]),
  50: fixed(2, "ESC 2"),
  12: fixed(2, "ESC FF"),
  76: fixed(2, "ESC L"),
  83: fixed(2, "ESC S"),
  32: fixed(3, "ESC SP"),
  37: fixed(3, "ESC %"),
  45: fixed(3, "ESC -"),
  51: fixed(3, "ESC 3"),
  61: fixed(3, "ESC ="),
  63: fixed(3, "ESC ?"),
  71: fixed(3, "ESC G"),
  74: fixed(3, "ESC J"),
  77: fixed(3, "ESC M"),
  82: fixed(3, "ESC R"),
  84: fixed(3, "ESC T"),
  85: fixed(3, "ESC U"),
  86: fixed(3, "ESC V"),
  114: fixed(3, "ESC r"),
  116: fixed(3, "ESC t"),
  123: fixed(3, "ESC {"),
  36: fixed(4, "ESC $"),
  66: fixed(4, "ESC B"),
  92: fixed(4, "ESC \\"),
  99: fixed(4, "ESC c"),
  112: fixed(5, "ESC p"),
  87: fixed(10, "ESC W"),
  68: terminated(2, 2 + 32 + 1, "ESC D"),
  42: sized(5, "ESC *", (b) => le16(b, 3) * (at(b, 2) >= 32 ? 3 : 1)),
};

const GS_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  33: fixed(3, "GS !", (c) => [
    { kind: "size", width: ((at(c, 2) >> 4) & 7) + 1, height: (at(c, 2) & 7) + 1 },
  ]),
  86: (bytes) => {
    if (bytes.length < 3) return need(3);
    const cut = CUT_MODES[at(bytes, 2)];
    if (cut === undefined) return done(3, named("GS V", 3));
    if (bytes.length < cut.length) return need(cut.length);
    return done(cut.length, [{ kind: "cut", mode: cut.mode }]);
  },
  97: fixed(3, "GS a", (c) => [{ kind: "asb-enable", events: at(c, 2) }]),
  40: (bytes) => {
    if (bytes.length < 3) return need(3);
    const name = `GS ( ${String.fromCharCode(at(bytes, 2))}`;
    return sized(5, name, (b) => le16(b, 3), at(bytes, 2) === 0x6b ? decodeQr : undefined)(bytes);
  },
  58: fixed(2, "GS :"),
  47: fixed(3, "GS /"),
  66: fixed(3, "GS B"),
  72: fixed(3, "GS H"),
  73: fixed(3, "GS I"),
  84: fixed(3, "GS T"),
  98: fixed(3, "GS b"),
  102: fixed(3, "GS f"),
  104: fixed(3, "GS h"),
  114: fixed(3, "GS r"),
  119: fixed(3, "GS w"),
  36: fixed(4, "GS $"),
  76: fixed(4, "GS L"),
  80: fixed(4, "GS P"),
  87: fixed(4, "GS W"),
  92: fixed(4, "GS \\"),
  94: fixed(5, "GS ^"),
  42: sized(4, "GS *", (b) => at(b, 2) * at(b, 3) * 8),
  118: sized(8, "GS v 0", (b) => le16(b, 4) * le16(b, 6)),
  56: sized(7, "GS 8 L", (b) => le16(b, 3) + le16(b, 5) * 65536),
  107: (bytes) => {
    if (bytes.length < 3) return need(3);
    return at(bytes, 2) <= 6
      ? terminated(3, 3 + 255 + 1, "GS k")(bytes)
      : sized(4, "GS k", (b) => at(b, 3))(bytes);
  },
};

const FS_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  38: fixed(2, "FS &", () => [{ kind: "chinese", on: true }]),
  46: fixed(2, "FS .", () => [{ kind: "chinese", on: false }]),
  33: fixed(3, "FS !"),
  45: fixed(3, "FS -"),
  67: fixed(3, "FS C"),
  87: fixed(3, "FS W"),
  83: fixed(4, "FS S"),
  63: fixed(4, "FS ?"),
  112: fixed(4, "FS p"),
  50: fixed(4 + 72, "FS 2"),
  40: sized(5, "FS (", (b) => le16(b, 3)),
};

const DLE_COMMANDS: Readonly<Record<number, CommandSpec>> = {
  4: (bytes) => {
    if (bytes.length < 3) return need(3);
    const fn = at(bytes, 2);
    if (fn >= 1 && fn <= 4) return done(3, [{ kind: "status-request", fn }]);
    const length = fn === 7 || fn === 8 || fn === 18 ? 4 : 3;
    return bytes.length < length ? need(length) : done(length, named("DLE EOT", length));
  },
  5: fixed(3, "DLE ENQ"),
  20: (bytes) => {
    if (bytes.length < 3) return need(3);
    return fixed(at(bytes, 2) === 8 ? 10 : 5, "DLE DC4")(bytes);
  },
};

/** Prefix byte → second-byte table; a missing second byte skips the pair as unknown. */
const PREFIXED: Readonly<
  Record<number, { table: Readonly<Record<number, CommandSpec>>; unknownLength: number }>
> = {
  27: { table: ESC_COMMANDS, unknownLength: 2 },
  29: { table: GS_COMMANDS, unknownLength: 2 },
  28: { table: FS_COMMANDS, unknownLength: 2 },
  // DLE only starts real-time commands; anything else after it is data again.
  16: { table: DLE_COMMANDS, unknownLength: 1 },
};

const SINGLE_BYTE: Readonly<Record<number, readonly EscPosToken[]>> = {
  10: [{ kind: "lf" }],
  13: named("CR", 1),
  9: named("HT", 1),
  12: named("FF", 1),
  24: named("CAN", 1),
};

/** Frames the command starting at `bytes[0]`, a control byte (below 0x20, or 0x7F). */
export function frameCommand(bytes: Uint8Array): Verdict {
  const first = at(bytes, 0);
  const single = SINGLE_BYTE[first];
  if (single !== undefined) return done(1, single);
  const prefixed = PREFIXED[first];
  if (prefixed === undefined) return done(1, [{ kind: "unknown", prefix: [first], length: 1 }]);
  if (bytes.length < 2) return need(2);
  const spec = prefixed.table[at(bytes, 1)];
  if (spec !== undefined) return spec(bytes);
  const length = prefixed.unknownLength;
  return done(length, [{ kind: "unknown", prefix: [...bytes.subarray(0, length)], length }]);
}
