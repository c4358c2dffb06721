import { pinyin } from "pinyin-pro";
import { memoise } from "./memo.js";

const HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

const syllablesOf = memoise((han: string) =>
  pinyin(han, { toneType: "none", type: "array", v: true }),
);

export interface NamePinyin {
  /** Full pinyin, lowercase, no tones, no spaces or punctuation: 便利店 → "bianlidian". */
  full: string;
  /** Initials, lowercase: 便利店 → "bld"; a Latin word or number gives its first character. */
  initials: string;
}

/**
 * A name's pinyin, computed once at import so search never calls pinyin-pro.
 * Chinese runs go to pinyin-pro whole, so it can pick a polyphone's reading
 * from its word (长者 → zhangzhe, 银行 → yinhang); ü is written v (绿 → lv).
 */
export function namePinyin(name: string): NamePinyin {
  let full = "";
  let initials = "";
  let at = 0;
  const latin = (text: string) => {
    const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    full += words.join("");
    initials += words.map((word) => word[0]).join("");
  };
  for (const match of name.matchAll(HAN)) {
    latin(name.slice(at, match.index));
    const syllables = syllablesOf(match[0]);
    full += syllables.join("").toLowerCase();
    initials += syllables
      .map((syllable) => syllable[0] ?? "")
      .join("")
      .toLowerCase();
    at = match.index + match[0].length;
  }
  latin(name.slice(at));
  return { full, initials };
}
