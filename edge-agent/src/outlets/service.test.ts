import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { Store } from "../store/store.js";
import { importSampleCircle, SAMPLE_CENTRE_GCJ02, SAMPLE_CIRCLE_GAPS } from "./data/index.js";
import type { OutletRecord } from "./record.js";
import { OutletRepository } from "./repository.js";
import { KIOSK, outlet } from "./search/fixtures.js";
import { OutletService } from "./service.js";

const MONDAY_10_SHANGHAI = new Date("2024-06-03T10:00:00+08:00");

function serviceOver(records: OutletRecord[]) {
  const source = { records, all: () => [...source.records] };
  const service = new OutletService({ source, location: { ...KIOSK, datum: "wgs84" } });
  return { service, source };
}

describe("the outlet service", () => {
  it("answers nothing before start, with a code that says to retry", () => {
    const { service } = serviceOver([]);
    expect(() => service.search({}, MONDAY_10_SHANGHAI)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_OUTLET_NOT_READY", status: 503 }),
    );
  });

  it("searches in the API's shape, minutes rounded up and distance in whole metres", () => {
    const { service } = serviceOver([
      outlet("好邻居便利店", "convenience_store", 1000, { chain: "好邻居" }),
    ]);
    service.start();
    const answer = service.search({ q: "bld" }, MONDAY_10_SHANGHAI);
    expect(answer.total).toBe(1);
    expect(answer.items[0]).toMatchObject({
      name: "好邻居便利店",
      category: "convenience_store",
      chain: "好邻居",
      distanceMeters: 1250,
      walkMinutes: { normal: 15, elderly: 21 },
      openState: "open",
      openNow: true,
      opensAt: null,
      closesAt: "2024-06-03T22:00:00+08:00",
      match: { kind: "initials", highlight: { start: 3, end: 6 } },
    });
  });

  it("gives an outlet's detail with hours, services and prices, or a 404 error", () => {
    const shop = outlet("老王修鞋", "repair", 300, {
      phone: "021-5888 0000",
      services: ["修鞋", "配钥匙"],
      prices: [{ item: "配钥匙", priceFen: 500, unit: "把" }],
      hours: "Tu-Su 08:00-20:00",
    });
    const { service } = serviceOver([shop]);
    service.start();
    expect(service.get(shop.id, MONDAY_10_SHANGHAI)).toMatchObject({
      hours: "Tu-Su 08:00-20:00",
      openState: "closed",
      opensAt: "2024-06-04T08:00:00+08:00",
      services: ["修鞋", "配钥匙"],
      prices: [{ item: "配钥匙", priceFen: 500, unit: "把" }],
      phone: "021-5888 0000",
    });
    expect(() => service.get("gone", MONDAY_10_SHANGHAI)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_OUTLET_NOT_FOUND", status: 404 }),
    );
  });

  it("sees new data after reload", () => {
    const { service, source } = serviceOver([outlet("张记早餐", "breakfast", 200)]);
    service.start();
    expect(service.search({ q: "早餐" }, MONDAY_10_SHANGHAI).total).toBe(1);
    source.records = [...source.records, outlet("李记早餐", "breakfast", 300)];
    expect(service.search({ q: "早餐" }, MONDAY_10_SHANGHAI).total).toBe(1);
    service.reload();
    expect(service.search({ q: "早餐" }, MONDAY_10_SHANGHAI).total).toBe(2);
    service.stop();
    expect(() => service.categories()).toThrow(/not loaded/);
  });

  it("lists the catalog with counts, and the coverage with gaps", () => {
    const { service } = serviceOver([
      outlet("好邻居便利店", "convenience_store", 300),
      outlet("快客便利店", "convenience_store", 2000),
    ]);
    service.start();
    const { categories, groups } = service.categories();
    expect(categories.find((c) => c.code === "convenience_store")).toMatchObject({
      zh: "便利店",
      count: 2,
      withinRadius: 1,
    });
    expect(groups.map((g) => g.zh)).toEqual(["一店一早", "一菜一修", "一老一小", "一收一洗"]);
    const coverage = service.coverage(MONDAY_10_SHANGHAI);
    expect(coverage.generatedAt).toBe("2024-06-03T02:00:00.000Z");
    expect(coverage.circleClass).toBeNull();
    expect(coverage.gaps[0]?.code).toBe("supermarket");
    expect(coverage.categories[0]).toMatchObject({
      code: "convenience_store",
      covered: true,
      nearest: {
        name: "好邻居便利店",
        distanceMeters: 375,
        walkMinutes: { normal: 5, elderly: 7 },
      },
    });
  });

  it("serves the shipped sample circle from the store, rebuilding after each import", () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-outlet-service-"));
    const store = new Store(join(dir, "linli.db"), createLogger({ level: "silent" }));
    try {
      store.start();
      const repository = new OutletRepository(store.db);
      const service = new OutletService({
        source: repository,
        location: { ...SAMPLE_CENTRE_GCJ02, datum: "gcj02" },
      });
      service.start();
      expect(service.search({}, MONDAY_10_SHANGHAI).total).toBe(0);
      importSampleCircle(repository);
      const all = service.search({ limit: 100 }, MONDAY_10_SHANGHAI);
      expect(all.total).toBeGreaterThanOrEqual(250);
      const near = service.search({ category: "pharmacy", maxMinutes: 10 }, MONDAY_10_SHANGHAI);
      expect(near.total).toBeGreaterThan(0);
      expect(near.items.every((item) => item.walkMinutes.normal <= 10)).toBe(true);
      expect(service.search({ q: "bld" }, MONDAY_10_SHANGHAI).items[0]?.category).toBe(
        "convenience_store",
      );
      const gaps = service.coverage(MONDAY_10_SHANGHAI).gaps.map((gap) => gap.code);
      expect(gaps).toEqual(
        expect.arrayContaining([...SAMPLE_CIRCLE_GAPS.missing, ...SAMPLE_CIRCLE_GAPS.beyondRadius]),
      );
      expect(gaps).toHaveLength(
        SAMPLE_CIRCLE_GAPS.missing.length + SAMPLE_CIRCLE_GAPS.beyondRadius.length,
      );
      service.stop();
    } finally {
      store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
