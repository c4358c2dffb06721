export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** ± this fraction of the delay, so a fleet does not reconnect in lockstep after an outage. */
  jitter: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };

/** The delay before reconnect attempt `failures` (0-based): exponential, capped, with jitter. */
export function reconnectDelay(failures: number, backoff: Backoff, random = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures, 30));
  return Math.round(base * (1 + backoff.jitter * (2 * random() - 1)));
}
