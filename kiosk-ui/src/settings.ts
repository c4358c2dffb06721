/**
 * Kiosk timings. Each can be set for one browser session by a query parameter
 * on the first page (`/?idle=5&warn=3`), which tests and installers use, or
 * for good in localStorage (`linli.idle` = "120"). Values are seconds.
 */
export interface KioskSettings {
  /** Quiet time before the "are you still there?" warning. */
  idleSeconds: number;
  /** How long the warning counts down before everything is reset. */
  warnSeconds: number;
  /** Quiet time, from the last touch, before the attract screen. */
  attractSeconds: number;
  /** How often the agent is checked for being up. */
  heartbeatSeconds: number;
  /** How often the served build is compared with the running one. */
  staleCheckSeconds: number;
  /** How often the offline screen tries again. */
  retrySeconds: number;
}

export const DEFAULT_SETTINGS: KioskSettings = {
  idleSeconds: 90,
  warnSeconds: 20,
  attractSeconds: 180,
  heartbeatSeconds: 15,
  staleCheckSeconds: 300,
  retrySeconds: 5,
};

const PARAMS: Record<keyof KioskSettings, string> = {
  idleSeconds: "idle",
  warnSeconds: "warn",
  attractSeconds: "attract",
  heartbeatSeconds: "heartbeat",
  staleCheckSeconds: "staleCheck",
  retrySeconds: "retry",
};

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function seconds(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 && value <= 86_400 ? value : undefined;
}

/**
 * Query parameters win and are kept in session storage, so a reload (after an
 * upgrade, say) keeps them; then localStorage; then the defaults.
 */
export function readSettings(
  search: string,
  session?: KeyValueStore,
  local?: KeyValueStore,
): KioskSettings {
  const query = new URLSearchParams(search);
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(PARAMS) as (keyof KioskSettings)[]) {
    const name = PARAMS[key];
    const fromQuery = seconds(query.get(name));
    if (fromQuery !== undefined) session?.setItem(`linli.${name}`, String(fromQuery));
    settings[key] =
      fromQuery ??
      seconds(session?.getItem(`linli.${name}`)) ??
      seconds(local?.getItem(`linli.${name}`)) ??
      DEFAULT_SETTINGS[key];
  }
  return settings;
}

/** Storage can be missing or throw in locked-down browsers; settings then use defaults. */
export function safeStorage(get: () => Storage): KeyValueStore | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
