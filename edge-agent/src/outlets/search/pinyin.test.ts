import { describe, expect, it } from "vitest";
import { namePinyin } from "../import/pinyin.js";
import { nameSyllables, term, termMatches } from "./pinyin.js";

describe("a name's pinyin syllables", () => {
  it("gives each Han character a toneless syllable tied to its place in the name", () => {
    expect(nameSyllables("好邻居便利店")).toEqual({
      texts: ["hao", "lin", "ju", "bian", "li", "dian"],
      starts: [0, 1, 2, 3, 4, 5],
      ends: [1, 2, 3, 4, 5, 6],
    });
  });

  it("gives Latin letters and digits a syllable each and skips punctuation", () => {
    const { texts, starts } = nameSyllables("7-11便利店(KFC)");
    expect(texts).toEqual(["7", "1", "1", "bian", "li", "dian", "k", "f", "c"]);
    expect(starts).toEqual([0, 2, 3, 4, 5, 6, 8, 9, 10]);
  });

  it("writes ü as v, as residents type it", () => {
    expect(nameSyllables("绿地").texts).toEqual(["lv", "di"]);
  });

  it("follows the import's reading of a polyphone in context", () => {
    expect(nameSyllables("长者食堂").texts[0]).toBe("chang");
    expect(nameSyllables("长者食堂", namePinyin("长者食堂").full).texts[0]).toBe("zhang");
    expect(nameSyllables("工商银行", namePinyin("工商银行").full).texts[3]).toBe("hang");
  });

  it("keeps characters outside the basic plane whole", () => {
    const { starts, ends } = nameSyllables("𠀾记药店");
    expect(starts.at(-1)).toBe(4);
    expect(ends.at(-1)).toBe(5);
  });

  it("matches short terms by text, by pinyin from a syllable's start, and by initials", () => {
    const pharmacy = term("药店");
    expect(termMatches("药", null, pharmacy)).toBe(true);
    expect(termMatches("yaod", "yaod", pharmacy)).toBe(true);
    expect(termMatches("yd", "yd", pharmacy)).toBe(true);
    expect(termMatches("aod", "aod", pharmacy)).toBe(false);
    // English names match as text only: their letters are not initials.
    const store = term("Convenience store");
    expect(termMatches("store", "store", store)).toBe(true);
    expect(termMatches("cs", "cs", store)).toBe(false);
  });
});
