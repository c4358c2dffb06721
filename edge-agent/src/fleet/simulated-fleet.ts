import type { Logger } from "../log.js";
import { FLEET_MAX, fleetRoster, type RosterEntry } from "./roster.js";
import { type PublishCounts, SimulatedKiosk, type SimulatedKioskState } from "./simulated-kiosk.js";

export interface SimulatedFleetOptions {
  /** How many kiosks, 0 to FLEET_MAX. */
  size: number;
  log: Logger;
  /** Seeds each kiosk (seed + its index), so a run can be repeated. */
  seed?: number;
  telemetryIntervalMs?: number;
  tickMs?: number;
  /** Each kiosk's own credentials, at a broker that wants them (test/bench/fleet-load.bench.ts). */
  credentials?: (kiosk: RosterEntry) => { username: string; password: string };
}

export interface SimulatedKioskSummary {
  site: string;
  kiosk: string;
  state: SimulatedKioskState;
  connected: boolean;
}

/**
 * Many simulated kiosks in one process (demo mode's `--fleet N`), each with
 * its own MQTT connection so that each has a real last will. Started once
 * the agent and its broker are up; stopped before the broker stops.
 */
const WAVE_SIZE = 50;
const WAVE_PAUSE_MS = 100;

export class SimulatedFleet {
  readonly #options: SimulatedFleetOptions;
  readonly #kiosks = new Map<string, SimulatedKiosk>();
  #waves: NodeJS.Timeout | undefined;

  constructor(options: SimulatedFleetOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#options.size;
  }

  /**
   * Connects every kiosk to `url`, a wave of them at a time, so that a
   * thousand connections do not all wait on the same broker (in the same
   * process) at once; returns at once.
   */
  start(url: string): void {
    if (this.#kiosks.size > 0) return;
    const { size, seed = 9, telemetryIntervalMs, tickMs, credentials } = this.#options;
    if (!Number.isInteger(size) || size < 0 || size > FLEET_MAX)
      throw new RangeError(`a simulated fleet has 0 to ${FLEET_MAX} kiosks, not ${size}`);
    // A thousand kiosks each saying "uplink connected" would drown the agent's own log.
    const log = this.#options.log.child({ component: "fleet" });
    if (log.levelVal < 40) log.level = "warn";
    const waiting: SimulatedKiosk[] = fleetRoster(size).map(({ site, kiosk }, index) => {
      const simulated = new SimulatedKiosk({
        url,
        site,
        kiosk,
        seed: seed * 100_003 + index,
        log,
        ...credentials?.({ site, kiosk }),
        ...(telemetryIntervalMs === undefined ? {} : { telemetryIntervalMs }),
        ...(tickMs === undefined ? {} : { tickMs }),
      });
      this.#kiosks.set(key(site, kiosk), simulated);
      return simulated;
    });
    const wave = () => {
      for (const simulated of waiting.splice(0, WAVE_SIZE)) simulated.start();
      this.#waves = waiting.length > 0 ? setTimeout(wave, WAVE_PAUSE_MS) : undefined;
    };
    wave();
  }

  /** Every kiosk shuts down cleanly (retained offline status, DISCONNECT). */
  async stop(): Promise<void> {
    clearTimeout(this.#waves);
    this.#waves = undefined;
    await Promise.all([...this.#kiosks.values()].map((kiosk) => kiosk.stop()));
  }

  list(): SimulatedKioskSummary[] {
    return [...this.#kiosks.values()].map((kiosk) => ({
      site: kiosk.site,
      kiosk: kiosk.kiosk,
      state: kiosk.state,
      connected: kiosk.connected,
    }));
  }

  /** What the broker took from all the kiosks so far: the fleet's offered load. */
  published(): PublishCounts {
    const total = { messages: 0, retained: 0 };
    for (const kiosk of this.#kiosks.values()) {
      const { messages, retained } = kiosk.published;
      total.messages += messages;
      total.retained += retained;
    }
    return total;
  }

  find(site: string, kiosk: string): SimulatedKiosk | undefined {
    return this.#kiosks.get(key(site, kiosk));
  }
}

const key = (site: string, kiosk: string) => `${site}/${kiosk}`;
