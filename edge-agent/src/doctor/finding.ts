/** One thing `linli doctor` looked at, and what it found. */
export interface Finding {
  /** What was checked: "config", "store", "groups", a device id … */
  check: string;
  ok: boolean;
  /** What was found; when something is wrong, what that means, in plain words. */
  detail: string;
  /** When something is wrong: what to do about it, with the command where one helps. */
  fix?: string;
}

export function pass(check: string, detail: string): Finding {
  return { check, ok: true, detail };
}

export function fail(check: string, detail: string, fix?: string): Finding {
  return fix === undefined ? { check, ok: false, detail } : { check, ok: false, detail, fix };
}
