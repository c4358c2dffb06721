import type { DeviceFamily } from "@linli/device-profiles";
import type { DeviceHealth, DeviceState } from "../devices/device.js";
import type { Random } from "../outlets/data/prng.js";

/**
 * A simulated kiosk's devices as its drivers would report them: the same
 * states and the same `health.detail` shapes as the real printer, lock board
 * and vending drivers, with the faults real centres see now and then — paper
 * running out, a locker door left open, a jammed vending slot, a scanner
 * unplugged — and the residents' comings and goings that cause events.
 * Pure state: `step()` moves time on by one tick; no timers, no I/O.
 */

export interface SimulatedDeviceView {
  id: string;
  family: DeviceFamily;
  health: DeviceHealth;
}

/** Something a device reported that is not a state: what the agent sends as `device.{type}`. */
export interface SimulatedDeviceEvent {
  deviceId: string;
  type: "door_opened" | "door_closed" | "door_left_open" | "rating_press";
  data: Record<string, unknown>;
}

export interface DeviceStep {
  /** Devices whose health changed this tick. */
  changed: string[];
  events: SimulatedDeviceEvent[];
}

/** Chances per tick (a tick is a few seconds): rare faults, frequent residents. */
const CHANCE = {
  paperLow: 0.002,
  paperOut: 0.02,
  paperRefilled: 0.01,
  coverOpened: 0.0005,
  coverClosed: 0.2,
  doorOpened: 0.04,
  doorClosed: 0.6,
  leftOpenAfterTicks: 6,
  leftOpenClosed: 0.02,
  doorJammed: 0.0005,
  doorUnjammed: 0.01,
  slotJammed: 0.001,
  slotCleared: 0.01,
  vend: 0.03,
  restock: 0.004,
  unplugged: 0.0005,
  pluggedBack: 0.1,
  ratingPress: 0.03,
} as const;

const LOCKS = 16;
const SLOTS = 24;
const SLOT_CAPACITY = 8;
const RATING_LABELS = ["非常不满意", "不满意", "一般", "满意", "非常满意"] as const;

interface Door {
  open: boolean;
  /** Ticks the door has been open. */
  openTicks: number;
  leftOpen: boolean;
}

interface Slot {
  slot: number;
  stock: number;
  capacity: number;
  priceFen: number;
  jammed: boolean;
}

type PaperLevel = "ok" | "near_end" | "out";

export class SimulatedDevices {
  readonly #random: Random;
  readonly #now: () => Date;
  readonly #hasVending: boolean;
  #paper: PaperLevel = "ok";
  #coverOpen = false;
  readonly #doors = new Map<string, Door>();
  readonly #jammedDoors = new Set<string>();
  readonly #slots: Slot[] = [];
  #scannerPlugged = true;
  #presses = 0;
  #lastPressAt: string | null = null;
  #errorCounts = new Map<string, number>();
  readonly #healths = new Map<string, SimulatedDeviceView>();

  constructor(random: Random, now: () => Date = () => new Date()) {
    this.#random = random;
    this.#now = now;
    // Not every centre has a vending unit.
    this.#hasVending = random.chance(0.7);
    for (let lock = 1; lock <= LOCKS; lock += 1)
      this.#doors.set(`1-${lock}`, { open: false, openTicks: 0, leftOpen: false });
    for (let slot = 1; slot <= SLOTS; slot += 1) {
      const priceFen = random.pick([300, 350, 450, 500, 600, 800]);
      const stock = random.int(0, SLOT_CAPACITY);
      this.#slots.push({ slot, stock, capacity: SLOT_CAPACITY, priceFen, jammed: false });
    }
    this.#startWithTheFleetsUsualFaults();
    this.#refreshAll();
  }

  /** Every device and its current health (what telemetry and rebirth read). */
  list(): SimulatedDeviceView[] {
    return [...this.#healths.values()];
  }

  /** One tick of the centre's life: residents, wear and the occasional fault. */
  step(): DeviceStep {
    const events: SimulatedDeviceEvent[] = [];
    const touched = new Set<string>();
    this.#stepPrinter(touched);
    this.#stepLockers(touched, events);
    if (this.#hasVending) this.#stepVending(touched);
    this.#stepScanner(touched);
    if (this.#random.chance(CHANCE.ratingPress)) {
      const score = this.#random.pick([5, 5, 5, 4, 4, 3, 2, 1] as const);
      this.#presses += 1;
      this.#lastPressAt = this.#now().toISOString();
      touched.add("rating-1");
      events.push({
        deviceId: "rating-1",
        type: "rating_press",
        data: { score, button: 6 - score, label: RATING_LABELS[score - 1] },
      });
    }
    const changed: string[] = [];
    for (const id of touched) {
      const before = JSON.stringify({ ...this.#healths.get(id)?.health, lastSeen: null });
      this.#refresh(id);
      const after = JSON.stringify({ ...this.#healths.get(id)?.health, lastSeen: null });
      if (before !== after) changed.push(id);
    }
    return { changed, events };
  }

  #startWithTheFleetsUsualFaults(): void {
    const random = this.#random;
    if (random.chance(0.05)) this.#paper = "near_end";
    else if (random.chance(0.03)) this.#paper = "out";
    if (random.chance(0.03)) {
      const door = this.#doors.get(`1-${random.int(1, LOCKS)}`) as Door;
      Object.assign(door, { open: true, openTicks: CHANCE.leftOpenAfterTicks, leftOpen: true });
    }
    if (random.chance(0.01)) this.#jammedDoors.add(`1-${random.int(1, LOCKS)}`);
    if (random.chance(0.03)) (random.pick(this.#slots) as Slot).jammed = true;
    if (random.chance(0.01)) this.#scannerPlugged = false;
  }

  #stepPrinter(touched: Set<string>): void {
    const random = this.#random;
    const before = `${this.#paper}/${this.#coverOpen}`;
    if (this.#paper === "ok" && random.chance(CHANCE.paperLow)) this.#paper = "near_end";
    else if (this.#paper === "near_end" && random.chance(CHANCE.paperOut)) this.#paper = "out";
    else if (this.#paper !== "ok" && random.chance(CHANCE.paperRefilled)) this.#paper = "ok";
    if (!this.#coverOpen && random.chance(CHANCE.coverOpened)) this.#coverOpen = true;
    else if (this.#coverOpen && random.chance(CHANCE.coverClosed)) this.#coverOpen = false;
    if (before !== `${this.#paper}/${this.#coverOpen}`) touched.add("printer-1");
  }

  #stepLockers(touched: Set<string>, events: SimulatedDeviceEvent[]): void {
    const random = this.#random;
    const report = (type: SimulatedDeviceEvent["type"], key: string, extra = {}) => {
      const [board, lock] = key.split("-").map(Number);
      events.push({ deviceId: "lockers-1", type, data: { board, lock, ...extra } });
      touched.add("lockers-1");
    };
    for (const [key, door] of this.#doors) {
      if (!door.open) continue;
      door.openTicks += 1;
      const closes = random.chance(door.leftOpen ? CHANCE.leftOpenClosed : CHANCE.doorClosed);
      if (closes) {
        report("door_closed", key, { openForMs: door.openTicks * 5_000 });
        Object.assign(door, { open: false, openTicks: 0, leftOpen: false });
      } else if (!door.leftOpen && door.openTicks >= CHANCE.leftOpenAfterTicks) {
        door.leftOpen = true;
        report("door_left_open", key, { openForMs: door.openTicks * 5_000 });
      }
    }
    if (random.chance(CHANCE.doorOpened)) {
      const key = `1-${random.int(1, LOCKS)}`;
      const door = this.#doors.get(key) as Door;
      if (!door.open && !this.#jammedDoors.has(key)) {
        door.open = true;
        report("door_opened", key);
      }
    }
    if (random.chance(CHANCE.doorJammed)) {
      this.#jammedDoors.add(`1-${random.int(1, LOCKS)}`);
      this.#countError("lockers-1");
      touched.add("lockers-1");
    }
    for (const key of this.#jammedDoors) {
      if (random.chance(CHANCE.doorUnjammed)) {
        this.#jammedDoors.delete(key);
        touched.add("lockers-1");
      }
    }
  }

  #stepVending(touched: Set<string>): void {
    const random = this.#random;
    if (random.chance(CHANCE.vend)) {
      const slot = random.pick(this.#slots);
      if (slot.stock > 0 && !slot.jammed) {
        if (random.chance(CHANCE.slotJammed * 20)) {
          slot.jammed = true;
          this.#countError("vending-1");
        } else slot.stock -= 1;
        touched.add("vending-1");
      }
    }
    for (const slot of this.#slots) {
      if (slot.jammed && random.chance(CHANCE.slotCleared)) {
        slot.jammed = false;
        touched.add("vending-1");
      }
    }
    if (random.chance(CHANCE.restock)) {
      for (const slot of this.#slots) slot.stock = slot.capacity;
      touched.add("vending-1");
    }
  }

  #stepScanner(touched: Set<string>): void {
    const random = this.#random;
    if (this.#scannerPlugged && random.chance(CHANCE.unplugged)) {
      this.#scannerPlugged = false;
      this.#countError("scanner-1");
      touched.add("scanner-1");
    } else if (!this.#scannerPlugged && random.chance(CHANCE.pluggedBack)) {
      this.#scannerPlugged = true;
      touched.add("scanner-1");
    }
  }

  #countError(deviceId: string): void {
    this.#errorCounts.set(deviceId, (this.#errorCounts.get(deviceId) ?? 0) + 1);
  }

  #refreshAll(): void {
    for (const id of ["printer-1", "lockers-1", "vending-1", "scanner-1", "rating-1"])
      this.#refresh(id);
  }

  #refresh(id: string): void {
    const view = this.#build(id);
    if (view) this.#healths.set(id, view);
  }

  #health(
    id: string,
    state: DeviceState,
    detail: Record<string, unknown>,
    lastError: string | null = null,
  ): DeviceHealth {
    const connected = state !== "offline";
    return {
      state,
      connected,
      lastSeen: connected
        ? this.#now().toISOString()
        : (this.#healths.get(id)?.health.lastSeen ?? null),
      errorCount: this.#errorCounts.get(id) ?? 0,
      lastError,
      detail,
    };
  }

  #build(id: string): SimulatedDeviceView | undefined {
    const now = this.#now().toISOString();
    switch (id) {
      case "printer-1": {
        const state: DeviceState = this.#coverOpen
          ? "cover_open"
          : this.#paper === "out"
            ? "paper_out"
            : this.#paper === "near_end"
              ? "paper_near_end"
              : "ready";
        const detail = {
          paper: this.#paper,
          cover: this.#coverOpen ? "open" : "closed",
          online: true,
          lastStatusAt: now,
        };
        return { id, family: "printer", health: this.#health(id, state, detail) };
      }
      case "lockers-1": {
        const entries = [...this.#doors];
        const jammed = [...this.#jammedDoors].sort((a, b) =>
          a.localeCompare(b, "en", { numeric: true }),
        );
        const anyOpen = entries.some(([, door]) => door.open);
        const state: DeviceState = jammed.length > 0 ? "jammed" : anyOpen ? "door_open" : "ready";
        const detail = {
          protocol: "krcu16",
          boards: 1,
          locksPerBoard: LOCKS,
          doors: Object.fromEntries(
            entries.map(([key, door]) => [key, door.open ? "open" : "closed"]),
          ),
          openDoors: entries.filter(([, door]) => door.open).map(([key]) => key),
          leftOpen: entries.filter(([, door]) => door.leftOpen).map(([key]) => key),
          jammed,
          echo: { mode: "auto", detected: false },
          lastPollAt: now,
        };
        const lastError = jammed.length > 0 ? `door ${jammed[0]} did not open` : null;
        return { id, family: "locker", health: this.#health(id, state, detail, lastError) };
      }
      case "vending-1": {
        if (!this.#hasVending) return undefined;
        const jammedSlots = this.#slots.filter((slot) => slot.jammed).map((slot) => slot.slot);
        const detail = {
          slots: this.#slots.map((slot) => ({ ...slot })),
          jammedSlots,
          vend: null,
          missedPolls: 0,
          answerLatencyMs: { last: 12, max: 40 },
          link: { polls: 0, resends: 0 },
        };
        const state: DeviceState = jammedSlots.length > 0 ? "jammed" : "ready";
        const lastError = jammedSlots.length > 0 ? `slot ${jammedSlots[0]} jammed` : null;
        return { id, family: "vending", health: this.#health(id, state, detail, lastError) };
      }
      case "scanner-1": {
        const state: DeviceState = this.#scannerPlugged ? "ready" : "offline";
        const detail = { mode: "hid-pos", scans: 0, duplicatesDropped: 0, lastScanAt: null };
        const lastError = this.#scannerPlugged ? null : "the scanner was unplugged";
        return { id, family: "scanner", health: this.#health(id, state, detail, lastError) };
      }
      case "rating-1": {
        const detail = { presses: this.#presses, lastPressAt: this.#lastPressAt };
        return { id, family: "rating-box", health: this.#health(id, "ready", detail) };
      }
      default:
        return undefined;
    }
  }
}
