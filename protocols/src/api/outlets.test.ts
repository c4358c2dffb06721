import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import { CategoriesResponse } from "./catalog.js";
import { OutletDetail, OutletSearchQuery, OutletSearchResponse } from "./outlets.js";

const summary = {
  id: "o-1",
  name: "好邻居便利店",
  category: "convenience_store",
  address: "浦电路 12 号",
  brand: null,
  chain: "好邻居",
  lng: 121.52,
  lat: 31.23,
  distanceMeters: 375,
  walkMinutes: { normal: 5, elderly: 7 },
  openState: "open",
  openNow: true,
  opensAt: null,
  closesAt: "2024-06-03T22:00:00+08:00",
  match: { kind: "initials", highlight: { start: 3, end: 6 } },
};

describe("the outlet API schemas", () => {
  it("take a search within 1 to 60 minutes and 1 to 100 results", () => {
    expect(Value.Check(OutletSearchQuery, { q: "bld", maxMinutes: 15, limit: 20 })).toBe(true);
    expect(Value.Check(OutletSearchQuery, { maxMinutes: 0 })).toBe(false);
    expect(Value.Check(OutletSearchQuery, { maxMinutes: 61 })).toBe(false);
    expect(Value.Check(OutletSearchQuery, { maxMinutes: 7.5 })).toBe(false);
    expect(Value.Check(OutletSearchQuery, { limit: 101 })).toBe(false);
    expect(Value.Check(OutletSearchQuery, { offset: -1 })).toBe(false);
    expect(Value.Check(OutletSearchQuery, { q: "药".repeat(41) })).toBe(false);
  });

  it("describe a search answer, an outlet's detail and the catalog", () => {
    expect(Value.Check(OutletSearchResponse, { items: [summary], total: 1 })).toBe(true);
    expect(
      Value.Check(OutletSearchResponse, { items: [{ ...summary, openState: "maybe" }], total: 1 }),
    ).toBe(false);
    const detail = {
      ...summary,
      phone: null,
      hours: "24/7",
      services: ["代收代发"],
      prices: [{ item: "配钥匙", priceFen: 500, unit: "把" }],
      updatedAt: "2024-06-01T00:00:00.000Z",
    };
    expect(Value.Check(OutletDetail, detail)).toBe(true);
    expect(
      Value.Check(OutletDetail, { ...detail, prices: [{ item: "配钥匙", priceFen: 4.5 }] }),
    ).toBe(false);
    expect(Value.Check(CategoriesResponse, { categories: [], groups: [] })).toBe(true);
  });
});
