import { createHash } from "node:crypto";
import { buildCatalog } from "@linli/protocols/catalog";
import { describe, expect, it } from "vitest";
import { normaliseHours } from "../import/hours.js";
import { namePinyin } from "../import/pinyin.js";
import { generateCity } from "./city.js";

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

describe("city-scale data", () => {
  it("gives 100,000 outlets, the same for the same seed, in reasonable time", () => {
    const started = performance.now();
    const first = generateCity({ count: 100_000, seed: 42 });
    const elapsed = performance.now() - started;
    expect(first).toHaveLength(100_000);
    expect(digest(generateCity({ count: 100_000, seed: 42 }))).toBe(digest(first));
    expect(digest(generateCity({ count: 1000, seed: 43 }))).not.toBe(digest(first.slice(0, 1000)));
    expect(new Set(first.map((outlet) => outlet.id)).size).toBe(100_000);
    expect(elapsed).toBeLessThan(10_000);
  }, 60_000);

  it("gives outlets the store accepts: catalog categories, valid hours, pinyin as import computes it", () => {
    const catalog = buildCatalog();
    const outlets = generateCity({ count: 2000, seed: 7 });
    for (const outlet of outlets.slice(0, 200)) {
      expect(catalog.byCode.has(outlet.category)).toBe(true);
      expect(normaliseHours(outlet.hours ?? "")).toEqual({ hours: outlet.hours });
      const pinyin = namePinyin(outlet.name);
      expect([outlet.namePinyin, outlet.nameInitials]).toEqual([pinyin.full, pinyin.initials]);
    }
    expect(new Set(outlets.map((outlet) => outlet.category)).size).toBe(catalog.categories.length);
  });

  it("is dense near the centre and thin at the edge of a city", () => {
    const center = { lng: 116.397, lat: 39.909 };
    const outlets = generateCity({ count: 20_000, seed: 3, center });
    const km = (o: { lng: number; lat: number }) =>
      Math.hypot(
        (o.lng - center.lng) * 111.32 * Math.cos((center.lat * Math.PI) / 180),
        (o.lat - center.lat) * 111.32,
      );
    const distances = outlets.map(km);
    const within = (from: number, to: number) =>
      distances.filter((d) => d >= from && d < to).length / (Math.PI * (to ** 2 - from ** 2));
    expect(within(0, 2)).toBeGreaterThan(within(10, 15) * 5);
    expect(Math.max(...distances)).toBeLessThan(25);
  });
});
