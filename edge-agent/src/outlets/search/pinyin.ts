import { pinyin } from "pinyin-pro";

/**
 * A name as a sequence of pinyin syllables, each tied to the character it
 * reads, so a pinyin or initials match can be highlighted on the characters.
 * Han characters give their toneless pinyin (ü written v, as typed); ASCII
 * and full-width letters and digits are a syllable each; anything else
 * (brackets, spaces, punctuation) gives none.
 */
export interface Syllables {
  /** Lowercase a–z (and 0–9) syllables. */
  texts: string[];
  /** The UTF-16 offset in the name where each syllable's character starts… */
  starts: number[];
  /** …and ends (exclusive). */
  ends: number[];
}

const HAN = /^\p{Script=Han}$/u;
const ALNUM = /^[a-z0-9]$/;

const readingsOf = new Map<string, readonly string[]>();

function toLetters(reading: string): string {
  return reading
    .toLowerCase()
    .replace(/ü/g, "v")
    .replace(/[^a-z]/g, "");
}

/**
 * A character's possible syllables, the commonest first; none for
 * punctuation. Cached: names share few characters.
 */
function readingsOfChar(char: string): readonly string[] {
  let readings = readingsOf.get(char);
  if (readings === undefined) {
    if (HAN.test(char)) {
      const common = toLetters(pinyin(char, { toneType: "none" }));
      const all = pinyin(char, { toneType: "none", type: "array", multiple: true }).map(toLetters);
      readings = [...new Set([common, ...all])].filter((reading) => reading !== "");
    } else {
      const folded = char.normalize("NFKC").toLowerCase();
      readings = ALNUM.test(folded) ? [folded] : [];
    }
    readingsOf.set(char, readings);
  }
  return readings;
}

/**
 * The syllables of `name`. Each character's commonest reading is used unless
 * the pinyin the import computed for the whole name (where pinyin-pro reads
 * a polyphone in context: 钥匙 yaoshi, 银行 yinhang) spells another of its
 * readings, which is then taken.
 */
export function nameSyllables(name: string, importedPinyin?: string): Syllables {
  const syllables: Syllables = { texts: [], starts: [], ends: [] };
  let spelled = "";
  let offset = 0;
  for (const char of name) {
    const reading = readingsOfChar(char)[0];
    if (reading !== undefined) {
      syllables.texts.push(reading);
      syllables.starts.push(offset);
      syllables.ends.push(offset + char.length);
      spelled += reading;
    }
    offset += char.length;
  }
  if (importedPinyin === undefined || spelled === importedPinyin) return syllables;
  const imported = toLetters(importedPinyin);
  if (toLetters(spelled) === imported) return syllables;
  return respelled(name, imported) ?? syllables;
}

/** The syllables of `name` with the readings that spell `letters`, if any do. */
function respelled(name: string, letters: string): Syllables | null {
  const chars = [...name];
  const readings = spell(
    chars.map(readingsOfChar),
    chars.map((char) => HAN.test(char)),
    letters,
  );
  if (readings === null) return null;
  const syllables: Syllables = { texts: [], starts: [], ends: [] };
  let offset = 0;
  readings.forEach((reading, i) => {
    const length = (chars[i] as string).length;
    if (reading !== "") {
      syllables.texts.push(reading);
      syllables.starts.push(offset);
      syllables.ends.push(offset + length);
    }
    offset += length;
  });
  return syllables;
}

/**
 * One reading per character that spells `letters` (digits aside), or null.
 * A character may also read as nothing, for an import that left out Latin
 * words. Depth-first; names are short and most characters have one reading.
 */
function spell(
  options: readonly (readonly string[])[],
  han: readonly boolean[],
  letters: string,
): string[] | null {
  const chosen: string[] = new Array(options.length).fill("");
  const failed = new Set<number>();
  const walk = (char: number, at: number): boolean => {
    if (char === options.length) return at === letters.length;
    const key = char * 4096 + at;
    if (failed.has(key)) return false;
    for (const reading of options[char] as readonly string[]) {
      const spelled = toLetters(reading);
      if (spelled !== "" && !letters.startsWith(spelled, at)) continue;
      chosen[char] = reading;
      if (walk(char + 1, at + spelled.length)) return true;
    }
    chosen[char] = "";
    const silent = !han[char] || (options[char] as readonly string[]).length === 0;
    if (silent && walk(char + 1, at)) return true;
    failed.add(key);
    return false;
  };
  return walk(0, 0) ? chosen : null;
}

/** A short text (a category name, a service) prepared for matching. */
export interface Term {
  text: string;
  lower: string;
  pinyin: string;
  /** Where each syllable starts in `pinyin`. */
  syllableOffsets: number[];
  initials: string;
}

export function term(text: string): Term {
  // Only Chinese gives a term pinyin: "Convenience store" read letter by letter would match "st".
  const texts = [...text]
    .filter((char) => HAN.test(char))
    .flatMap((char) => {
      const reading = readingsOfChar(char)[0];
      return reading === undefined ? [] : [reading];
    });
  const syllableOffsets: number[] = [];
  let offset = 0;
  for (const syllable of texts) {
    syllableOffsets.push(offset);
    offset += syllable.length;
  }
  return {
    text,
    lower: text.toLowerCase(),
    pinyin: texts.join(""),
    syllableOffsets,
    initials: texts.map((syllable) => syllable.charAt(0)).join(""),
  };
}

/**
 * Whether `query` matches a term as text, as full pinyin from a syllable's
 * start, or as initials. Terms are few, so a plain scan will do.
 */
/** The query is the whole term: its text, its full pinyin or its initials. */
export function termIsExactly(query: string, pinyinQuery: string | null, candidate: Term): boolean {
  if (candidate.lower === query) return true;
  return (
    pinyinQuery !== null && (candidate.initials === pinyinQuery || candidate.pinyin === pinyinQuery)
  );
}

export function termMatches(query: string, pinyinQuery: string | null, candidate: Term): boolean {
  if (candidate.lower.includes(query)) return true;
  if (pinyinQuery === null) return false;
  if (candidate.initials.includes(pinyinQuery)) return true;
  return candidate.syllableOffsets.some((offset) =>
    candidate.pinyin.startsWith(pinyinQuery, offset),
  );
}
