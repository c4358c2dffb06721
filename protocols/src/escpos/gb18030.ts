/**
 * GBK (the two-byte part of GB18030) text encoding for receipt printers,
 * without a dependency: the reverse map is built once, on first use, by
 * decoding every two-byte code with the platform's own `TextDecoder("gb18030")`
 * (Node with full ICU, every browser).
 *
 * Printer fonts hold the one- and two-byte codes only, so this encoder never
 * emits a four-byte GB18030 sequence: a character without a two-byte code is
 * printed as a look-alike that has one (`¥` → `￥`) or as `?`.
 */
import { LinliError } from "../errors.js";

const REPLACEMENT = "?";

/**
 * Look-alikes for characters a GBK font lacks, tried in order; the first
 * one that can be printed wins. An empty string drops the character: it has
 * no width on paper (zero-width joiners, emoji variation selectors).
 */
const SUBSTITUTES: ReadonlyMap<number, readonly string[]> = new Map<number, readonly string[]>([
  [0x00a0, [" "]], // no-break space
  [0x00a5, ["￥", "Y"]], // yen/yuan sign: the fullwidth form is in GBK (A3A4)
  [0x00a9, ["(C)"]],
  [0x00ad, [""]], // soft hyphen
  [0x00ae, ["(R)"]],
  [0x00b7, ["・", "."]],
  [0x2002, [" "]],
  [0x2003, [" "]],
  [0x2009, [" "]],
  [0x200a, [" "]],
  [0x200b, [""]],
  [0x200c, [""]],
  [0x200d, [""]],
  [0x2010, ["-"]],
  [0x2011, ["-"]],
  [0x2012, ["-"]],
  [0x2013, ["-"]],
  [0x2014, ["―", "-"]],
  [0x2015, ["—", "-"]],
  [0x2018, ["'"]],
  [0x2019, ["'"]],
  [0x201c, ['"']],
  [0x201d, ['"']],
  [0x2022, ["·", "*"]],
  [0x2026, ["..."]],
  [0x202f, [" "]],
  [0x2060, [""]],
  [0x20ac, ["EUR"]],
  [0x2122, ["TM"]],
  [0x30fb, ["·", "."]],
  [0xfe0e, [""]],
  [0xfe0f, [""]],
  [0xfeff, [""]],
]);

let reverseMap: Map<number, number> | undefined;
const printableCache = new Map<number, string>();

function isPrivateUse(codePoint: number): boolean {
  return codePoint >= 0xe000 && codePoint <= 0xf8ff;
}

function forEachTwoByteCode(visit: (code: number) => void): void {
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail !== 0x7f) visit((lead << 8) | trail);
    }
  }
}

/**
 * Decodes all two-byte codes in one call, each followed by LF: LF can never
 * be a trail byte, so the decoded text splits back into one piece per code
 * even where a code is unmapped and the decoder resynchronises.
 */
function buildReverseMap(): Map<number, number> {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder("gb18030");
  } catch (cause) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_NO_GB18030",
      "This runtime's TextDecoder has no gb18030 support: run Node.js with full ICU or a current browser",
      { cause },
    );
  }
  const codes: number[] = [];
  forEachTwoByteCode((code) => codes.push(code));
  const bytes = new Uint8Array(codes.length * 3);
  codes.forEach((code, index) => {
    bytes[index * 3] = code >> 8;
    bytes[index * 3 + 1] = code & 0xff;
    bytes[index * 3 + 2] = 0x0a;
  });
  const pieces = decoder.decode(bytes).split("\n");
  const map = new Map<number, number>();
  codes.forEach((code, index) => {
    const piece = pieces[index] ?? "";
    const codePoint = piece.codePointAt(0);
    if (codePoint === undefined || String.fromCodePoint(codePoint) !== piece) return;
    if (codePoint < 0x80 || codePoint === 0xfffd || isPrivateUse(codePoint)) return;
    // Where two codes decode to one character, the first (the GBK one) is kept.
    if (!map.has(codePoint)) map.set(codePoint, code);
  });
  return map;
}

function gbkMap(): Map<number, number> {
  reverseMap ??= buildReverseMap();
  return reverseMap;
}

/** The two-byte GBK code of a character, or undefined if a GBK font lacks it. */
export function gbkCodeOf(codePoint: number): number | undefined {
  return gbkMap().get(codePoint);
}

function isPrintableAs(text: string): boolean {
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint >= 0x80 && gbkCodeOf(codePoint) === undefined) return false;
  }
  return true;
}

/** What one non-ASCII code point prints as: itself, a look-alike, "" or "?". */
function printableFormOf(codePoint: number): string {
  const cached = printableCache.get(codePoint);
  if (cached !== undefined) return cached;
  let form = REPLACEMENT;
  if (gbkCodeOf(codePoint) !== undefined) form = String.fromCodePoint(codePoint);
  else {
    const candidate = SUBSTITUTES.get(codePoint)?.find(isPrintableAs);
    if (candidate !== undefined) form = candidate;
  }
  printableCache.set(codePoint, form);
  return form;
}

function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || codePoint === 0x7f || (codePoint >= 0x80 && codePoint < 0xa0);
}

/**
 * The text exactly as a GBK printer will print it: NFC-normalised, every
 * character replaced by its printable form, tabs and line breaks turned into
 * spaces and other control characters removed (so text can never smuggle in
 * a printer command).
 */
export function toPrintable(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isControl(codePoint)) {
      if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d) out += " ";
      continue;
    }
    out += codePoint < 0x80 ? char : printableFormOf(codePoint);
  }
  return out;
}

/**
 * Encodes text to GBK bytes (the two-byte subset of GB18030). ASCII,
 * control characters included, passes through unchanged; use `toPrintable`
 * first for text from people. Characters without a two-byte code become a
 * look-alike or `?`, never a four-byte sequence.
 */
export function encodeGbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text.normalize("NFC")) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x80) {
      bytes.push(codePoint);
      continue;
    }
    for (const printable of printableFormOf(codePoint)) {
      const printableCode = printable.codePointAt(0) ?? 0;
      const code = printableCode < 0x80 ? undefined : gbkCodeOf(printableCode);
      if (code === undefined) bytes.push(printableCode);
      else bytes.push(code >> 8, code & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/**
 * Display columns the text takes on paper at normal size: one per ASCII
 * character, two per double-byte (CJK, fullwidth) character, nothing for
 * control characters. A character without a GBK code counts as what replaces it.
 */
export function gbkColumns(text: string): number {
  let columns = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isControl(codePoint)) continue;
    if (codePoint < 0x80) columns += 1;
    else if (gbkCodeOf(codePoint) !== undefined) columns += 2;
    else columns += gbkColumns(printableFormOf(codePoint));
  }
  return columns;
}
