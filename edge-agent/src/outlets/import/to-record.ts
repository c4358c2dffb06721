import { createHash } from "node:crypto";
import type { Catalog } from "@linli/protocols/catalog";
import type { OutletRecord } from "../record.js";
import { coordinateProblem, toWgs84 } from "./datum.js";
import { type FieldName, fieldLabel, type RawRow } from "./fields.js";
import { normaliseHours } from "./hours.js";
import { namePinyin } from "./pinyin.js";
import type { Datum } from "./types.js";
import { chainOf, numberOf, phoneProblem, pricesOf, servicesOf, textOf } from "./values.js";

export interface RowContext {
  catalog: Catalog;
  datum: Datum;
  /** How a record names where it came from, given the row's line. */
  sourceOf: (line: number) => string;
  updatedAt: string;
}

export type RowOutcome = { record: OutletRecord } | { reason: string; unknownCategory?: string };

const MAX_NAME = 100;

/**
 * Stable across re-imports of the same data: the name, the category and the
 * WGS-84 point rounded to about 10 m.
 */
export function outletIdOf(name: string, category: string, lng: number, lat: number): string {
  const key = `${name}\u0000${category}\u0000${lng.toFixed(4)}\u0000${lat.toFixed(4)}`;
  return `o-${createHash("sha1").update(key).digest("hex").slice(0, 16)}`;
}

function coordinate(row: RawRow, field: FieldName): number | string {
  const raw = row.fields[field];
  const value = numberOf(raw);
  if (Number.isFinite(value)) return value;
  return raw === undefined || textOf(raw) === null
    ? `${fieldLabel(field)} is empty`
    : `${fieldLabel(field)} "${String(raw)}" is not a number`;
}

/**
 * The meaning of one row: checks and converts each field, and gives the
 * outlet as the store keeps it, or the reason it cannot be one.
 */
export function toOutletRecord(row: RawRow, context: RowContext): RowOutcome {
  const name = textOf(row.fields.name);
  if (name === null) return { reason: `${fieldLabel("name")} is empty` };
  if (name.length > MAX_NAME) return { reason: `名称/name is longer than ${MAX_NAME} characters` };

  const categoryValue = textOf(row.fields.category);
  if (categoryValue === null) return { reason: `${fieldLabel("category")} is empty` };
  const category = context.catalog.resolve(categoryValue);
  if (!category) {
    return {
      reason: `unknown category "${categoryValue}": use a catalog name or code such as 便利店 or convenience_store`,
      unknownCategory: categoryValue,
    };
  }

  const lngIn = coordinate(row, "lng");
  if (typeof lngIn === "string") return { reason: lngIn };
  const latIn = coordinate(row, "lat");
  if (typeof latIn === "string") return { reason: latIn };
  const problem = coordinateProblem(lngIn, latIn);
  if (problem) return { reason: problem };
  const [lng, lat] = toWgs84(lngIn, latIn, context.datum);

  const hours = normaliseHours(textOf(row.fields.hours) ?? "");
  if ("reason" in hours) return { reason: hours.reason };
  const prices = pricesOf(row.fields.prices);
  if ("reason" in prices) return { reason: prices.reason };
  const phone = textOf(row.fields.phone);
  const phoneIssue = phone === null ? undefined : phoneProblem(phone);
  if (phoneIssue) return { reason: phoneIssue };

  const brand = textOf(row.fields.brand);
  const pinyin = namePinyin(name);
  return {
    record: {
      id: textOf(row.fields.id) ?? outletIdOf(name, category.code, lng, lat),
      name,
      category: category.code,
      address: textOf(row.fields.address),
      phone,
      lng,
      lat,
      hours: hours.hours,
      services: servicesOf(row.fields.services),
      prices: prices.prices,
      brand,
      chain: chainOf(row.fields.chain, brand),
      namePinyin: pinyin.full,
      nameInitials: pinyin.initials,
      source: context.sourceOf(row.line),
      updatedAt: context.updatedAt,
    },
  };
}
