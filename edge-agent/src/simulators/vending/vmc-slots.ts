/**
 * The cabinet behind a simulated VMC: numbered selections (1 … count) with
 * a price in fen, stock, capacity and the faults an operator can set. No
 * wire format here; the simulator turns verdicts into status codes.
 */

export interface VmcSlotState {
  readonly selection: number;
  readonly priceFen: number;
  readonly stock: number;
  readonly capacity: number;
  /** The next vend from this slot ends jammed (until cleared). */
  readonly jammed: boolean;
  readonly paused: boolean;
}

export interface VmcSlotsOptions {
  /** Number of selections, numbered from 1. Default 60 (a 6 × 10 spiral cabinet). */
  slots?: number;
  /** Price of every selection at start, in fen. Default 300 (3 yuan). */
  priceFen?: number;
  /** Stock of every selection at start. Default 5. */
  stock?: number;
  /** Capacity of every selection. Default 10. */
  capacity?: number;
}

/** What a VMC answers to "can this selection sell?" (VMC_SELECTION_STATUS 1–4). */
export type VmcSelectionVerdict = "normal" | "out-of-stock" | "no-such-selection" | "paused";

export const VMC_SELECTION_STATUS_CODE: Readonly<Record<VmcSelectionVerdict, number>> = {
  normal: 1,
  "out-of-stock": 2,
  "no-such-selection": 3,
  paused: 4,
};

type MutableSlot = { -readonly [K in keyof VmcSlotState]: VmcSlotState[K] };

export class VmcSlots {
  readonly #slots: MutableSlot[];
  #machinePaused = false;

  constructor(options: VmcSlotsOptions = {}) {
    const count = options.slots ?? 60;
    if (!Number.isInteger(count) || count < 1 || count > 0xffff) {
      throw new RangeError(`A VMC has 1 to 65535 selections, not ${count}`);
    }
    const capacity = options.capacity ?? 10;
    this.#slots = Array.from({ length: count }, (_, index) => ({
      selection: index + 1,
      priceFen: options.priceFen ?? 300,
      stock: Math.min(options.stock ?? 5, capacity),
      capacity,
      jammed: false,
      paused: false,
    }));
  }

  get count(): number {
    return this.#slots.length;
  }

  get machinePaused(): boolean {
    return this.#machinePaused;
  }

  find(selection: number): VmcSlotState | undefined {
    return this.#slots[selection - 1];
  }

  list(): VmcSlotState[] {
    return this.#slots.map((slot) => ({ ...slot }));
  }

  /** Whether a vend from this selection may start; `ignoreStock` for host-managed stock (0x06). */
  verdict(selection: number, ignoreStock = false): VmcSelectionVerdict {
    const slot = this.find(selection);
    if (slot === undefined) return "no-such-selection";
    if (this.#machinePaused || slot.paused) return "paused";
    if (!ignoreStock && slot.stock <= 0) return "out-of-stock";
    return "normal";
  }

  setStock(selection: number, stock: number): void {
    const slot = this.#require(selection);
    if (!Number.isInteger(stock) || stock < 0 || stock > 0xff) {
      throw new RangeError(`Stock is 0 to 255, not ${stock}`);
    }
    slot.stock = stock;
  }

  /** Selection 0 sets every price, as the protocol's setPrice does. */
  setPrice(selection: number, priceFen: number): void {
    if (!Number.isInteger(priceFen) || priceFen < 0) {
      throw new RangeError(`A price is a whole number of fen, not ${priceFen}`);
    }
    for (const slot of selection === 0 ? this.#slots : [this.#require(selection)]) {
      slot.priceFen = priceFen;
    }
  }

  setJammed(selection: number, jammed: boolean): void {
    this.#require(selection).jammed = jammed;
  }

  /** Without a selection, pauses (or resumes) the whole machine. */
  setPaused(paused: boolean, selection?: number): void {
    if (selection === undefined) this.#machinePaused = paused;
    else this.#require(selection).paused = paused;
  }

  /** Ends a vend: a jammed slot keeps its stock; a good vend takes one item. */
  finishVend(selection: number): "success" | "jammed" {
    const slot = this.#require(selection);
    if (slot.jammed) return "jammed";
    slot.stock = Math.max(0, slot.stock - 1);
    return "success";
  }

  #require(selection: number): MutableSlot {
    const slot = this.#slots[selection - 1];
    if (slot === undefined) {
      throw new RangeError(`This VMC has selections 1 to ${this.#slots.length}, not ${selection}`);
    }
    return slot;
  }
}
