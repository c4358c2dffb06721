/**
 * Benchmarks report figures, and ratios against a baseline measured in the
 * same run, so a shared, noisy machine still gives comparable numbers.
 * `npm run bench` collects the lines this prints and renders one table.
 */
export interface BenchFigure {
  /** What was measured, e.g. "nearest-by-category p99". */
  name: string;
  value: number;
  unit: string;
  /** What the same measurement gives for the baseline, in the same unit. */
  baseline?: { name: string; value: number };
  /** Whether a lower or a higher figure is better (for reading the ratio). */
  better: "lower" | "higher";
  /** The quality bar, where DESIGN.md sets one, e.g. "< 100 MB". */
  target?: string;
}

export const BENCH_LINE_PREFIX = "LINLI_BENCH ";

export function report(figure: BenchFigure): void {
  process.stdout.write(`${BENCH_LINE_PREFIX}${JSON.stringify(figure)}\n`);
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Runs `fn` `iterations` times after `warmup` runs and returns each run's milliseconds. */
export async function sample(
  fn: () => unknown,
  { iterations, warmup = Math.ceil(iterations / 10) }: { iterations: number; warmup?: number },
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
