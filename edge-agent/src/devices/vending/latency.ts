export interface LatencySummary {
  /** Samples in the window the percentiles are taken over (the most recent ones). */
  count: number;
  p50Ms: number;
  p99Ms: number;
  /** The slowest since start, not only in the window. */
  maxMs: number;
}

/**
 * Answer latencies over a sliding window of recent samples. Recording is
 * O(1) and allocation-free, because it runs on the POLL path; sorting
 * happens only when someone asks for the summary.
 */
export class LatencyStats {
  readonly #samples: Float64Array;
  #next = 0;
  #count = 0;
  #max = 0;

  constructor(window = 1024) {
    this.#samples = new Float64Array(window);
  }

  record(ms: number): void {
    this.#samples[this.#next] = ms;
    this.#next = (this.#next + 1) % this.#samples.length;
    if (this.#count < this.#samples.length) this.#count += 1;
    if (ms > this.#max) this.#max = ms;
  }

  summary(): LatencySummary {
    const sorted = this.#samples.slice(0, this.#count).sort();
    const at = (q: number) =>
      round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
    return { count: this.#count, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(this.#max) };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
