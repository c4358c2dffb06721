import type { Lang, Translate } from "./i18n/i18n.js";

/** Dates, times, ages and rates as the console shows them. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(lang, { hour12: false, ...options });
    formatters.set(key, found);
  }
  return found;
}

const valid = (iso: string | null | undefined): Date | undefined => {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** "11/22 14:05:09": for logs and last-seen, where the second matters. */
export function timeText(iso: string | null | undefined, lang: Lang): string {
  const date = valid(iso);
  if (!date) return "—";
  return formatter(lang, {
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(date);
}

/** "11/22 14:05": deadlines and deposit times. */
export function dateTimeText(iso: string | null | undefined, lang: Lang): string {
  const date = valid(iso);
  if (!date) return "—";
  return formatter(lang, {
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** "12 秒前", "3 分钟前" … */
export function agoText(t: Translate, iso: string | null | undefined, now: number): string {
  const date = valid(iso);
  if (!date) return "—";
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (seconds < 60) return t("secondsAgo", { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("minutesAgo", { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("hoursAgo", { n: hours });
  return t("daysAgo", { n: Math.floor(hours / 24) });
}

/** A share as a percentage with one decimal ("96.5"), or "—" when there is none. */
export function percentText(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : (share * 100).toFixed(1);
}

/** A YYYY-MM-DD day moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Fen as yuan with two decimals: 350 → "3.50". */
export function yuanText(fen: number): string {
  return (fen / 100).toFixed(2);
}
