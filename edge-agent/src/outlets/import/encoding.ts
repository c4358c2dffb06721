import { importError } from "./errors.js";
import type { ImportEncoding } from "./types.js";

const ENCODING_NAMES: Readonly<Record<string, ImportEncoding>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  gbk: "gb18030",
  gb2312: "gb18030",
  gb18030: "gb18030",
  cp936: "gb18030",
};

/** "utf8", "GBK", "GB18030" … → the decoder to use; undefined for "auto" or nothing. */
export function parseEncoding(name: string | undefined): ImportEncoding | undefined {
  if (name === undefined || name.trim() === "" || name.trim().toLowerCase() === "auto") {
    return undefined;
  }
  const encoding = ENCODING_NAMES[name.trim().toLowerCase().replace(/_/g, "-")];
  if (!encoding) {
    throw importError(
      "ENCODING",
      `unknown encoding "${name}": use utf-8 or gbk (gb18030), or leave it out to detect it`,
    );
  }
  return encoding;
}

/**
 * Bytes → text. UTF-8 (with or without a byte-order mark) when the bytes are
 * valid UTF-8, else GB18030, which reads GBK and GB2312 too: Chinese Excel
 * saves CSV in GBK. A GBK file that happens to be valid UTF-8 is
 * vanishingly rare for Chinese text, so the fatal UTF-8 decode decides.
 */
export function decodeText(
  bytes: Uint8Array,
  named?: ImportEncoding,
): { text: string; encoding: ImportEncoding } {
  const encoding = named ?? (isUtf8(bytes) ? "utf-8" : "gb18030");
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding };
  } catch (cause) {
    throw importError(
      "ENCODING",
      `the file is not valid ${encoding === "utf-8" ? "UTF-8" : "GBK/GB18030"} text: save it as UTF-8, or name its encoding`,
      { cause },
    );
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
