/**
 * Days in the kiosk's time zone and working-day deadlines. A day is
 * "YYYY-MM-DD"; Saturdays and Sundays are rest days unless listed as make-up
 * working days (调休), and listed public holidays are rest days too.
 */

export interface WorkingCalendar {
  /** Public holidays (YYYY-MM-DD) that fall on weekdays: not working days. */
  holidays?: readonly string[];
  /** Weekend days that are working days (调休 make-up days). */
  workdays?: readonly string[];
}

const DAY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of `instant` in `timeZone`. */
function wallClock(instant: Date, timeZone: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return fields;
}

/** The day `instant` falls on in `timeZone`. */
export function dayOf(instant: Date, timeZone: string): string {
  const { year = 0, month = 0, day = 0 } = wallClock(instant, timeZone);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (match === null) return false;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utc.toISOString().slice(0, 10) === text;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

export function isWorkingDay(day: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.workdays?.includes(day)) return true;
  if (calendar.holidays?.includes(day)) return false;
  const weekday = new Date(utcMidnight(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The first instant of `day` in `timeZone`. */
export function startOfDay(day: string, timeZone: string): Date {
  const guess = utcMidnight(day);
  // The zone's offset at the guess, then again at the corrected instant (a DST edge moves it).
  let instant = guess - offsetAt(new Date(guess), timeZone);
  instant = guess - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** The last millisecond of `day` in `timeZone`. */
export function endOfDay(day: string, timeZone: string): Date {
  return new Date(startOfDay(addDays(day, 1), timeZone).getTime() - 1);
}

/**
 * The deadline of something that happened at `at`: the end of the
 * `workingDays`-th working day after that day (0: the end of the same day).
 * A rating on Friday with 5 working days is due at the end of the next Friday.
 */
export function workingDeadline(
  at: Date,
  workingDays: number,
  timeZone: string,
  calendar: WorkingCalendar = {},
): Date {
  let day = dayOf(at, timeZone);
  for (let counted = 0; counted < workingDays; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted += 1;
  }
  return endOfDay(day, timeZone);
}

function offsetAt(instant: Date, timeZone: string): number {
  const {
    year = 0,
    month = 1,
    day = 1,
    hour = 0,
    minute = 0,
    second = 0,
  } = wallClock(instant, timeZone);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function utcMidnight(day: string): number {
  const match = DAY.exec(day);
  if (match === null) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
