import { LinliError } from "@linli/protocols";
import {
  RATING_LEVELS,
  type RatingReport,
  type RatingReportQuery,
  type RatingSubject,
} from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";
import { addDays, dayOf, daysBetween, isDay } from "./calendar.js";

/** The longest range a report covers, in days. */
export const REPORT_MAX_DAYS = 366;
/** Without `from`, a report covers this many days up to `to`. */
export const REPORT_DEFAULT_DAYS = 30;

interface GroupRow {
  day: string;
  subject_key: string;
  subject_kind: RatingSubject["kind"];
  subject_id: string | null;
  subject_name: string | null;
  score: number;
  misuse: 0 | 1;
  n: number;
}

type Tally = Pick<RatingReport, "total" | "misuse" | "counted" | "satisfied" | "satisfactionRate">;

const emptyTally = (): Tally => ({
  total: 0,
  misuse: 0,
  counted: 0,
  satisfied: 0,
  satisfactionRate: null,
});

function addTo(tally: Tally, row: GroupRow): void {
  tally.total += row.n;
  if (row.misuse === 1) {
    tally.misuse += row.n;
    return;
  }
  tally.counted += row.n;
  if (row.score >= 3) tally.satisfied += row.n;
}

function withRate<T extends Tally>(tally: T): T {
  tally.satisfactionRate =
    tally.counted === 0 ? null : Math.round((tally.satisfied / tally.counted) * 10_000) / 10_000;
  return tally;
}

/** The days a report covers: `to` defaults to today, `from` to 30 days before it. */
export function reportRange(
  query: Pick<RatingReportQuery, "from" | "to">,
  now: Date,
  timeZone: string,
): { from: string; to: string } {
  for (const day of [query.from, query.to]) {
    if (day !== undefined && !isDay(day)) {
      throw new LinliError(
        "LINLI_ERR_RATING_BAD_RANGE",
        `${day} is not a day; give days as YYYY-MM-DD, e.g. 2024-06-07`,
        { status: 400 },
      );
    }
  }
  const to = query.to ?? dayOf(now, timeZone);
  const from = query.from ?? addDays(to, -(REPORT_DEFAULT_DAYS - 1));
  const span = daysBetween(from, to) + 1;
  if (span < 1 || span > REPORT_MAX_DAYS) {
    throw new LinliError(
      "LINLI_ERR_RATING_BAD_RANGE",
      `from ${from} to ${to} is not a range of 1 to ${REPORT_MAX_DAYS} days; put from on or before to`,
      { status: 400 },
    );
  }
  return { from, to };
}

/**
 * Satisfaction over a range of days: the share of counted ratings (misuse left
 * out) of 3 or more, with counts by level, by day (every day of the range) and
 * by subject.
 */
export function satisfactionReport(
  db: SqliteDatabase,
  range: { from: string; to: string },
  subjectKey: string | undefined,
  settings: { target: number; timeZone: string; followUps: RatingReport["followUps"] },
): RatingReport {
  const rows = db
    .prepare(
      `SELECT day, subject_key, MAX(subject_kind) AS subject_kind, MAX(subject_id) AS subject_id,
              MAX(subject_name) AS subject_name, score, misuse, COUNT(*) AS n
       FROM ratings WHERE day BETWEEN ? AND ?${subjectKey === undefined ? "" : " AND subject_key = ?"}
       GROUP BY day, subject_key, score, misuse`,
    )
    .all(
      ...[range.from, range.to, ...(subjectKey === undefined ? [] : [subjectKey])],
    ) as GroupRow[];

  const overall = emptyTally();
  const scores = new Map<number, number>();
  const days = new Map<string, Tally & { day: string }>();
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    days.set(day, { day, ...emptyTally() });
  }
  const subjects = new Map<string, Tally & { key: string; subject: RatingSubject }>();
  for (const row of rows) {
    addTo(overall, row);
    if (row.misuse === 0) scores.set(row.score, (scores.get(row.score) ?? 0) + row.n);
    const day = days.get(row.day);
    if (day !== undefined) addTo(day, row);
    let subject = subjects.get(row.subject_key);
    if (subject === undefined) {
      subject = {
        key: row.subject_key,
        subject: { kind: row.subject_kind, id: row.subject_id, name: row.subject_name },
        ...emptyTally(),
      };
      subjects.set(row.subject_key, subject);
    }
    addTo(subject, row);
  }
  withRate(overall);
  return {
    from: range.from,
    to: range.to,
    timeZone: settings.timeZone,
    target: settings.target,
    meetsTarget:
      overall.satisfactionRate === null
        ? null
        : overall.satisfied / overall.counted >= settings.target,
    ...overall,
    byScore: RATING_LEVELS.map((level) => ({
      score: level.score,
      level: level.zh,
      count: scores.get(level.score) ?? 0,
    })),
    byDay: [...days.values()].map(withRate),
    bySubject: [...subjects.values()]
      .map(withRate)
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    followUps: settings.followUps,
  };
}
