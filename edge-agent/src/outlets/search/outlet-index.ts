import { LinliError } from "@linli/protocols";
import type { Catalog } from "@linli/protocols/catalog";
import type { OutletRecord } from "../record.js";
import { HoursEvaluator, KIOSK_TIME_ZONE } from "./hours.js";
import { nameSyllables, type Term, term, termIsExactly, termMatches } from "./pinyin.js";
import { parseTextQuery, type TextQuery, upperBound } from "./query.js";
import {
  FILTERED_OUT,
  MATCH_KIND_NAMES,
  MatchKind,
  type MatchKindName,
  MatchTable,
  RANKS,
  TextIndex,
} from "./text.js";
import type {
  OutletHit,
  OutletIndexOptions,
  OutletMatch,
  OutletPage,
  OutletQuery,
} from "./types.js";
import { DEFAULT_WALKING, type Walk, WalkingModel } from "./walking.js";

export type {
  OutletHit,
  OutletIndexOptions,
  OutletMatch,
  OutletPage,
  OutletQuery,
} from "./types.js";

/** Allowed category buckets, as a list and as a mask by bucket index. */
interface Allowed {
  list: number[];
  mask: Uint8Array;
}

interface Bucket {
  code: string;
  /** Walking-order positions, ascending. */
  positions: Int32Array;
}

export const DEFAULT_LIMIT = 20;

/**
 * Every outlet of the circle in memory, for one fixed kiosk location: each
 * outlet's walking distance is computed once and the outlets are kept in
 * walking order, so "within N minutes" is a prefix, a category is an
 * ascending list of positions, and the default order needs no sort.
 */
export class OutletIndex {
  readonly catalog: Catalog;
  readonly walking: WalkingModel;
  readonly hours: HoursEvaluator;
  readonly #outlets: OutletRecord[];
  readonly #meters: Float64Array;
  readonly #positionOf = new Map<string, number>();
  readonly #bucketOf = new Map<string, number>();
  readonly #buckets: Bucket[] = [];
  readonly #bucketAt: Int32Array;
  readonly #hoursTexts: string[] = [];
  readonly #hoursAt: Int32Array;
  readonly #text: TextIndex;
  readonly #matches: MatchTable;
  readonly #categoryTerms: { bucket: number; terms: Term[] }[];
  readonly #serviceTerms: { term: Term; positions: Int32Array }[];

  constructor(records: readonly OutletRecord[], options: OutletIndexOptions) {
    this.catalog = options.catalog;
    this.walking = WalkingModel.fromKiosk(options.location, options.walking ?? DEFAULT_WALKING);
    this.hours = new HoursEvaluator(options.timeZone ?? KIOSK_TIME_ZONE);
    const measured = records.map((outlet) => {
      const meters = this.walking.walkingMetersTo(outlet);
      return { outlet, meters: Number.isFinite(meters) ? meters : Number.POSITIVE_INFINITY };
    });
    measured.sort((a, b) => a.meters - b.meters);
    const count = measured.length;
    this.#outlets = measured.map((entry) => entry.outlet);
    this.#meters = Float64Array.from(measured, (entry) => entry.meters);
    this.#bucketAt = new Int32Array(count);
    this.#hoursAt = new Int32Array(count);
    const bucketLists: number[][] = [];
    const hoursIds = new Map<string, number>();
    const serviceLists = new Map<string, number[]>();
    this.#outlets.forEach((outlet, position) => {
      this.#positionOf.set(outlet.id, position);
      let bucket = this.#bucketOf.get(outlet.category);
      if (bucket === undefined) {
        bucket = bucketLists.push([]) - 1;
        this.#bucketOf.set(outlet.category, bucket);
      }
      bucketLists[bucket]?.push(position);
      this.#bucketAt[position] = bucket;
      this.#hoursAt[position] = outlet.hours === null ? -1 : intern(hoursIds, outlet.hours);
      for (const service of new Set(outlet.services)) {
        const list = serviceLists.get(service) ?? [];
        list.push(position);
        serviceLists.set(service, list);
      }
    });
    this.#hoursTexts = [...hoursIds.keys()];
    for (const [code, bucket] of this.#bucketOf) {
      this.#buckets[bucket] = { code, positions: Int32Array.from(bucketLists[bucket] ?? []) };
    }
    this.#text = new TextIndex(
      this.#outlets.map((outlet) => outlet.name),
      (position) => {
        const outlet = this.#outlets[position] as OutletRecord;
        return nameSyllables(outlet.name, outlet.namePinyin);
      },
    );
    this.#matches = new MatchTable(count);
    this.#categoryTerms = this.catalog.categories.flatMap((category) => {
      const bucket = this.#bucketOf.get(category.code);
      if (bucket === undefined) return [];
      const names = [category.zh, category.en, ...category.synonyms];
      return [{ bucket, terms: names.map(term) }];
    });
    this.#serviceTerms = [...serviceLists].map(([service, positions]) => ({
      term: term(service),
      positions: Int32Array.from(positions),
    }));
  }

  get size(): number {
    return this.#outlets.length;
  }

  search(query: OutletQuery, now: Date): OutletPage {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const buckets = this.#allowedBuckets(query);
    const count =
      query.maxMinutes === undefined ? this.size : this.#within(query.maxMinutes, query.elderly);
    const isOpen = query.openNow ? this.#openTest(now) : null;
    const text = parseTextQuery(query.q);
    const page =
      text === null
        ? this.#browse(buckets, count, isOpen, offset + limit)
        : this.#find(text, buckets, count, isOpen, offset + limit);
    return {
      total: page.total,
      items: page.positions
        .slice(offset, offset + limit)
        .map((position) => this.#hit(position, now, text !== null)),
    };
  }

  get(id: string, now: Date): OutletHit | undefined {
    const position = this.#positionOf.get(id);
    return position === undefined ? undefined : this.#hit(position, now, false);
  }

  /** The nearest outlet of a category, by walking distance. */
  nearest(category: string): { outlet: OutletRecord; walk: Walk } | undefined {
    const position = this.#bucket(category)?.positions[0];
    if (position === undefined) return undefined;
    return { outlet: this.#outlets[position] as OutletRecord, walk: this.#walk(position) };
  }

  /** How many outlets of a category there are, within `maxMinutes` if given. */
  count(category: string, maxMinutes?: number): number {
    const positions = this.#bucket(category)?.positions;
    if (positions === undefined) return 0;
    if (maxMinutes === undefined) return positions.length;
    return upperBound(positions, this.#within(maxMinutes) - 1);
  }

  /** Outlets and those belonging to a chain, within `maxMinutes` if given. */
  chainCount(maxMinutes?: number): { outlets: number; chained: number } {
    const outlets = maxMinutes === undefined ? this.size : this.#within(maxMinutes);
    let chained = 0;
    for (let position = 0; position < outlets; position++) {
      if (this.#outlets[position]?.chain) chained++;
    }
    return { outlets, chained };
  }

  /** How many outlets are within `minutes`: a walk of exactly 15 minutes is within 15. */
  #within(minutes: number, elderly = false): number {
    return upperBound(this.#meters, this.walking.metersWithin(minutes, elderly) + 1e-6);
  }

  #bucket(category: string): Bucket | undefined {
    const index = this.#bucketOf.get(category);
    return index === undefined ? undefined : this.#buckets[index];
  }

  /** The category buckets a query allows: null for all. */
  #allowedBuckets(query: OutletQuery): Allowed | null {
    let codes: Set<string> | null = null;
    if (query.group !== undefined) {
      const group = this.catalog.group(query.group);
      if (group === undefined) {
        const known = this.catalog.groups.map((g) => `${g.code} (${g.zh})`).join(", ");
        throw new LinliError(
          "LINLI_ERR_OUTLET_UNKNOWN_GROUP",
          `there is no group "${query.group}"; use one of ${known}`,
          { status: 400 },
        );
      }
      codes = new Set(group.categories);
    }
    if (query.category !== undefined) {
      const category = this.catalog.resolve(query.category);
      if (category === undefined) {
        throw new LinliError(
          "LINLI_ERR_OUTLET_UNKNOWN_CATEGORY",
          `there is no category "${query.category}"; use a code or Chinese name listed by /categories, e.g. "pharmacy" or "药店"`,
          { status: 400 },
        );
      }
      codes = new Set(codes === null || codes.has(category.code) ? [category.code] : []);
    }
    if (codes === null) return null;
    const allowed: Allowed = { list: [], mask: new Uint8Array(this.#buckets.length) };
    for (const code of codes) {
      const bucket = this.#bucketOf.get(code);
      if (bucket === undefined) continue;
      allowed.list.push(bucket);
      allowed.mask[bucket] = 1;
    }
    return allowed;
  }

  /** "Open now" per position, evaluating each distinct hours text once per search. */
  #openTest(now: Date): (position: number) => boolean {
    const known = new Int8Array(this.#hoursTexts.length);
    return (position) => {
      const id = this.#hoursAt[position] as number;
      if (id < 0) return false;
      let answer = known[id] as number;
      if (answer === 0) {
        const open = this.hours.status(this.#hoursTexts[id] as string, now).state === "open";
        answer = open ? 1 : -1;
        known[id] = answer;
      }
      return answer === 1;
    };
  }

  /** No text: walking order, from the category lists or the whole prefix. */
  #browse(
    buckets: Allowed | null,
    count: number,
    isOpen: ((position: number) => boolean) | null,
    wanted: number,
  ): { positions: number[]; total: number } {
    const positions: number[] = [];
    if (buckets !== null && buckets.list.length <= 1) {
      const single = this.#buckets[buckets.list[0] ?? -1];
      const list = single?.positions ?? new Int32Array(0);
      const end = upperBound(list, count - 1);
      if (isOpen === null) {
        for (let i = 0; i < end && positions.length < wanted; i++)
          positions.push(list[i] as number);
        return { positions, total: end };
      }
      let total = 0;
      for (let i = 0; i < end; i++) {
        const position = list[i] as number;
        if (!isOpen(position)) continue;
        if (total++ < wanted) positions.push(position);
      }
      return { positions, total };
    }
    let total = 0;
    if (isOpen === null) {
      total = buckets === null ? count : 0;
      for (const bucket of buckets?.list ?? []) {
        total += upperBound(this.#buckets[bucket]?.positions ?? new Int32Array(0), count - 1);
      }
    }
    for (let position = 0; position < count; position++) {
      if (buckets !== null && buckets.mask[this.#bucketAt[position] as number] === 0) continue;
      if (isOpen === null) {
        positions.push(position);
        if (positions.length >= wanted) break;
      } else if (isOpen(position) && total++ < wanted) positions.push(position);
    }
    return { positions, total };
  }

  /** Text: mark every outlet's best match, then sweep once in walking order, rank by rank. */
  #find(
    text: TextQuery,
    buckets: Allowed | null,
    count: number,
    isOpen: ((position: number) => boolean) | null,
    wanted: number,
  ): { positions: number[]; total: number } {
    const table = this.#matches;
    const bucketAt = this.#bucketAt;
    table.reset(
      buckets === null && isOpen === null
        ? null
        : (position) =>
            (buckets === null || buckets.mask[bucketAt[position] as number] === 1) &&
            (isOpen === null || isOpen(position)),
    );
    this.#text.matchNames(text.text, count, table);
    if (text.pinyin !== null) {
      this.#text.matchPinyin(text.pinyin, count, table);
      this.#text.matchInitials(text.pinyin, count, table);
    }
    for (const { bucket, terms } of this.#categoryTerms) {
      if (buckets !== null && buckets.mask[bucket] === 0) continue;
      const positions = this.#buckets[bucket]?.positions;
      if (terms.some((t) => termIsExactly(text.text, text.pinyin, t))) {
        table.promoteNamedCategory(positions, count);
      } else if (terms.some((t) => termMatches(text.text, text.pinyin, t))) {
        table.markAll(positions, count, MatchKind.category);
      }
    }
    for (const { term: service, positions } of this.#serviceTerms) {
      if (termMatches(text.text, text.pinyin, service)) {
        table.markAll(positions, count, MatchKind.service);
      }
    }
    // Every match is counted; walk the bitmap only until each rank's share of the page is in.
    const ranked: number[][] = [];
    let total = 0;
    let missing = 0;
    for (let rank = 0; rank < RANKS; rank++) {
      ranked.push([]);
      const found = table.perRank[rank] as number;
      total += found;
      missing += Math.min(found, wanted);
    }
    const kinds = table.kind;
    const bits = table.bits;
    const words = (count + 31) >>> 5;
    for (let word = 0; word < words && missing > 0; word++) {
      let set = bits[word] as number;
      while (set !== 0) {
        const low = set & -set;
        set ^= low;
        const position = (word << 5) | (31 - Math.clz32(low));
        const kind = kinds[position] as number;
        if (kind === FILTERED_OUT) continue;
        const list = ranked[table.rank[position] as number] as number[];
        if (list.length < wanted) {
          list.push(position);
          missing--;
        }
      }
    }
    return { positions: ranked.flat(), total };
  }

  #walk(position: number): Walk {
    const walkingMeters = this.#meters[position] as number;
    return {
      straightMeters: walkingMeters / this.walking.config.circuity,
      walkingMeters,
      minutes: this.walking.minutesFor(walkingMeters),
      elderlyMinutes: this.walking.minutesFor(walkingMeters, true),
    };
  }

  #hit(position: number, now: Date, matched: boolean): OutletHit {
    const outlet = this.#outlets[position] as OutletRecord;
    let match: OutletMatch | null = null;
    if (matched) {
      const kind = this.#matches.kind[position] as number;
      const highlighted = kind <= MatchKind.initials;
      match = {
        kind: MATCH_KIND_NAMES[kind] as MatchKindName,
        highlight: highlighted
          ? {
              start: this.#matches.start[position] as number,
              end: this.#matches.end[position] as number,
            }
          : null,
      };
    }
    return {
      outlet,
      walk: this.#walk(position),
      open: this.hours.status(outlet.hours, now),
      match,
    };
  }
}

function intern(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    id = ids.size;
    ids.set(text, id);
  }
  return id;
}
