import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeGbk, gbkCodeOf, gbkColumns, toPrintable } from "./gb18030.js";

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(" ");

const decode = (bytes: Uint8Array): string => new TextDecoder("gb18030").decode(bytes);

describe("GBK encoding", () => {
  it('encodes "中文" as D6 D0 CE C4', () => {
    expect(hex(encodeGbk("中文"))).toBe("D6 D0 CE C4");
  });

  it("passes ASCII through byte for byte", () => {
    expect(hex(encodeGbk("A1 ~"))).toBe("41 31 20 7E");
  });

  it("prints the yen/yuan sign ¥, which has no two-byte code, as the fullwidth ￥ (A3 A4)", () => {
    expect(hex(encodeGbk("¥12"))).toBe("A3 A4 31 32");
    expect(toPrintable("¥12")).toBe("￥12");
  });

  it("prints curly quotes and the em dash with their GBK codes", () => {
    expect(decode(encodeGbk("“你好”‘a’—"))).toBe("“你好”‘a’—");
  });

  it("turns a no-break space into a space and drops zero-width characters", () => {
    expect(hex(encodeGbk("a\u00a0b\u200bc"))).toBe("61 20 62 63");
  });

  it("replaces an emoji with ? instead of a four-byte GB18030 sequence", () => {
    expect(hex(encodeGbk("好😀"))).toBe("BA C3 3F");
    expect(toPrintable("❤️")).toBe("?");
  });

  it("composes a decomposed accent before encoding (e + ◌́ → é, a pinyin letter in GBK)", () => {
    expect(decode(encodeGbk("e\u0301"))).toBe("é");
  });

  it("knows the two-byte code of common characters and none for characters outside GBK", () => {
    expect(gbkCodeOf("中".codePointAt(0) ?? 0)).toBe(0xd6d0);
    expect(gbkCodeOf("😀".codePointAt(0) ?? 0)).toBeUndefined();
  });

  it("never emits a four-byte sequence, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const bytes = encodeGbk(text);
        for (let i = 0; i < bytes.length; i += 1) {
          if ((bytes[i] ?? 0) < 0x80) continue;
          const trail = bytes[i + 1] ?? 0;
          if (trail < 0x40 || trail === 0x7f) return false;
          i += 1;
        }
        return true;
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });

  it("decodes back to the printable form of any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const printable = toPrintable(text);
        expect(decode(encodeGbk(printable))).toBe(printable);
        expect(gbkColumns(printable)).toBe(encodeGbk(printable).length);
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });
});

describe("display columns", () => {
  it("counts one column per ASCII character and two per CJK or fullwidth character", () => {
    expect(gbkColumns("abc")).toBe(3);
    expect(gbkColumns("便利店")).toBe(6);
    expect(gbkColumns("营业 7:00")).toBe(9);
    expect(gbkColumns("（）")).toBe(4);
  });

  it("counts a character by what it prints as", () => {
    expect(gbkColumns("¥5")).toBe(3);
    expect(gbkColumns("😀")).toBe(1);
    expect(gbkColumns("a\u200bb")).toBe(2);
  });
});
