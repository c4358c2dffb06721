import type { PriceItem } from "../record.js";

/** A cell or property → trimmed text, or null when empty. */
export function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

/** A number in a cell ("121.5265") or a property (121.5265); NaN when it is not one. */
export function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.trim() === "") return Number.NaN;
  return Number(value.trim());
}

const LIST_SEPARATORS = /[、，,;；｜|\n]/;

/** 一店多能: "代收代发、打印复印" or an array → ["代收代发", "打印复印"], without repeats. */
export function servicesOf(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.map((item) => textOf(item) ?? "")
    : (textOf(value) ?? "").split(LIST_SEPARATORS);
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

const YES = new Set(["是", "y", "yes", "true", "1", "连锁", "√"]);
const NO = new Set(["否", "n", "no", "false", "0", "非连锁", "独立", "×"]);

/**
 * 连锁/chain: a chain's name, or a yes/no column (是/否), where yes means the
 * brand's chain.
 */
export function chainOf(value: unknown, brand: string | null): string | null {
  if (value === true) return brand ?? "连锁";
  const text = textOf(value);
  if (text === null || value === false) return null;
  const key = text.toLowerCase();
  if (NO.has(key)) return null;
  if (YES.has(key)) return brand ?? "连锁";
  return text;
}

const PHONE = /^[\d\s+\-()（）/、，,#转]+$/;

/** Why a phone field is not a phone number (the message never quotes the number). */
export function phoneProblem(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, "").length;
  if (PHONE.test(phone) && digits >= 5 && digits <= 40) return undefined;
  return "电话/phone is not a phone number (digits, spaces, +, - and brackets only)";
}

const PRICE_ITEM =
  /^(.+?)\s*[:：]?\s*(?:(免费)|[￥¥]?\s*(\d{1,6}(?:\.\d{1,2})?)\s*元?)\s*(?:(?:\/|每)\s*(\S{1,6}))?$/;

export type PricesOutcome = { prices: PriceItem[] } | { reason: string };

/**
 * 价目 (小修小补 明码标价): "修鞋跟 ￥15/次；配钥匙 ¥5/把" or "换拉链 20元/条",
 * or an array of `{item, priceFen | price, unit}` → items in fen.
 */
export function pricesOf(value: unknown): PricesOutcome {
  if (Array.isArray(value)) return structuredPrices(value);
  const text = textOf(value);
  if (text === null) return { prices: [] };
  const prices: PriceItem[] = [];
  for (const part of text.split(LIST_SEPARATORS)) {
    const entry = part.trim();
    if (entry === "") continue;
    const match = PRICE_ITEM.exec(entry);
    if (!match || /^[\d.\s]*$/.test(match[1] ?? "")) {
      return {
        reason: `cannot read the price "${entry}": write each one like 修鞋跟 ￥15/次, separated by ；`,
      };
    }
    const [, item = "", free, yuan, unit] = match;
    const priceFen = free ? 0 : Math.round(Number(yuan) * 100);
    prices.push(unit ? { item: item.trim(), priceFen, unit } : { item: item.trim(), priceFen });
  }
  return { prices };
}

function structuredPrices(items: unknown[]): PricesOutcome {
  const prices: PriceItem[] = [];
  for (const raw of items) {
    const entry = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const item = textOf(entry.item ?? entry.name ?? entry.名目);
    const fen =
      entry.priceFen !== undefined
        ? numberOf(entry.priceFen)
        : Math.round(numberOf(entry.price ?? entry.价格) * 100);
    if (item === null || !Number.isInteger(fen) || fen < 0) {
      return {
        reason: `cannot read the price ${JSON.stringify(raw)}: each needs an item and a price (yuan) or priceFen`,
      };
    }
    const unit = textOf(entry.unit ?? entry.单位);
    prices.push(unit ? { item, priceFen: fen, unit } : { item, priceFen: fen });
  }
  return { prices };
}
