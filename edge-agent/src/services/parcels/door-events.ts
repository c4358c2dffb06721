/**
 * Door reports from the lockers (door_opened, door_closed, door_left_open)
 * kept with the parcel or loan behind the door, and queued upstream as kept
 * events in the same transaction.
 */
import type { SqliteDatabase } from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import type { ServiceOutbox } from "./types.js";

export const DOOR_EVENT_TYPES = ["door_opened", "door_closed", "door_left_open"] as const;
export type DoorEventType = (typeof DOOR_EVENT_TYPES)[number];

export function isDoorEvent(type: string): type is DoorEventType {
  return (DOOR_EVENT_TYPES as readonly string[]).includes(type);
}

export interface DoorEventRecord {
  deviceId: string;
  board: number;
  lock: number;
  type: DoorEventType;
  parcelId: string | null;
  loanId: string | null;
  openForMs: number | null;
  at: string;
}

export function recordDoorEvent(
  db: SqliteDatabase,
  outbox: ServiceOutbox,
  event: DoorEventRecord,
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO locker_door_events (device_id, board, lock, type, parcel_id, loan_id, open_for_ms, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.deviceId,
      event.board,
      event.lock,
      event.type,
      event.parcelId,
      event.loanId,
      event.openForMs,
      event.at,
    );
    outbox.add(`locker.${event.type}`, { ...event }, Priority.kept);
  })();
}

export function doorEventsOf(db: SqliteDatabase, deviceId: string): DoorEventRecord[] {
  const rows = db
    .prepare(
      `SELECT device_id, board, lock, type, parcel_id, loan_id, open_for_ms, at
       FROM locker_door_events WHERE device_id = ? ORDER BY id`,
    )
    .all(deviceId) as {
    device_id: string;
    board: number;
    lock: number;
    type: DoorEventType;
    parcel_id: string | null;
    loan_id: string | null;
    open_for_ms: number | null;
    at: string;
  }[];
  return rows.map((row) => ({
    deviceId: row.device_id,
    board: row.board,
    lock: row.lock,
    type: row.type,
    parcelId: row.parcel_id,
    loanId: row.loan_id,
    openForMs: row.open_for_ms,
    at: row.at,
  }));
}
