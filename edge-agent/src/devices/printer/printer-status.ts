/**
 * What the printer driver knows about the printer, turned into what an
 * operator reads: one state, the paper and cover the profile exposes, and
 * why a print job has to wait. Pure.
 */
import {
  type AsbStatus,
  type PrinterState,
  printerStateOf,
  type StatusParts,
} from "@linli/protocols/escpos";

/** Values of the profile's `paper` expose. */
export type PaperLevel = "ok" | "near_end" | "out";

export interface PrinterStatus {
  readonly state: PrinterState;
  readonly paper: PaperLevel;
  readonly coverOpen: boolean;
  /** The printer says it is online (it is not stopped by paper, cover, error or its switch). */
  readonly online: boolean;
}

export function statusFromParts(parts: StatusParts): PrinterStatus {
  const { printer, offlineCause, paper, asb } = parts;
  const paperOut = Boolean(paper?.paperEnd || offlineCause?.stoppedByPaperEnd || asb?.paperEnd);
  const nearEnd = Boolean(paper?.paperNearEnd || asb?.paperNearEnd);
  return {
    state: printerStateOf(parts),
    paper: paperOut ? "out" : nearEnd ? "near_end" : "ok",
    coverOpen: Boolean(offlineCause?.coverOpen || asb?.coverOpen),
    online: !(printer?.offline || asb?.offline),
  };
}

export function statusFromAsb(asb: AsbStatus): PrinterStatus {
  return statusFromParts({ asb });
}

/** Polls in a row without an answer before the printer counts as not answering (offline). */
export const MISSES_BEFORE_OFFLINE = 2;

/** A printer that reports nothing about itself, taken at its word while the link is up. */
export const ASSUMED_READY: PrinterStatus = {
  state: "ready",
  paper: "ok",
  coverOpen: false,
  online: true,
};

/** Whether a printer in this state takes a job now (low paper still prints). */
export function canPrintIn(state: PrinterState): boolean {
  return state === "ready" || state === "paper_near_end";
}

/** Why a job waits, in words for the operator, by what the driver knows. */
export type HoldCause = PrinterState | "disconnected" | "not_answering";

const HOLD_REASONS: Readonly<Record<HoldCause, string>> = {
  ready: "waiting for the printer",
  paper_near_end: "waiting for the printer",
  paper_out: "waiting for paper: load a new roll",
  cover_open: "waiting for the printer cover to be closed",
  offline: "waiting for the printer to go back online",
  error: "waiting for the printer to recover from an error (e.g. the cutter)",
  disconnected: "waiting for the printer to be connected again",
  not_answering: "waiting for the printer to answer status requests",
};

export function holdReason(cause: HoldCause): string {
  return HOLD_REASONS[cause];
}
