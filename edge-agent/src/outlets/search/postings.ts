/**
 * Posting lists: for each small integer key, the ascending item numbers that
 * carry it, all in one Int32Array (compressed sparse rows), so 100,000
 * outlets' worth of lists is two allocations rather than thousands.
 */
export class Postings {
  readonly #offsets: Int32Array;
  readonly #items: Int32Array;

  /** `keyOf(item)` for items 0 … count-1 gives a key in [0, keys), or -1 for none. */
  constructor(keys: number, count: number, keyOf: (item: number) => number) {
    const offsets = new Int32Array(keys + 1);
    for (let item = 0; item < count; item++) {
      const key = keyOf(item);
      if (key >= 0) offsets[key + 1] = (offsets[key + 1] as number) + 1;
    }
    for (let key = 0; key < keys; key++) {
      offsets[key + 1] = (offsets[key + 1] as number) + (offsets[key] as number);
    }
    const items = new Int32Array(offsets[keys] as number);
    const fill = offsets.slice(0, keys);
    for (let item = 0; item < count; item++) {
      const key = keyOf(item);
      if (key < 0) continue;
      items[fill[key] as number] = item;
      fill[key] = (fill[key] as number) + 1;
    }
    this.#offsets = offsets;
    this.#items = items;
  }

  size(key: number): number {
    if (key < 0 || key + 1 >= this.#offsets.length) return 0;
    return (this.#offsets[key + 1] as number) - (this.#offsets[key] as number);
  }

  /** The items with `key`, ascending (a view, not a copy). */
  list(key: number): Int32Array {
    if (key < 0 || key + 1 >= this.#offsets.length) return this.#items.subarray(0, 0);
    return this.#items.subarray(this.#offsets[key], this.#offsets[key + 1]);
  }
}
