import type { MessageKey, Translate } from "./i18n.js";

/** 小修小补 明码标价: fen to yuan, always with the fen shown. */
export function priceText(priceFen: number): string {
  return `￥${(priceFen / 100).toFixed(2)}`;
}

export type OpenTone = "open" | "closed" | "unknown";

export interface OpenStateLike {
  openState: OpenTone;
  opensAt: string | null;
  closesAt: string | null;
}

export interface OpenStateText {
  tone: OpenTone;
  /** 营业中 / 已打烊 / 营业时间未知 */
  label: string;
  /** 营业至 21:00 / 明天 08:30 开门; empty when there is nothing to add. */
  detail: string;
}

/**
 * The wall-clock date and time an agent timestamp names, in the kiosk's own
 * zone (the offset it carries), whatever zone the browser is set to.
 */
export function wallClock(
  iso: string,
): { date: string; time: string; offsetMinutes: number } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(
    iso,
  );
  if (!match) return null;
  const [, date = "", time = "", zone = "Z"] = match;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return { date, time, offsetMinutes };
}

function dateAtOffset(now: Date, offsetMinutes: number, plusDays = 0): string {
  return new Date(now.getTime() + offsetMinutes * 60_000 + plusDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

export function openStateText(
  t: Translate,
  outlet: OpenStateLike,
  now = new Date(),
): OpenStateText {
  if (outlet.openState === "open") {
    const closes = outlet.closesAt ? wallClock(outlet.closesAt) : null;
    return {
      tone: "open",
      label: t("openNow"),
      detail: closes ? t("openUntil", { time: closes.time }) : t("open24h"),
    };
  }
  if (outlet.openState === "closed") {
    const opens = outlet.opensAt ? wallClock(outlet.opensAt) : null;
    let detail = "";
    if (opens) {
      if (opens.date === dateAtOffset(now, opens.offsetMinutes)) {
        detail = t("opensToday", { time: opens.time });
      } else if (opens.date === dateAtOffset(now, opens.offsetMinutes, 1)) {
        detail = t("opensTomorrow", { time: opens.time });
      } else {
        detail = t("opensOn", { date: opens.date.slice(5).replace("-", "/"), time: opens.time });
      }
    }
    return { tone: "closed", label: t("closed"), detail };
  }
  return { tone: "unknown", label: t("hoursUnknown"), detail: "" };
}

const DAY_KEYS: Record<string, MessageKey> = {
  Mo: "dayMo",
  Tu: "dayTu",
  We: "dayWe",
  Th: "dayTh",
  Fr: "dayFr",
  Sa: "daySa",
  Su: "daySu",
};

/**
 * OSM opening_hours as people say it: "Mo-Sa 08:30-17:30" → "周一至周六 08:30–17:30".
 * Anything it does not recognise is shown as written rather than guessed at.
 */
export function hoursText(t: Translate, hours: string | null): string {
  if (hours === null || hours.trim() === "") return t("hoursUnknown");
  if (hours.trim() === "24/7") return t("open24h");
  return hours
    .split(";")
    .map((rule) =>
      rule
        .trim()
        .replace(/\bMo-Su\b/g, t("everyDay"))
        .replace(
          /\b(Mo|Tu|We|Th|Fr|Sa|Su)-(Mo|Tu|We|Th|Fr|Sa|Su)\b/g,
          (_, from: string, to: string) =>
            [t(DAY_KEYS[from] ?? "dayMo"), t(DAY_KEYS[to] ?? "daySu")].join(t("dayRangeJoin")),
        )
        .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su)\b/g, (day: string) => t(DAY_KEYS[day] ?? "dayMo"))
        .replace(/\bPH\b/g, t("publicHolidays"))
        .replace(/\boff\b/g, t("dayOff"))
        .replace(/(\d{2}:\d{2})-(\d{2}:\d{2})/g, "$1–$2"),
    )
    .join(t("ruleSeparator"));
}
