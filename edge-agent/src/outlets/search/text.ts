import type { Syllables } from "./pinyin.js";
import { Postings } from "./postings.js";

/**
 * Text search over every outlet's name at once, outlets in walking order.
 * Names (lowercased) lie end to end in one string with a posting list per
 * UTF-16 code unit; a query looks up its rarest character and checks each
 * place it occurs. Names are also read as syllables, numbered end to end, with
 * posting lists per syllable (for full pinyin, which starts at a syllable)
 * and per pair of initials in a row (for initials). Every list is ascending,
 * so a scan stops at the walking radius.
 */

/** Match kinds in rank order; pinyin and initials rank alike, as do category and service. */
export const MatchKind = {
  exact: 0,
  prefix: 1,
  substring: 2,
  pinyin: 3,
  initials: 4,
  category: 5,
  service: 6,
} as const;
export type MatchKindName = keyof typeof MatchKind;
export const MATCH_KIND_NAMES: readonly MatchKindName[] = [
  "exact",
  "prefix",
  "substring",
  "pinyin",
  "initials",
  "category",
  "service",
];
export const NO_MATCH = 255;
/**
 * The rank of each kind: exact > prefix > substring > pinyin/initials > category/service.
 * A query that is a category's whole name (药店, yaodian, yd) slots that
 * category's outlets in after the name substrings: those whose own name
 * matched in pinyin first (with their highlight), then the rest of them.
 */
export const RANK_OF_KIND = Uint8Array.of(0, 1, 2, 5, 5, 6, 6);
export const RANKS = 7;
const NAMED_CATEGORY_AND_PINYIN_RANK = 3;
const NAMED_CATEGORY_RANK = 4;

/** A match the search's filters (category, open now) turned away. */
export const FILTERED_OUT = 254;

/**
 * Per outlet (by walking-order position): the best match so far and its
 * highlight in the name, with a bitmap of the outlets marked and a count per
 * rank, so ranking a search's matches in walking order reads one bit per
 * outlet and stops once the page is full, and forgetting them costs what the
 * search found.
 */
export class MatchTable {
  readonly kind: Uint8Array;
  /** The rank a match sorts by: its kind's, or better when promoted. */
  readonly rank: Uint8Array;
  readonly start: Uint16Array;
  readonly end: Uint16Array;
  /** Bit p of word p >>> 5: outlet p has a match (or was filtered out). */
  readonly bits: Uint32Array;
  /** Matches that passed the filters, by rank. */
  readonly perRank = new Int32Array(RANKS);
  #accept: ((position: number) => boolean) | null = null;

  constructor(size: number) {
    this.kind = new Uint8Array(size).fill(NO_MATCH);
    this.rank = new Uint8Array(size);
    this.start = new Uint16Array(size);
    this.end = new Uint16Array(size);
    this.bits = new Uint32Array((size + 31) >>> 5);
  }

  /** Forget every match; `accept` is the next search's filter. */
  reset(accept: ((position: number) => boolean) | null = null): void {
    const bits = this.bits;
    for (let word = 0; word < bits.length; word++) {
      let set = bits[word] as number;
      if (set === 0) continue;
      while (set !== 0) {
        const low = set & -set;
        this.kind[(word << 5) | (31 - Math.clz32(low))] = NO_MATCH;
        set ^= low;
      }
      bits[word] = 0;
    }
    this.perRank.fill(0);
    this.#accept = accept;
  }

  /** Record a match unless the outlet already has one (passes run best kind first). */
  mark(position: number, kind: number, start: number, end: number): void {
    if (this.kind[position] !== NO_MATCH) return;
    this.bits[position >>> 5] = (this.bits[position >>> 5] as number) | (1 << (position & 31));
    if (this.#accept !== null && !this.#accept(position)) {
      this.kind[position] = FILTERED_OUT;
      return;
    }
    this.kind[position] = kind;
    this.start[position] = start;
    this.end[position] = end;
    const rank = RANK_OF_KIND[kind] as number;
    this.rank[position] = rank;
    this.perRank[rank] = (this.perRank[rank] as number) + 1;
  }

  /**
   * The query names this category exactly: its outlets move up to just after
   * the name substrings, keeping their own match and highlight.
   */
  promoteNamedCategory(positions: Int32Array | undefined, count: number): void {
    if (positions === undefined) return;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (position >= count) return;
      this.mark(position, MatchKind.category, 0, 0);
      const kind = this.kind[position] as number;
      if (kind === FILTERED_OUT) continue;
      const was = this.rank[position] as number;
      const rank =
        kind === MatchKind.pinyin || kind === MatchKind.initials
          ? NAMED_CATEGORY_AND_PINYIN_RANK
          : NAMED_CATEGORY_RANK;
      if (was <= rank) continue;
      this.perRank[was] = (this.perRank[was] as number) - 1;
      this.perRank[rank] = (this.perRank[rank] as number) + 1;
      this.rank[position] = rank;
    }
  }

  /**
   * Raises every outlet of an ascending list to at least `rank`, keeping its
   * own match and highlight; outlets with no match yet get `kind`. Used when
   * the query names a category exactly (药店, yaodian, yd): its outlets then
   * sort with the name substrings, ahead of stray initials in other names.
   */
  promoteAll(positions: Int32Array | undefined, count: number, kind: number, rank: number): void {
    if (positions === undefined) return;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (position >= count) return;
      this.mark(position, kind, 0, 0);
      const current = this.kind[position] as number;
      if (current === FILTERED_OUT) continue;
      const was = this.rank[position] as number;
      if (was <= rank) continue;
      this.perRank[was] = (this.perRank[was] as number) - 1;
      this.perRank[rank] = (this.perRank[rank] as number) + 1;
      this.rank[position] = rank;
    }
  }

  /** Mark every outlet of an ascending list that lies within the first `count`; no highlight. */
  markAll(positions: Int32Array | undefined, count: number, kind: number): void {
    if (positions === undefined) return;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (position >= count) return;
      this.mark(position, kind, 0, 0);
    }
  }
}

const SEPARATOR = "\u0000";

/** a–z → 0–25, 0–9 → 26–35, else -1: a syllable's initial as a small number. */
function initialCode(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

const INITIALS = 36;

/** Whether `text` has `query` at `at` (a plain loop: cheaper than startsWith here). */
function occursAt(text: string, query: string, at: number): boolean {
  for (let i = 0; i < query.length; i++) {
    if (text.charCodeAt(at + i) !== query.charCodeAt(i)) return false;
  }
  return true;
}

export class TextIndex {
  readonly #names: string;
  readonly #nameStarts: Int32Array;
  /** For each code unit of #names: its outlet. */
  readonly #nameOutlet: Int32Array;
  readonly #nameChars: Postings;
  readonly #syllables: number;
  readonly #syllableOutlet: Int32Array;
  /** Where each syllable's letters start in #pinyin. */
  readonly #letterAt: Int32Array;
  /** Each syllable's character range in its name. */
  readonly #charStart: Uint16Array;
  readonly #charEnd: Uint16Array;
  /** Every outlet's syllables' letters, outlets apart by a separator. */
  readonly #pinyin: string;
  /** One initial per syllable, aligned with syllable numbers. */
  readonly #initials: string;
  readonly #vocabulary: string[];
  readonly #bySyllable: Postings;
  readonly #byInitialPair: Postings;

  /** `names` in walking order; `syllablesOf(i)` reads the i-th. */
  constructor(names: readonly string[], syllablesOf: (outlet: number) => Syllables) {
    const count = names.length;
    this.#nameStarts = new Int32Array(count + 1);
    const nameParts: string[] = [];
    let at = 0;
    for (let outlet = 0; outlet < count; outlet++) {
      const name = names[outlet] as string;
      const lower = name.toLowerCase();
      // Highlights are offsets into the name: keep it as is if lowercasing moved them.
      const searchable = lower.length === name.length ? lower : name;
      this.#nameStarts[outlet] = at;
      nameParts.push(searchable, SEPARATOR);
      at += searchable.length + 1;
    }
    this.#nameStarts[count] = at;
    const joined = nameParts.join("");
    this.#names = joined;
    this.#nameOutlet = new Int32Array(joined.length);
    for (let outlet = 0; outlet < count; outlet++) {
      this.#nameOutlet.fill(outlet, this.#nameStarts[outlet], this.#nameStarts[outlet + 1]);
    }
    this.#nameChars = new Postings(0x10000, joined.length, (i) => {
      const code = joined.charCodeAt(i);
      return code === 0 ? -1 : code;
    });

    // Every syllable reads at least one code unit, so the names' length bounds their number.
    const capacity = joined.length;
    const outletOf = new Int32Array(capacity);
    const textOf = new Uint16Array(capacity);
    const letterAt = new Int32Array(capacity);
    const charStart = new Uint16Array(capacity);
    const charEnd = new Uint16Array(capacity);
    const vocabulary = new Map<string, number>();
    const pinyinParts: string[] = [];
    const initialParts: string[] = [];
    let syllable = 0;
    let letters = 0;
    for (let outlet = 0; outlet < count; outlet++) {
      const { texts, starts, ends } = syllablesOf(outlet);
      for (let k = 0; k < texts.length; k++) {
        const text = texts[k] as string;
        let id = vocabulary.get(text);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(text, id);
        }
        outletOf[syllable] = outlet;
        textOf[syllable] = id;
        letterAt[syllable] = letters;
        charStart[syllable] = starts[k] as number;
        charEnd[syllable] = ends[k] as number;
        letters += text.length;
        syllable++;
      }
      pinyinParts.push(texts.join(""), SEPARATOR);
      initialParts.push(texts.map((text) => text.charAt(0)).join(""));
      letters++;
    }
    this.#syllables = syllable;
    this.#syllableOutlet = outletOf.slice(0, syllable);
    this.#letterAt = letterAt.slice(0, syllable);
    this.#charStart = charStart.slice(0, syllable);
    this.#charEnd = charEnd.slice(0, syllable);
    this.#pinyin = pinyinParts.join("");
    const initials = initialParts.join("");
    this.#initials = initials;
    this.#vocabulary = [...vocabulary.keys()];
    this.#bySyllable = new Postings(vocabulary.size, syllable, (g) => textOf[g] as number);
    this.#byInitialPair = new Postings(INITIALS * INITIALS, syllable, (g) => {
      if (g + 1 >= syllable || outletOf[g + 1] !== outletOf[g]) return -1;
      return this.#pairKey(initials, g);
    });
  }

  #pairKey(text: string, at: number): number {
    const first = initialCode(text.charCodeAt(at));
    const second = initialCode(text.charCodeAt(at + 1));
    return first < 0 || second < 0 ? -1 : first * INITIALS + second;
  }

  /** Name substrings among the first `count` outlets: exact, prefix or substring. */
  matchNames(query: string, count: number, table: MatchTable): void {
    let pick = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < query.length; i++) {
      const size = this.#nameChars.size(query.charCodeAt(i));
      if (size < fewest) {
        fewest = size;
        pick = i;
      }
    }
    const places = this.#nameChars.list(query.charCodeAt(pick));
    const starts = this.#nameStarts;
    const end = starts[count] as number;
    const names = this.#names;
    const outletOf = this.#nameOutlet;
    for (let i = 0; i < places.length; i++) {
      const at = (places[i] as number) - pick;
      if (at >= end) return;
      if (at < 0) continue;
      const outlet = outletOf[at] as number;
      if (table.kind[outlet] !== NO_MATCH || !occursAt(names, query, at)) continue;
      const offset = at - (starts[outlet] as number);
      const nameLength = (starts[outlet + 1] as number) - (starts[outlet] as number) - 1;
      const kind =
        offset > 0
          ? MatchKind.substring
          : query.length === nameLength
            ? MatchKind.exact
            : MatchKind.prefix;
      table.mark(outlet, kind, offset, offset + query.length);
    }
  }

  /** Full pinyin from a syllable's start; the last syllable may be partly typed ("bianl"). */
  matchPinyin(query: string, count: number, table: MatchTable): void {
    const outletOf = this.#syllableOutlet;
    const letterAt = this.#letterAt;
    const pinyin = this.#pinyin;
    const syllables = this.#syllables;
    const kinds = table.kind;
    const vocabulary = this.#vocabulary;
    for (let id = 0; id < vocabulary.length; id++) {
      const text = vocabulary[id] as string;
      const within = query.length <= text.length;
      if (within ? !text.startsWith(query) : !query.startsWith(text)) continue;
      const places = this.#bySyllable.list(id);
      for (let i = 0; i < places.length; i++) {
        const first = places[i] as number;
        const outlet = outletOf[first] as number;
        if (outlet >= count) break;
        if (kinds[outlet] !== NO_MATCH) continue;
        let last = first;
        if (!within) {
          const letter = letterAt[first] as number;
          if (!occursAt(pinyin, query, letter)) continue;
          const lastLetter = letter + query.length - 1;
          while (
            last + 1 < syllables &&
            outletOf[last + 1] === outlet &&
            (letterAt[last + 1] as number) <= lastLetter
          ) {
            last++;
          }
        }
        table.mark(
          outlet,
          MatchKind.pinyin,
          this.#charStart[first] as number,
          this.#charEnd[last] as number,
        );
      }
    }
  }

  /** Pinyin initials, one letter per syllable: "bld" → 便利店. Single letters are pinyin's. */
  matchInitials(query: string, count: number, table: MatchTable): void {
    if (query.length < 2) return;
    let pick = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < query.length; i++) {
      const size = this.#byInitialPair.size(this.#pairKey(query, i));
      if (size < fewest) {
        fewest = size;
        pick = i;
      }
    }
    const places = this.#byInitialPair.list(this.#pairKey(query, pick));
    const outletOf = this.#syllableOutlet;
    const initials = this.#initials;
    const kinds = table.kind;
    for (let i = 0; i < places.length; i++) {
      const at = places[i] as number;
      const outlet = outletOf[at] as number;
      if (outlet >= count) return;
      const first = at - pick;
      if (first < 0 || outletOf[first] !== outlet) continue;
      const last = first + query.length - 1;
      if (kinds[outlet] !== NO_MATCH || outletOf[last] !== outlet) continue;
      if (!occursAt(initials, query, first)) continue;
      table.mark(
        outlet,
        MatchKind.initials,
        this.#charStart[first] as number,
        this.#charEnd[last] as number,
      );
    }
  }
}
