import type { DeviceSummaryDto } from "@linli/protocols/api";

/**
 * Reading the family specifics out of a device's `health.detail` (typed as a
 * record on the wire): what a printer says of its paper and cover, a lock
 * board of its doors, a vending unit of its slots. Anything missing or of the
 * wrong type reads as unknown, never as a crash.
 */

type Detail = Record<string, unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((item): item is number => typeof item === "number") : [];

const record = (value: unknown): Detail =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Detail) : {};

const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

export type PaperState = "ok" | "near_end" | "out" | "unknown";

export interface PrinterDetail {
  paper: PaperState;
  coverOpen: boolean | undefined;
}

export function printerDetail(detail: Detail): PrinterDetail {
  const paper = text(detail.paper);
  return {
    paper: paper === "ok" || paper === "near_end" || paper === "out" ? paper : "unknown",
    coverOpen: detail.cover === "open" ? true : detail.cover === "closed" ? false : undefined,
  };
}

export type DoorState = "closed" | "open" | "left_open" | "jammed" | "unknown";

export interface Door {
  key: string;
  board: number;
  lock: number;
  state: DoorState;
}

export interface LockerDetail {
  boards: number;
  doors: Door[];
  openDoors: string[];
  leftOpen: string[];
  jammed: string[];
}

/** Every door of the bank, board by board, with the worst thing known of it. */
export function lockerDetail(detail: Detail): LockerDetail {
  const boards = count(detail.boards) ?? 1;
  const perBoard = count(detail.locksPerBoard) ?? 0;
  const known = record(detail.doors);
  const leftOpen = strings(detail.leftOpen);
  const jammed = strings(detail.jammed);
  const doors: Door[] = [];
  for (let board = 1; board <= boards; board += 1) {
    for (let lock = 1; lock <= perBoard; lock += 1) {
      const key = `${board}-${lock}`;
      const seen = known[key];
      const state: DoorState = jammed.includes(key)
        ? "jammed"
        : leftOpen.includes(key)
          ? "left_open"
          : seen === "open"
            ? "open"
            : seen === "closed"
              ? "closed"
              : "unknown";
      doors.push({ key, board, lock, state });
    }
  }
  return { boards, doors, openDoors: strings(detail.openDoors), leftOpen, jammed };
}

export interface Slot {
  slot: number;
  stock: number | undefined;
  capacity: number | undefined;
  jammed: boolean;
  paused: boolean;
}

export interface VendingDetail {
  slots: Slot[];
  jammedSlots: number[];
  empty: number[];
  low: number[];
}

/** A slot at or below this share of its capacity is running low. */
const LOW_STOCK_SHARE = 0.2;

export function vendingDetail(detail: Detail): VendingDetail {
  const jammedSlots = numbers(detail.jammedSlots);
  const slots: Slot[] = [];
  for (const raw of Array.isArray(detail.slots) ? detail.slots : []) {
    const item = record(raw);
    const slot = count(item.slot);
    if (slot === undefined) continue;
    slots.push({
      slot,
      stock: count(item.stock),
      capacity: count(item.capacity),
      jammed: item.jammed === true || jammedSlots.includes(slot),
      paused: item.paused === true,
    });
  }
  const empty = slots.filter((slot) => slot.stock === 0).map((slot) => slot.slot);
  const low = slots
    .filter(
      (slot) =>
        slot.stock !== undefined &&
        slot.stock > 0 &&
        slot.capacity !== undefined &&
        slot.stock <= slot.capacity * LOW_STOCK_SHARE,
    )
    .map((slot) => slot.slot);
  return { slots, jammedSlots, empty, low };
}

export interface CounterDetail {
  count: number | undefined;
  lastAt: string | undefined;
}

/** A scanner's scans or a rating box's presses, and when the last one was. */
export function counterDetail(device: DeviceSummaryDto): CounterDetail {
  const detail = device.health.detail;
  return device.family === "scanner"
    ? { count: count(detail.scans), lastAt: text(detail.lastScanAt) }
    : { count: count(detail.presses), lastAt: text(detail.lastPressAt) };
}

/** A door's name for people: "3" on a one-board bank, "2-3" (board 2) on more. */
export function doorName(key: string, boards: number): string {
  return boards > 1 ? key : (key.split("-")[1] ?? key);
}
