import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterCovers, invalidFilter, topicMatches } from "./topic-filter.js";

/** An independent reading of MQTT 3.1.1 §4.7 as a regular expression, to check the matcher against. */
function oracle(filter: string, topic: string): boolean {
  if (topic.startsWith("$") && /^[+#]/.test(filter)) return false;
  const levels = filter.split("/");
  const multi = levels[levels.length - 1] === "#";
  const fixed = (multi ? levels.slice(0, -1) : levels).map((level) =>
    level === "+" ? "[^/]*" : level.replace(/[$^.*+?()[\]{}|\\/]/g, "\\$&"),
  );
  const head = fixed.join("/");
  const tail = multi ? (fixed.length > 0 ? "(?:/.*)?" : ".*") : "";
  return new RegExp(`^${head}${tail}$`, "s").test(topic);
}

// Few distinct level names, so that filters and topics often meet.
const topicLevel = fc.constantFrom("a", "b", "", "$SYS", "$x", "é");
const topic = fc
  .array(topicLevel, { minLength: 1, maxLength: 4 })
  .map((levels) => levels.join("/"))
  .filter((name) => name.length > 0);
const filter = fc
  .tuple(
    fc.array(fc.constantFrom("a", "b", "", "$SYS", "+"), { minLength: 0, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([levels, multi]) => (multi ? [...levels, "#"] : levels).join("/"))
  .filter((text) => text.length > 0);

describe("MQTT topic filters", () => {
  it("match as the specification's examples say (§4.7.1, §4.7.2)", () => {
    const player = "sport/tennis/player1/#";
    expect(topicMatches(player, "sport/tennis/player1")).toBe(true);
    expect(topicMatches(player, "sport/tennis/player1/ranking")).toBe(true);
    expect(topicMatches(player, "sport/tennis/player1/score/wimbledon")).toBe(true);
    expect(topicMatches("sport/#", "sport")).toBe(true);
    expect(topicMatches("sport/tennis/+", "sport/tennis/player1")).toBe(true);
    expect(topicMatches("sport/tennis/+", "sport/tennis/player2")).toBe(true);
    expect(topicMatches("sport/tennis/+", "sport/tennis/player1/ranking")).toBe(false);
    expect(topicMatches("sport/+", "sport")).toBe(false);
    expect(topicMatches("sport/+", "sport/")).toBe(true);
    expect(topicMatches("+/+", "/finance")).toBe(true);
    expect(topicMatches("/+", "/finance")).toBe(true);
    expect(topicMatches("+", "/finance")).toBe(false);
    expect(topicMatches("#", "$SYS/broker/clients")).toBe(false);
    expect(topicMatches("+/monitor/Clients", "$SYS/monitor/Clients")).toBe(false);
    expect(topicMatches("$SYS/#", "$SYS/broker/clients")).toBe(true);
    expect(topicMatches("$SYS/monitor/+", "$SYS/monitor/Clients")).toBe(true);
    expect(topicMatches("ACCOUNTS", "Accounts")).toBe(false);
  });

  it("are valid or not as the specification's examples say", () => {
    for (const valid of ["#", "sport/#", "+", "+/tennis/#", "sport/+/player1", "+/+", "/+"])
      expect(invalidFilter(valid), valid).toBeUndefined();
    for (const invalid of ["", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "a/#/"])
      expect(invalidFilter(invalid), invalid).toBeDefined();
  });

  it("match exactly the topics the specification's reading matches", () => {
    fc.assert(
      fc.property(filter, topic, (one, name) => topicMatches(one, name) === oracle(one, name)),
      { numRuns: 5_000 },
    );
  });

  it('never let "#" or a leading "+" see a "$" topic, and let "#" see every other', () => {
    fc.assert(
      fc.property(topic, (name) => {
        expect(topicMatches("#", name)).toBe(!name.startsWith("$"));
        if (name.startsWith("$")) expect(topicMatches(`+/${"#"}`, name)).toBe(false);
      }),
    );
  });

  it("match a topic name with itself only, when it has no wildcards", () => {
    fc.assert(
      fc.property(topic, topic, (one, other) => topicMatches(one, other) === (one === other)),
    );
  });

  it("take every generated filter as valid", () => {
    fc.assert(fc.property(filter, (one) => invalidFilter(one) === undefined));
  });

  it("cover a subscription only when every topic it matches is allowed", () => {
    fc.assert(
      fc.property(filter, filter, topic, (allowed, requested, name) => {
        if (filterCovers(allowed, requested) && topicMatches(requested, name))
          expect(topicMatches(allowed, name), `${allowed} ⊇ ${requested} ∋ ${name}`).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it("cover every filter with itself, and a topic name exactly when they match", () => {
    fc.assert(fc.property(filter, (one) => filterCovers(one, one)));
    fc.assert(
      fc.property(
        filter,
        topic,
        (one, name) => filterCovers(one, name) === topicMatches(one, name),
      ),
    );
  });

  it("keep one vending unit's subscriptions out of another's and out of the uplink", () => {
    const own = "lan/vending/vending-lan/in/#";
    expect(filterCovers(own, "lan/vending/vending-lan/in/#")).toBe(true);
    expect(filterCovers(own, "lan/vending/vending-lan/in/vend")).toBe(true);
    expect(filterCovers(own, "lan/vending/vending-lan/in/+")).toBe(true);
    expect(filterCovers(own, "lan/vending/+/in/#")).toBe(false);
    expect(filterCovers(own, "lan/vending/other/in/#")).toBe(false);
    expect(filterCovers(own, "lan/vending/vending-lan/#")).toBe(false);
    expect(filterCovers(own, "#")).toBe(false);
    expect(filterCovers("#", "linli/#")).toBe(true);
    expect(filterCovers("#", "$SYS/#")).toBe(false);
    expect(filterCovers("lan/+", "lan/#")).toBe(false);
  });
});
