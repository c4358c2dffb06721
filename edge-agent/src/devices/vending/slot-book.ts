/** What the agent knows of one slot; a field is absent until the machine has said. */
export interface SlotInfo {
  slot: number;
  stock?: number;
  capacity?: number;
  priceFen?: number;
  paused?: boolean;
  /** The last vend from this slot jammed; cleared by a good vend or by the operator. */
  jammed?: boolean;
}

type SlotChange = Partial<Omit<SlotInfo, "slot">>;

/** The slots as far as a vending driver has learned them, for health and pre-checks. */
export class SlotBook {
  readonly #slots = new Map<number, SlotInfo>();

  get(slot: number): Readonly<SlotInfo> | undefined {
    return this.#slots.get(slot);
  }

  /** Returns whether anything changed. */
  update(slot: number, change: SlotChange): boolean {
    const before = this.#slots.get(slot) ?? { slot };
    const after: SlotInfo = { ...before };
    for (const [key, value] of Object.entries(change) as [keyof SlotChange, unknown][]) {
      if (value === undefined) continue;
      (after as unknown as Record<string, unknown>)[key] = value;
    }
    if (JSON.stringify(after) === JSON.stringify(before) && this.#slots.has(slot)) return false;
    this.#slots.set(slot, after);
    return true;
  }

  /** A good vend: one item fewer (when the stock is known), and no longer jammed. */
  dispensed(slot: number): void {
    const stock = this.#slots.get(slot)?.stock;
    this.update(slot, {
      jammed: false,
      ...(stock === undefined ? {} : { stock: Math.max(0, stock - 1) }),
    });
  }

  /** Replaces everything known, e.g. from a unit's retained state. */
  replace(slots: readonly SlotInfo[]): void {
    this.#slots.clear();
    for (const slot of slots) this.#slots.set(slot.slot, { ...slot });
  }

  jammedSlots(): number[] {
    return this.list()
      .filter((slot) => slot.jammed)
      .map((slot) => slot.slot);
  }

  list(): SlotInfo[] {
    return [...this.#slots.values()].sort((a, b) => a.slot - b.slot).map((slot) => ({ ...slot }));
  }
}
