import type { Catalog } from "@linli/protocols/catalog";
import type { OutletRecord } from "../record.js";
import type { OpenStatus } from "./hours.js";
import type { MatchKindName } from "./text.js";
import type { KioskLocation, Walk, WalkingConfig } from "./walking.js";

/** What the outlet index takes and answers. */

export interface OutletIndexOptions {
  catalog: Catalog;
  /** Where the kiosk stands, in any datum. */
  location: KioskLocation;
  walking?: WalkingConfig;
  /** The zone whose wall clock "open now" is read in. */
  timeZone?: string;
}

export interface OutletQuery {
  /** A category code or name (药店, pharmacy). */
  category?: string | undefined;
  /** A slogan group code or name (一店一早). */
  group?: string | undefined;
  /** Chinese text, full pinyin or initials. */
  q?: string | undefined;
  maxMinutes?: number | undefined;
  openNow?: boolean | undefined;
  /** Read maxMinutes at the elderly walking speed. */
  elderly?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface OutletMatch {
  kind: MatchKindName;
  /** [start, end) in UTF-16 code units of the name; null for a category or service match. */
  highlight: { start: number; end: number } | null;
}

export interface OutletHit {
  outlet: OutletRecord;
  walk: Walk;
  open: OpenStatus;
  match: OutletMatch | null;
}

export interface OutletPage {
  items: OutletHit[];
  total: number;
}
