/** What the console's keypads send, and what a key does to the value being typed. */

export type KeypadKey =
  | "0"
  | "1"
  | "2"
  | "3"
  | "4"
  | "5"
  | "6"
  | "7"
  | "8"
  | "9"
  | "back"
  | "clear";

/** The value after a key: digits appended up to `max`, the last removed, or all cleared. */
export function applyKey(value: string, key: KeypadKey, max: number): string {
  if (key === "clear") return "";
  if (key === "back") return value.slice(0, -1);
  return value.length >= max ? value : value + key;
}
