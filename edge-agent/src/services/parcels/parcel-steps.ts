/**
 * The parcel service's steps that need no state of their own: reading the
 * code of a pickup request, finding a free door, settling a parcel once its
 * door job ends, and reporting overdue parcels.
 */
import type { DoorSize } from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import type { ParcelPickupRequest } from "@linli/protocols/api";
import type { Job } from "../../devices/jobs/job-store.js";
import { Priority } from "../../uplink/outbox.js";
import { codeInQr } from "./codes.js";
import type { DoorServiceContext } from "./context.js";
import {
  allDoors,
  type DoorPlace,
  doorKeyOf,
  type Locker,
  lockers,
  requireLocker,
  SIZE_ORDER,
  sizeOf,
  usableNow,
} from "./doors.js";
import type { ParcelRows } from "./parcel-rows.js";

/** The six digits typed, or read from the scanned QR text; one of the two. */
export function pickupCodeOf(input: ParcelPickupRequest): string {
  if (input.code !== undefined && input.qr === undefined) return input.code;
  if (input.qr !== undefined && input.code === undefined) {
    const code = codeInQr(input.qr);
    if (code !== undefined) return code;
    throw new LinliError("LINLI_ERR_PARCEL_NOT_A_PICKUP_QR", "这不是取件码的二维码，请换一个再扫", {
      status: 400,
    });
  }
  throw new LinliError(
    "LINLI_ERR_PARCEL_BAD_REQUEST",
    "give either code (the 6-digit pickup code) or qr (the scanned text), not both",
    { status: 400 },
  );
}

export interface FreeDoorWanted {
  readonly size: DoorSize;
  readonly deviceId: string | undefined;
  /** Doors a parcel holds ("<device>/<board>-<lock>"). */
  readonly held: ReadonlySet<string>;
  readonly isCabinetDoor: (door: DoorPlace) => boolean;
}

export interface FreeDoor extends DoorPlace {
  readonly locker: Locker;
  readonly size: DoorSize;
}

/** A usable parcel door no parcel holds, of the size or else the next larger one. */
export function freeParcelDoor(ctx: DoorServiceContext, wanted: FreeDoorWanted): FreeDoor {
  const { size, deviceId, held } = wanted;
  const candidates =
    deviceId === undefined ? lockers(ctx.devices) : [requireLocker(ctx.devices, deviceId)];
  const free = candidates.flatMap((locker) => {
    const usable = usableNow(locker);
    return allDoors(locker)
      .filter((door) => !wanted.isCabinetDoor(door))
      .filter((door) => !held.has(doorKeyOf(door)) && usable(door.board, door.lock))
      .map((door) => ({
        ...door,
        locker,
        size: sizeOf(locker, door.board, door.lock, ctx.defaultSize),
      }));
  });
  for (const fits of SIZE_ORDER.slice(SIZE_ORDER.indexOf(size))) {
    const door = free.find((one) => one.size === fits);
    if (door) return door;
  }
  throw new LinliError(
    "LINLI_ERR_PARCEL_NO_FREE_DOOR",
    `no free ${size} door (or larger) on ${deviceId ?? "any locker"}; free a door or choose another size`,
    { status: 409, details: { size } },
  );
}

/**
 * Moves the parcel whose door job this is on, with its outbox event, in one
 * transaction: a deposit door that opened makes it `waiting` (one that did
 * not, `cancelled`); a pickup door that opened makes it `picked_up` (one that
 * did not, `waiting` again). An uncertain door makes it `uncertain`, for a
 * person to look. False when no parcel has this job; safe to call again.
 */
export function settleParcelJob(ctx: DoorServiceContext, rows: ParcelRows, job: Job): boolean {
  const row = rows.byJob(job.id);
  if (!row) return false;
  if (job.state !== "done" && job.state !== "failed" && job.state !== "uncertain") return true;
  const at = ctx.now().toISOString();
  const event = {
    parcelId: row.id,
    deviceId: row.device_id,
    board: row.board,
    lock: row.lock,
    jobId: job.id,
    at,
  };
  ctx.db.transaction(() => {
    if (job.id === row.deposit_job_id && row.state === "depositing") {
      const next =
        job.state === "done" ? "waiting" : job.state === "failed" ? "cancelled" : "uncertain";
      if (!rows.move(row.id, "depositing", next) || next === "waiting") return;
      const type = next === "cancelled" ? "deposit_failed" : "deposit_uncertain";
      ctx.outbox.add(`parcel.${type}`, { ...event, error: job.error }, Priority.kept);
    } else if (job.id === row.pickup_job_id && row.state === "opening") {
      const next =
        job.state === "done" ? "picked_up" : job.state === "failed" ? "waiting" : "uncertain";
      if (!rows.move(row.id, "opening", next, next === "picked_up" ? { picked_up_at: at } : {})) {
        return;
      }
      const type = {
        picked_up: "picked_up",
        waiting: "pickup_failed",
        uncertain: "pickup_uncertain",
      }[next];
      ctx.outbox.add(`parcel.${type}`, event, Priority.kept);
    }
  })();
  return true;
}

/** Reports parcels newly past their deadline upstream, once each; returns how many. */
export function reportOverdueParcels(ctx: DoorServiceContext, rows: ParcelRows): number {
  const now = ctx.now();
  const at = now.toISOString();
  let reported = 0;
  for (const row of rows.overdue(now).filter((one) => !one.overdue_reported_at)) {
    ctx.db.transaction(() => {
      if (!rows.move(row.id, "waiting", "waiting", { overdue_reported_at: at })) return;
      const { id: parcelId, device_id: deviceId, board, lock, carrier, deadline_at } = row;
      ctx.outbox.add(
        "parcel.overdue",
        { parcelId, deviceId, board, lock, carrier, deadlineAt: deadline_at, at },
        Priority.kept,
      );
      reported += 1;
    })();
  }
  return reported;
}
