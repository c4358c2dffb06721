import OpeningHours from "opening_hours";

/**
 * Open / closed / unknown from OSM opening_hours at an instant, in the
 * kiosk's time zone. The opening_hours library reads a Date's *local* fields,
 * so the instant is turned into a Date whose local fields are the wall clock
 * in `timeZone`, whatever zone the process runs in, and its answers are
 * turned back the same way. (Exact unless the process's own zone skips that
 * wall-clock hour for daylight saving; kiosks run in Asia/Shanghai.)
 */
export const KIOSK_TIME_ZONE = "Asia/Shanghai";

export type OpenState = "open" | "closed" | "unknown";

export interface OpenStatus {
  state: OpenState;
  /** When a closed outlet next opens: ISO 8601 with the zone's offset, e.g. 2024-06-04T08:00:00+08:00. */
  opensAt: string | null;
  /** When an open outlet next closes; null for 24/7. */
  closesAt: string | null;
}

export const UNKNOWN_HOURS: OpenStatus = Object.freeze({
  state: "unknown",
  opensAt: null,
  closesAt: null,
});

/** How far ahead to look for the next change (a week and a day covers "Tu-Su"). */
const HORIZON_MS = 8 * 24 * 3600_000;

// For China's public holidays in "PH off" rules.
const NOMINATIM = { lat: 31.23, lon: 121.47, address: { country_code: "cn", state: "" } };

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** Wall-clock conversions for one IANA time zone. */
export class WallClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.#format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "longOffset",
    });
  }

  /** The wall clock at `instant`, as a Date whose local fields show it. */
  toLocal(instant: number): Date {
    const parts = this.#parts(instant);
    return new Date(
      parts.year,
      parts.month - 1,
      parts.day,
      parts.hour,
      parts.minute,
      parts.second,
      ((instant % 1000) + 1000) % 1000,
    );
  }

  /** A wall-clock Date (local fields) back to ISO 8601 with the zone's offset. */
  toIso(local: Date): string {
    const asUtc = Date.UTC(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
    );
    let offset = this.#parts(asUtc).offsetMinutes;
    offset = this.#parts(asUtc - offset * 60_000).offsetMinutes;
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    return (
      `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}` +
      `T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  }

  #parts(instant: number) {
    const fields: Record<string, string> = {};
    for (const part of this.#format.formatToParts(instant)) fields[part.type] = part.value;
    const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(fields.timeZoneName ?? "");
    const offsetMinutes = offset
      ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
      : 0;
    return {
      year: Number(fields.year),
      month: Number(fields.month),
      day: Number(fields.day),
      hour: Number(fields.hour),
      minute: Number(fields.minute),
      second: Number(fields.second),
      offsetMinutes,
    };
  }
}

interface CachedStatus {
  from: number;
  until: number;
  status: OpenStatus;
}

/**
 * Evaluates opening hours, parsing each distinct hours text once and reusing
 * an answer until the next change it predicted: outlets share few distinct
 * texts, so a city's worth of "open now" checks costs a handful of evaluations.
 */
export class HoursEvaluator {
  readonly clock: WallClock;
  readonly #parsed = new Map<string, OpeningHours | null>();
  readonly #answers = new Map<string, CachedStatus>();
  #lastInstant = Number.NaN;
  #lastLocal = new Date(0);

  constructor(timeZone: string = KIOSK_TIME_ZONE) {
    this.clock = new WallClock(timeZone);
  }

  /** Whether the library understands `hours`. */
  isValid(hours: string): boolean {
    return this.#parse(hours) !== null;
  }

  status(hours: string | null, now: Date): OpenStatus {
    if (hours === null) return UNKNOWN_HOURS;
    const instant = now.getTime();
    const cached = this.#answers.get(hours);
    if (cached && instant >= cached.from && instant < cached.until) return cached.status;
    const parsed = this.#parse(hours);
    if (parsed === null) return UNKNOWN_HOURS;
    const local = this.#local(instant);
    let answer: CachedStatus;
    try {
      answer = this.#evaluate(parsed, instant, local);
    } catch {
      return UNKNOWN_HOURS;
    }
    this.#answers.set(hours, answer);
    return answer.status;
  }

  #evaluate(parsed: OpeningHours, instant: number, local: Date): CachedStatus {
    const next = parsed.getNextChange(local, new Date(local.getTime() + HORIZON_MS));
    const until = next ? instant + (next.getTime() - local.getTime()) : instant + HORIZON_MS;
    const nextIso = next ? this.clock.toIso(next) : null;
    let status: OpenStatus;
    if (parsed.getUnknown(local)) status = UNKNOWN_HOURS;
    else if (parsed.getState(local)) status = { state: "open", opensAt: null, closesAt: nextIso };
    else status = { state: "closed", opensAt: nextIso, closesAt: null };
    return { from: instant, until, status };
  }

  #local(instant: number): Date {
    if (instant !== this.#lastInstant) {
      this.#lastInstant = instant;
      this.#lastLocal = this.clock.toLocal(instant);
    }
    return this.#lastLocal;
  }

  #parse(hours: string): OpeningHours | null {
    let parsed = this.#parsed.get(hours);
    if (parsed === undefined) {
      try {
        // Mode 0: time ranges only, as shop hours are.
        parsed = new OpeningHours(hours, NOMINATIM, 0);
      } catch {
        parsed = null;
      }
      this.#parsed.set(hours, parsed);
    }
    return parsed;
  }
}
