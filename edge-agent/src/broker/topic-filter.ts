/**
 * MQTT topic filters as MQTT 3.1.1 §4.7 defines them, for the embedded
 * broker's access rules: `+` matches exactly one level (an empty one too),
 * `#` matches the level it stands on and everything below (so `a/#` also
 * matches `a`), and a topic starting with `$` is never matched by a filter
 * whose first level is a wildcard (`#` does not see `$SYS/...`).
 */

/** Why `filter` is not a valid topic filter, or undefined when it is. */
export function invalidFilter(filter: string): string | undefined {
  if (filter.length === 0) return "a topic filter is not empty";
  if (Buffer.byteLength(filter, "utf8") > 65_535) return "a topic filter is at most 65535 bytes";
  if (filter.includes("\u0000")) return "a topic filter has no NUL character";
  const levels = filter.split("/");
  for (const [index, level] of levels.entries()) {
    if (level.includes("#") && (level !== "#" || index !== levels.length - 1))
      return '"#" stands alone as the last level, e.g. "lan/vending/#"';
    if (level.includes("+") && level !== "+")
      return '"+" stands alone as a level, e.g. "lan/vending/+/out/#"';
  }
  return undefined;
}

/** Whether `topic` (a topic name, no wildcards) matches `filter`. */
export function topicMatches(filter: string, topic: string): boolean {
  const want = filter.split("/");
  const have = topic.split("/");
  if (topic.startsWith("$") && (want[0] === "+" || want[0] === "#")) return false;
  for (const [index, level] of want.entries()) {
    if (level === "#") return true;
    const actual = have[index];
    if (actual === undefined) return false;
    if (level !== "+" && level !== actual) return false;
  }
  return want.length === have.length;
}

/**
 * Whether every topic `requested` (a subscription's filter) can match is one
 * `allowed` matches too: a subscription to `lan/vending/v1/in/+` lies within
 * `lan/vending/v1/in/#`, one to `lan/vending/+/in/#` does not.
 */
export function filterCovers(allowed: string, requested: string): boolean {
  const outer = allowed.split("/");
  const inner = requested.split("/");
  // A wildcard first level reaches no `$` topic; a requested `$...` level is literal there.
  if (requested.startsWith("$") && (outer[0] === "+" || outer[0] === "#")) return false;
  for (const [index, level] of outer.entries()) {
    if (level === "#") return true;
    const asked = inner[index];
    if (asked === undefined || asked === "#") return false;
    if (level !== "+" && level !== asked) return false;
  }
  return outer.length === inner.length;
}
