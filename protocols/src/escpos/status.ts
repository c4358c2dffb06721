/**
 * Printer → host status: real-time replies to `DLE EOT n` (one byte each) and
 * Automatic Status Back blocks (four bytes, sent unasked after `GS a n`).
 * Both directions are here: decoders for drivers, encoders for simulators.
 * Decoders never throw; a byte that breaks the fixed bits is an error result.
 */

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

export type RealtimeStatusFunction = 1 | 2 | 3 | 4;

/** n = 1. */
export interface PrinterInfo {
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  readonly waitingOnlineRecovery: boolean;
  readonly feedButtonPressed: boolean;
}

/** n = 2. */
export interface OfflineCause {
  readonly coverOpen: boolean;
  readonly paperFedByButton: boolean;
  readonly stoppedByPaperEnd: boolean;
  readonly error: boolean;
}

/** n = 3. */
export interface ErrorCause {
  readonly recoverableError: boolean;
  readonly autocutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
}

/** n = 4. */
export interface PaperRollSensor {
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export interface RealtimeStatusOf {
  1: PrinterInfo;
  2: OfflineCause;
  3: ErrorCause;
  4: PaperRollSensor;
}

const bit = (byte: number, index: number): boolean => ((byte >> index) & 1) === 1;
/** Either bit of a pair: printers differ in whether they set one or both. */
const bits = (byte: number, low: number): boolean => bit(byte, low) || bit(byte, low + 1);
const set = (on: boolean, index: number): number => (on ? 1 << index : 0);

/** `DLE EOT n`: real-time status request, answered with one byte even while offline. */
export function realtimeStatusRequest(fn: RealtimeStatusFunction): Uint8Array {
  return Uint8Array.of(0x10, 0x04, fn);
}

/** A real-time reply is `0xx1xx10`b: bits 1 and 4 on, bits 0 and 7 off. */
export const isRealtimeReply = (byte: number): boolean => (byte & 0x93) === 0x12;
/** The first byte of an ASB block is `0xx1xx00`b. */
export const isAsbHeader = (byte: number): boolean => (byte & 0x93) === 0x10;
/** ASB bytes 2–4 are `0xx0xxxx`b: never mistaken for a header or a real-time reply. */
const isAsbBody = (byte: number): boolean => (byte & 0x90) === 0;

const REALTIME_DECODERS: { [F in RealtimeStatusFunction]: (byte: number) => RealtimeStatusOf[F] } =
  {
    1: (b) => ({
      drawerPin3High: bit(b, 2),
      offline: bit(b, 3),
      waitingOnlineRecovery: bit(b, 5),
      feedButtonPressed: bit(b, 6),
    }),
    2: (b) => ({
      coverOpen: bit(b, 2),
      paperFedByButton: bit(b, 3),
      stoppedByPaperEnd: bit(b, 5),
      error: bit(b, 6),
    }),
    3: (b) => ({
      recoverableError: bit(b, 2),
      autocutterError: bit(b, 3),
      unrecoverableError: bit(b, 5),
      autoRecoverableError: bit(b, 6),
    }),
    4: (b) => ({ paperNearEnd: bits(b, 2), paperEnd: bits(b, 5) }),
  };

const REALTIME_ENCODERS: { [F in RealtimeStatusFunction]: (value: RealtimeStatusOf[F]) => number } =
  {
    1: (v) =>
      set(v.drawerPin3High, 2) |
      set(v.offline, 3) |
      set(v.waitingOnlineRecovery, 5) |
      set(v.feedButtonPressed, 6),
    2: (v) =>
      set(v.coverOpen, 2) |
      set(v.paperFedByButton, 3) |
      set(v.stoppedByPaperEnd, 5) |
      set(v.error, 6),
    3: (v) =>
      set(v.recoverableError, 2) |
      set(v.autocutterError, 3) |
      set(v.unrecoverableError, 5) |
      set(v.autoRecoverableError, 6),
    4: (v) => (v.paperNearEnd ? 0x0c : 0) | (v.paperEnd ? 0x60 : 0),
  };

const isByte = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 255;

/** Decodes the one-byte reply to `DLE EOT fn`. */
export function decodeRealtimeStatus<F extends RealtimeStatusFunction>(
  fn: F,
  reply: number,
): DecodeResult<RealtimeStatusOf[F]> {
  const decode: ((byte: number) => RealtimeStatusOf[F]) | undefined = REALTIME_DECODERS[fn];
  if (decode === undefined) return { ok: false, reason: `DLE EOT ${String(fn)} is not 1–4` };
  if (!isByte(reply)) return { ok: false, reason: `${reply} is not a byte` };
  if (!isRealtimeReply(reply)) {
    return {
      ok: false,
      reason: `0x${hex(reply)} is not a real-time status reply (b & 0x93 != 0x12)`,
    };
  }
  return { ok: true, value: decode(reply) };
}

/** The byte a printer answers `DLE EOT fn` with (for simulators). */
export function encodeRealtimeStatus<F extends RealtimeStatusFunction>(
  fn: F,
  value: RealtimeStatusOf[F],
): number {
  const encode: (value: RealtimeStatusOf[F]) => number = REALTIME_ENCODERS[fn];
  return 0x12 | encode(value);
}

export interface AsbStatus {
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  readonly coverOpen: boolean;
  readonly paperFedByButton: boolean;
  readonly waitingOnlineRecovery: boolean;
  readonly feedButtonPressed: boolean;
  /** A mechanical error (e.g. a paper jam), recoverable with `DLE ENQ`. */
  readonly recoverableError: boolean;
  readonly autocutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export interface AsbEvents {
  readonly drawer?: boolean;
  readonly onlineOffline?: boolean;
  readonly error?: boolean;
  readonly paperSensor?: boolean;
}

/** `GS a n`: send an ASB block whenever a watched status changes; every event by default. */
export function asbEnableCommand(events: AsbEvents = {}): Uint8Array {
  const n =
    set(events.drawer ?? true, 0) |
    set(events.onlineOffline ?? true, 1) |
    set(events.error ?? true, 2) |
    set(events.paperSensor ?? true, 3);
  return Uint8Array.of(0x1d, 0x61, n);
}

/** `GS a 0`: no more ASB blocks. */
export const asbDisableCommand = (): Uint8Array => Uint8Array.of(0x1d, 0x61, 0);

/** Decodes one four-byte ASB block. */
export function decodeAsb(block: Uint8Array): DecodeResult<AsbStatus> {
  if (block.length !== 4)
    return { ok: false, reason: `an ASB block is 4 bytes, not ${block.length}` };
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = block;
  if (!isAsbHeader(b0)) {
    return { ok: false, reason: `0x${hex(b0)} is not an ASB first byte (b & 0x93 != 0x10)` };
  }
  const bad = [b1, b2, b3].findIndex((b) => !isAsbBody(b));
  if (bad >= 0)
    return { ok: false, reason: `ASB byte ${bad + 2} breaks its fixed bits (0xx0xxxx)` };
  return {
    ok: true,
    value: {
      drawerPin3High: bit(b0, 2),
      offline: bit(b0, 3),
      coverOpen: bit(b0, 5),
      paperFedByButton: bit(b0, 6),
      waitingOnlineRecovery: bit(b1, 0),
      feedButtonPressed: bit(b1, 1),
      recoverableError: bit(b1, 2),
      autocutterError: bit(b1, 3),
      unrecoverableError: bit(b1, 5),
      autoRecoverableError: bit(b1, 6),
      paperNearEnd: bits(b2, 0),
      paperEnd: bits(b2, 2),
    },
  };
}

/** The ASB block a printer sends for this status (for simulators). */
export function encodeAsb(s: AsbStatus): Uint8Array {
  return Uint8Array.of(
    0x10 |
      set(s.drawerPin3High, 2) |
      set(s.offline, 3) |
      set(s.coverOpen, 5) |
      set(s.paperFedByButton, 6),
    set(s.waitingOnlineRecovery, 0) |
      set(s.feedButtonPressed, 1) |
      set(s.recoverableError, 2) |
      set(s.autocutterError, 3) |
      set(s.unrecoverableError, 5) |
      set(s.autoRecoverableError, 6),
    (s.paperNearEnd ? 0x03 : 0) | (s.paperEnd ? 0x0c : 0),
    0,
  );
}

export type PrinterReply =
  | { readonly kind: "realtime"; readonly byte: number }
  | { readonly kind: "asb"; readonly status: AsbStatus }
  | { readonly kind: "other"; readonly byte: number };

/**
 * Splits the printer → host byte stream into real-time replies (match them
 * to your `DLE EOT` requests in order), ASB blocks, and other bytes (`GS r`
 * answers, XON/XOFF, noise). ASB bodies can never look like a header or a
 * reply, so a broken block resynchronises at once. Holds at most 3 bytes.
 */
export class PrinterReplyReader {
  #asb: number[] = [];

  push(chunk: Uint8Array): PrinterReply[] {
    const replies: PrinterReply[] = [];
    for (const byte of chunk) {
      if (this.#asb.length > 0) {
        if (isAsbBody(byte)) {
          this.#asb.push(byte);
          if (this.#asb.length === 4) {
            const decoded = decodeAsb(Uint8Array.from(this.#asb));
            if (decoded.ok) replies.push({ kind: "asb", status: decoded.value });
            this.#asb = [];
          }
          continue;
        }
        for (const dropped of this.#asb) replies.push({ kind: "other", byte: dropped });
        this.#asb = [];
      }
      if (isAsbHeader(byte)) this.#asb = [byte];
      else if (isRealtimeReply(byte)) replies.push({ kind: "realtime", byte });
      else replies.push({ kind: "other", byte });
    }
    return replies;
  }

  reset(): void {
    this.#asb = [];
  }
}

export type PrinterState =
  | "ready"
  | "paper_near_end"
  | "paper_out"
  | "cover_open"
  | "offline"
  | "error";

/** Whatever status the driver has; missing parts count as fine. */
export interface StatusParts {
  readonly printer?: PrinterInfo;
  readonly offlineCause?: OfflineCause;
  readonly errorCause?: ErrorCause;
  readonly paper?: PaperRollSensor;
  readonly asb?: AsbStatus;
}

/**
 * One state for people, most specific cause first: an open cover or an
 * empty roll also makes the printer offline (and some models flag an error),
 * but "close the cover" or "load paper" is what the operator needs to read.
 */
export function printerStateOf(parts: StatusParts): PrinterState {
  const { printer, offlineCause, errorCause, paper, asb } = parts;
  const anyError = (e: ErrorCause | AsbStatus | undefined): boolean =>
    e !== undefined &&
    (e.recoverableError || e.autocutterError || e.unrecoverableError || e.autoRecoverableError);
  if (offlineCause?.coverOpen || asb?.coverOpen) return "cover_open";
  if (paper?.paperEnd || offlineCause?.stoppedByPaperEnd || asb?.paperEnd) return "paper_out";
  if (offlineCause?.error || anyError(errorCause) || anyError(asb)) return "error";
  if (printer?.offline || asb?.offline) return "offline";
  if (paper?.paperNearEnd || asb?.paperNearEnd) return "paper_near_end";
  return "ready";
}

const hex = (byte: number): string => byte.toString(16).padStart(2, "0").toUpperCase();
