/**
 * One door open, as a conversation with the board, and the status check that
 * settles a job whose outcome is unknown. The rules (DESIGN.md, issue 4):
 *
 * - Retry only when the board said "failed" (a definite answer), or when a
 *   lost reply was followed by a status query that says the door is closed.
 *   The retries are bounded; when they all fail the lock is jammed.
 * - When the reply is lost, ask the lock's status before anything else: open
 *   means the open happened (done, never sent again); no answer means nobody
 *   can know (uncertain, and no retry storm).
 * - When the link went away while the outcome was unknown, a door found
 *   closed after the link came back is uncertain too: in that gap it may
 *   have opened and been shut by the resident, and an open now could hand a
 *   parcel to whoever is standing there.
 * - Before every retry the lock's status is asked as well, so a door that
 *   did open (a board that says "failed" wrongly, an echo misread) is never
 *   fired twice.
 */
import type { BusOutcome, LockerBus } from "./bus.js";
import { type LockerAnswer, type LockerRequest, openedIn } from "./protocol.js";

export interface DoorOpenSteps {
  readonly bus: LockerBus;
  /** Opens sent after the first when the board says "failed"; default 2. */
  readonly retries: number;
  /** Status queries before a lock's state is called unknown. */
  readonly statusAttempts: number;
  /** Waits for the link to come back after a disconnect; false when it did not in time. */
  reconnected(): Promise<boolean>;
  /** The open command went out (an attempt). */
  told(): void;
  /** Every answer heard on the way, so door states stay current. */
  heard(answer: LockerAnswer): void;
}

export type DoorOpenResult =
  | {
      readonly state: "done";
      readonly result: {
        readonly opened: true;
        /** "reply": the board said opened; "status": a status query found the door open. */
        readonly confirmedBy: "reply" | "status";
        readonly attempts: number;
      };
    }
  | {
      readonly state: "failed";
      readonly reason: "jammed" | "not_opened" | "offline" | "stopped";
      readonly message: string;
    }
  | {
      readonly state: "uncertain";
      /** no_answer: the board is silent; link_lost: the cable went; interrupted: the agent stopped. */
      readonly reason: "no_answer" | "link_lost" | "interrupted";
      readonly message: string;
    };

export type LockState = "open" | "closed" | "unknown";

/** The lock's state, asking up to `statusAttempts` times and waiting once for a lost link. */
export async function lockStatus(
  steps: DoorOpenSteps,
  board: number,
  lock: number,
): Promise<{ state: LockState; waitedForLink: boolean }> {
  const request: LockerRequest = { kind: "lock-status", board, lock };
  let waitedForLink = false;
  let attempts = 0;
  while (attempts < steps.statusAttempts) {
    const outcome = await steps.bus.request(request);
    if (outcome.kind === "answer") {
      steps.heard(outcome.answer);
      return { state: openedIn(outcome.answer, lock) ? "open" : "closed", waitedForLink };
    }
    if (outcome.reason === "stopped") break;
    if (outcome.reason === "disconnected") {
      if (waitedForLink) break;
      waitedForLink = true;
      if (!(await steps.reconnected())) break;
      continue;
    }
    attempts += 1;
  }
  return { state: "unknown", waitedForLink };
}

const linkDropped = (outcome: BusOutcome) =>
  outcome.kind === "no-answer" && outcome.reason === "disconnected";

export async function openDoor(
  steps: DoorOpenSteps,
  board: number,
  lock: number,
): Promise<DoorOpenResult> {
  const door = `board ${board} lock ${lock}`;
  let sent = 0;
  let refused = false;
  while (sent <= steps.retries) {
    const outcome = await steps.bus.request({ kind: "open", board, lock }, () => {
      sent += 1;
      steps.told();
    });
    if (outcome.kind === "not-sent") {
      return outcome.reason === "stopped"
        ? {
            state: "failed",
            reason: "stopped",
            message: `the driver stopped; ${door} was not opened`,
          }
        : {
            state: "failed",
            reason: "offline",
            message: `the locker bus is not connected; ${door} was not opened. Check the RS-485 adapter and cable`,
          };
    }
    if (outcome.kind === "answer") {
      steps.heard(outcome.answer);
      if (openedIn(outcome.answer, lock)) {
        const confirm = await lockStatus(steps, board, lock);
        const confirmedBy = confirm.state === "open" ? "status" : "reply";
        return { state: "done", result: { opened: true, confirmedBy, attempts: sent } };
      }
    }
    refused = outcome.kind === "answer";
    const status = await lockStatus(steps, board, lock);
    if (status.state === "open") {
      return { state: "done", result: { opened: true, confirmedBy: "status", attempts: sent } };
    }
    if (refused) continue;
    if (status.state === "unknown") {
      return {
        state: "uncertain",
        reason: "no_answer",
        message: `the board did not answer the open of ${door} nor a status query; check the door before opening it again`,
      };
    }
    if (status.waitedForLink || linkDropped(outcome)) {
      return {
        state: "uncertain",
        reason: "link_lost",
        message: `the link to the board was lost during the open of ${door}; the door is closed now but may have opened meanwhile`,
      };
    }
  }
  return refused
    ? {
        state: "failed",
        reason: "jammed",
        message: `${door} did not open after ${sent} attempts: the lock is jammed. Free the door and try again`,
      }
    : {
        state: "failed",
        reason: "not_opened",
        message: `${door} stayed closed after ${sent} attempts that got no answer`,
      };
}
