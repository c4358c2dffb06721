import type { LockerDoor } from "@linli/protocols/api";
import type { DoorState, LockerNews } from "./parcels.js";

/**
 * Following a door that opened for a resident, from the agent's answer and
 * the event stream, until it is shut: opening → open (→ left open) → closed.
 */

export type DoorTask = "pickup" | "borrow" | "return";
export type DoorPhase = "opening" | "open" | "left-open" | "closed";

export interface OpenedDoor {
  readonly task: DoorTask;
  readonly door: LockerDoor;
  readonly jobId: string;
  readonly phase: DoorPhase;
  /** The code had opened this door already: nothing opened this time. */
  readonly repeated: boolean;
  /** The number in the agent's own message, for when the drawing could not be loaded. */
  readonly spokenNumber: string;
  readonly returnCode?: string;
  /** Seen open since it opened: from then on, a listing of it closed is news. */
  readonly seenOpen: boolean;
}

/** What the agent answered a pickup, borrow or return with. */
export interface DoorAnswer {
  readonly door: LockerDoor;
  readonly jobId: string;
  readonly state: "opened" | "opening";
  readonly repeated: boolean;
  readonly message: string;
  readonly returnCode?: string;
}

/**
 * The door as it stands once the agent answered. `known` is the door's last
 * state on the stream: for a repeated code it is the truth (the door may
 * have been shut long ago); for a door that just opened, it counts only if
 * it already says open.
 */
export function openedDoor(
  task: DoorTask,
  answer: DoorAnswer,
  known: DoorState | undefined,
): OpenedDoor {
  const phase: DoorPhase =
    answer.repeated && known && known !== "open"
      ? known
      : answer.state === "opened"
        ? "open"
        : "opening";
  return {
    task,
    door: answer.door,
    jobId: answer.jobId,
    phase,
    repeated: answer.repeated,
    spokenNumber: /(\d+) 号/.exec(answer.message)?.[1] ?? "",
    ...(answer.returnCode ? { returnCode: answer.returnCode } : {}),
    seenOpen: !answer.repeated && (known === "open" || known === "left-open"),
  };
}

export type DoorFailure = "door-failed" | "door-uncertain";

const isOurs = (opened: OpenedDoor, door: Pick<LockerDoor, "deviceId" | "board" | "lock">) =>
  opened.door.deviceId === door.deviceId &&
  opened.door.board === door.board &&
  opened.door.lock === door.lock;

/** The door after one piece of news: the same object when nothing changed, or why it failed. */
export function followDoor(opened: OpenedDoor, news: LockerNews): OpenedDoor | DoorFailure {
  if (news.kind === "job") {
    if (news.jobId !== opened.jobId) return opened;
    if (news.state === "failed") return "door-failed";
    if (news.state === "uncertain") return "door-uncertain";
    return news.state === "done" && opened.phase === "opening"
      ? { ...opened, phase: "open" }
      : opened;
  }
  if (news.kind !== "door" || !isOurs(opened, news) || opened.phase === "closed") return opened;
  if (news.state === "closed") {
    // A listing made before the door opened may still say closed; a report of closing is news.
    return news.from === "event" || opened.seenOpen ? { ...opened, phase: "closed" } : opened;
  }
  const phase = news.state === "left-open" || opened.phase === "left-open" ? "left-open" : "open";
  return phase === opened.phase && opened.seenOpen ? opened : { ...opened, phase, seenOpen: true };
}
