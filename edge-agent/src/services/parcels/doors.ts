/**
 * The lockers as the parcel and cabinet services see them: which drivers
 * there are, their doors with sizes, whether a door can be used right now,
 * and waiting (briefly) for a door-open job to settle.
 */
import { type DoorSize, doorSize, type LockerProfile } from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import type { LockerDoor, LockerLayoutDoor } from "@linli/protocols/api";
import type { Job, JobStore } from "../../devices/jobs/job-store.js";
import type { DoorOpenJob } from "../../devices/locker/door-jobs.js";
import { LockerDriver } from "../../devices/locker/locker-driver.js";
import type { Logger } from "../../log.js";
import type { ServiceDevices } from "./types.js";

export interface Locker {
  readonly id: string;
  readonly driver: LockerDriver;
  readonly profile: LockerProfile;
}

export interface DoorPlace {
  readonly deviceId: string;
  readonly board: number;
  readonly lock: number;
}

export const SIZE_ORDER: readonly DoorSize[] = ["S", "M", "L"];
const SETTLED = new Set(["done", "failed", "uncertain"]);

export const doorKeyOf = (door: DoorPlace): string => `${door.deviceId}/${door.board}-${door.lock}`;

export function lockerOf(devices: ServiceDevices, deviceId: string): Locker | undefined {
  const managed = devices.get(deviceId);
  if (managed?.profile.family !== "locker") return undefined;
  if (!(managed.device instanceof LockerDriver)) return undefined;
  return { id: managed.id, driver: managed.device, profile: managed.profile };
}

export function lockers(devices: ServiceDevices): Locker[] {
  return devices
    .list()
    .filter((summary) => summary.family === "locker")
    .flatMap((summary) => lockerOf(devices, summary.id) ?? []);
}

/** The driver of a locker, or a 503 a person can act on. */
export function requireLocker(devices: ServiceDevices, deviceId: string): Locker {
  const locker = lockerOf(devices, deviceId);
  if (locker) return locker;
  throw new LinliError(
    "LINLI_ERR_PARCEL_LOCKER_UNAVAILABLE",
    `柜子 ${deviceId} 暂时无法使用，请联系工作人员`,
    { status: 503, details: { deviceId } },
  );
}

export function sizeOf(locker: Locker, board: number, lock: number, fallback: DoorSize): DoorSize {
  return doorSize(locker.profile, board, lock) ?? fallback;
}

export function doorOf(
  locker: Locker,
  board: number,
  lock: number,
  fallback: DoorSize,
): LockerDoor {
  return { deviceId: locker.id, board, lock, size: sizeOf(locker, board, lock, fallback) };
}

/** Every door of a locker, board by board. */
export function allDoors(locker: Locker): DoorPlace[] {
  const { boards, locksPerBoard } = locker.profile.capabilities;
  const doors: DoorPlace[] = [];
  for (let board = 1; board <= boards; board += 1) {
    for (let lock = 1; lock <= locksPerBoard; lock += 1) {
      doors.push({ deviceId: locker.id, board, lock });
    }
  }
  return doors;
}

/** A locker's doors for the resident's drawing: numbers, sizes and uses, nothing of what is inside. */
export function layoutOf(
  locker: Locker,
  isCabinetDoor: (deviceId: string, board: number, lock: number) => boolean,
  fallback: DoorSize,
): LockerLayoutDoor[] {
  return allDoors(locker).map((door) => ({
    board: door.board,
    lock: door.lock,
    number: doorNumber(locker, door.board, door.lock),
    size: sizeOf(locker, door.board, door.lock, fallback),
    use: isCabinetDoor(locker.id, door.board, door.lock) ? "cabinet" : "parcels",
  }));
}

/**
 * Whether a door can be opened for someone now: the locker answers, and the
 * door is neither jammed nor standing open (someone may be at it).
 */
export function usableNow(locker: Locker): (board: number, lock: number) => boolean {
  const health = locker.driver.health;
  if (health.state === "offline") return () => false;
  const listed = (name: string): Set<string> => {
    const value = health.detail[name];
    return new Set(Array.isArray(value) ? value.filter((key) => typeof key === "string") : []);
  };
  const blocked = new Set([...listed("jammed"), ...listed("openDoors")]);
  return (board, lock) => !blocked.has(`${board}-${lock}`);
}

/** The number a resident reads on the door: counted across boards, from 1. */
export function doorNumber(locker: Locker | undefined, board: number, lock: number): number {
  const perBoard = locker?.profile.capabilities.locksPerBoard ?? 0;
  return (board - 1) * perBoard + lock;
}

/** The job once settled within `ms`; undefined while it is still under way. */
export async function settleWithin(
  driver: LockerDriver,
  jobId: string,
  ms: number,
): Promise<DoorOpenJob | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([driver.whenSettled(jobId), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function isSettled(state: string): boolean {
  return SETTLED.has(state);
}

export function doorFailed(uncertain: boolean): LinliError {
  return uncertain
    ? new LinliError(
        "LINLI_ERR_PARCEL_DOOR_UNCERTAIN",
        "柜门可能已经打开，请查看；如果没有打开，请联系工作人员",
        { status: 502 },
      )
    : new LinliError("LINLI_ERR_PARCEL_DOOR_FAILED", "柜门没有打开，请再试一次或联系工作人员", {
        status: 502,
      });
}

/**
 * Waits up to `waitMs` for a door-open job, hands a settled job to `apply`
 * (which moves the parcel or loan on), and says "opened" or "opening"; a door
 * that failed or may have opened throws what the resident is told.
 */
export async function awaitDoor(
  locker: Locker,
  jobId: string,
  options: { waitMs: number; jobs: JobStore; apply: (job: Job) => void },
): Promise<"opened" | "opening"> {
  const settled = await settleWithin(locker.driver, jobId, options.waitMs);
  if (settled) options.apply(settled);
  const job = settled ?? options.jobs.get(jobId);
  if (!job || !isSettled(job.state)) return "opening";
  if (job.state === "done") return "opened";
  throw doorFailed(job.state === "uncertain");
}

/** Moves the parcel or loan on once its door job settles, whenever that is. */
export function followDoor(
  locker: Locker,
  jobId: string,
  apply: (job: Job) => void,
  log: Logger,
): void {
  locker.driver
    .whenSettled(jobId)
    .then(apply)
    .catch((error: unknown) => log.error({ err: error, jobId }, "settling a door job failed"));
}
