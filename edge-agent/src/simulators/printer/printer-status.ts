/**
 * What the simulated printer reports about itself: its physical condition
 * turned into `DLE EOT n` reply bytes, ASB blocks and the one-word state the
 * operator console shows. Pure; the codec in `@linli/protocols/escpos` does
 * the bit layout.
 */
import {
  type AsbStatus,
  encodeRealtimeStatus,
  type PrinterState,
  printerStateOf,
  type RealtimeStatusFunction,
  type RealtimeStatusOf,
  type StatusParts,
} from "@linli/protocols/escpos";

export type PaperLevel = "ok" | "near_end" | "out";

/** The physical condition of the printer, as the operator or a test sets it. */
export interface PrinterCondition {
  readonly paper: PaperLevel;
  readonly coverOpen: boolean;
  /** Taken offline by hand (e.g. the panel's online switch), apart from any fault. */
  readonly offlineByHand: boolean;
  readonly cutterError: boolean;
}

export const GOOD_CONDITION: PrinterCondition = {
  paper: "ok",
  coverOpen: false,
  offlineByHand: false,
  cutterError: false,
};

/**
 * Whether the printer is online and may move paper: an empty roll, an open
 * cover and a cutter error take a real printer offline, as the switch does.
 */
export function canPrint(c: PrinterCondition): boolean {
  return !(c.paper === "out" || c.coverOpen || c.offlineByHand || c.cutterError);
}

function statusOf(c: PrinterCondition): Required<Omit<StatusParts, "asb">> {
  return {
    printer: {
      drawerPin3High: false,
      offline: !canPrint(c),
      waitingOnlineRecovery: false,
      feedButtonPressed: false,
    },
    offlineCause: {
      coverOpen: c.coverOpen,
      paperFedByButton: false,
      stoppedByPaperEnd: c.paper === "out",
      error: c.cutterError,
    },
    errorCause: {
      recoverableError: false,
      autocutterError: c.cutterError,
      unrecoverableError: false,
      autoRecoverableError: false,
    },
    paper: { paperNearEnd: c.paper === "near_end", paperEnd: c.paper === "out" },
  };
}

/** The one byte a printer in this condition answers `DLE EOT fn` with. */
export function realtimeReply(fn: RealtimeStatusFunction, condition: PrinterCondition): number {
  const status = statusOf(condition);
  const parts: { [F in RealtimeStatusFunction]: RealtimeStatusOf[F] } = {
    1: status.printer,
    2: status.offlineCause,
    3: status.errorCause,
    4: status.paper,
  };
  return encodeRealtimeStatus(fn, parts[fn]);
}

export function asbStatusOf(condition: PrinterCondition): AsbStatus {
  const { printer, offlineCause, errorCause, paper } = statusOf(condition);
  return { ...printer, ...offlineCause, ...errorCause, ...paper };
}

export function printerStateFor(condition: PrinterCondition): PrinterState {
  return printerStateOf(statusOf(condition));
}

/** `GS a n` bits: 1 online/offline (cover included), 2 errors, 3 the paper roll sensor. */
const ASB_ONLINE = 0x02;
const ASB_ERROR = 0x04;
const ASB_PAPER = 0x08;

/** The `GS a` event bits that a change from `before` to `after` touches. */
export function asbEventsBetween(before: PrinterCondition, after: PrinterCondition): number {
  const a = asbStatusOf(before);
  const b = asbStatusOf(after);
  let events = 0;
  if (a.offline !== b.offline || a.coverOpen !== b.coverOpen) events |= ASB_ONLINE;
  if (a.autocutterError !== b.autocutterError) events |= ASB_ERROR;
  if (a.paperNearEnd !== b.paperNearEnd || a.paperEnd !== b.paperEnd) events |= ASB_PAPER;
  return events;
}
