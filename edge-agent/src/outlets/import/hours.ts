import OpeningHours from "opening_hours";
import { memoise } from "./memo.js";

/** Public holidays (PH) need a country; the kiosks are in China. */
const CHINA = { lat: 31.23, lon: 121.47, address: { country_code: "cn", state: "上海市" } };

const WEEKDAYS: Readonly<Record<string, string>> = {
  一: "Mo",
  "1": "Mo",
  二: "Tu",
  "2": "Tu",
  三: "We",
  "3": "We",
  四: "Th",
  "4": "Th",
  五: "Fr",
  "5": "Fr",
  六: "Sa",
  "6": "Sa",
  日: "Su",
  天: "Su",
  "7": "Su",
};

/** Plain Chinese forms → OSM words, tried in order. */
const REWRITES: readonly [RegExp, string | ((match: string, group: string) => string)][] = [
  [/：/g, ":"],
  [/；/g, ";"],
  [/[—–－~～〜]|至|到/g, "-"],
  // A comma before a day starts a new rule: 周一至周五 9:00-18:00，周六 10:00-16:00
  [/[，,、]\s*(?=周|星期|礼拜|工作日|周末|双休日|每天|每日|节假日|法定)/g, ";"],
  [/[，、]/g, ","],
  [/(\d{1,2})点半/g, "$1:30"],
  [/(\d{1,2})[点时]/g, "$1:00"],
  [/(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (_m, day: string) => WEEKDAYS[day] ?? day],
  [/工作日/g, "Mo-Fr"],
  [/周末|双休日/g, "Sa,Su"],
  [/每天|每日|全周|全年/g, "Mo-Su"],
  [/法定节假日|节假日/g, "PH"],
  [/全天候?营业|全天候?|24\s*(?:小时|h|hrs?|hours?)(?:营业)?/gi, "00:00-24:00"],
  [/休息|闭店|店休|不营业|关门|歇业|休业|闭馆/g, " off"],
  [/营业时间|营业/g, ""],
  [/([A-Za-z])(?=\d)/g, "$1 "],
  [/\s+/g, " "],
];

export type HoursOutcome = { hours: string | null } | { reason: string };

/**
 * Opening hours → OSM `opening_hours` syntax, checked by the opening_hours
 * library. Takes OSM syntax as it is, and plain forms: `06:00-20:00` (every
 * day), `6:00—20:00`, `24小时`/`24h`/`全天` (24/7), `周一至周五 9:00-18:00`,
 * `周一休息`. Empty means unknown (null).
 */
export function normaliseHours(input: string): HoursOutcome {
  return normalised(input.trim());
}

const normalised = memoise((trimmed: string): HoursOutcome => {
  if (trimmed === "") return { hours: null };
  let text = trimmed;
  for (const [pattern, replacement] of REWRITES) {
    text =
      typeof replacement === "string"
        ? text.replace(pattern, replacement)
        : text.replace(pattern, replacement);
  }
  // A rule that starts at a time holds for every day.
  const rules = text
    .split(";")
    .map((rule) => rule.trim())
    .filter(Boolean)
    .map((rule) => (/^\d{1,2}:\d{2}/.test(rule) ? `Mo-Su ${rule}` : rule));
  const candidate = rules.join("; ");
  try {
    const parsed = new OpeningHours(candidate, CHINA, 0);
    const pretty = parsed.prettifyValue();
    return { hours: pretty === "Mo-Su 00:00-24:00" ? "24/7" : pretty };
  } catch (error) {
    const why = String(error).replace(/\s+/g, " ").slice(0, 120);
    return {
      reason: `cannot read the opening hours "${trimmed}": write them like 06:00-20:00, 24小时, 周一至周五 9:00-18:00 or in OSM opening_hours syntax (${why})`,
    };
  }
});
