/**
 * What a resident typed, made ready for the scans: NFKC (full-width Latin
 * from a Chinese keyboard becomes ASCII), lowercase, trimmed. A query that is
 * only Latin letters (spaces and apostrophes aside: "bian li", "xi'an") is
 * also tried as pinyin.
 */
export interface TextQuery {
  text: string;
  pinyin: string | null;
}

const CONTROL = /\p{Cc}/gu;

export function parseTextQuery(raw: string | undefined): TextQuery | null {
  if (raw === undefined) return null;
  const text = raw.normalize("NFKC").replace(CONTROL, "").trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return null;
  const letters = text.replace(/[\s']/g, "").replace(/ü/g, "v");
  return { text, pinyin: /^[a-z]+$/.test(letters) ? letters : null };
}

/** The first index in the ascending `values` whose value exceeds `limit`. */
export function upperBound(
  values: Float64Array | Int32Array,
  limit: number,
  end = values.length,
): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
