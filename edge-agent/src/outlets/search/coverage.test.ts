import { buildCatalog, CATEGORIES } from "@linli/protocols/catalog";
import { describe, expect, it } from "vitest";
import type { OutletRecord } from "../record.js";
import { assessCoverage } from "./coverage.js";
import { KIOSK, outlet } from "./fixtures.js";
import { OutletIndex } from "./outlet-index.js";

const BASIC = CATEGORIES.filter((c) => c.class === "basic").map((c) => c.code);
const QUALITY = CATEGORIES.filter((c) => c.class === "quality").map((c) => c.code);

/** One outlet per category, 400 m straight (500 m, 6 minutes' walk) away. */
const near = (codes: readonly string[], meters = 400) =>
  codes.map((code) => outlet(`${code} 店`, code, meters));

function coverageOf(records: OutletRecord[]) {
  const index = new OutletIndex(records, {
    catalog: buildCatalog(),
    location: { ...KIOSK, datum: "wgs84" },
  });
  return assessCoverage(index);
}

const CARE = ["elderly_care", "childcare", "community_canteen"];
const OTHER_QUALITY = QUALITY.filter((code) => !CARE.includes(code));

describe("the circle's coverage", () => {
  it("classes a circle with every basic category and 8 quality ones, care included, 品质型", () => {
    const report = coverageOf(near([...BASIC, ...CARE, ...OTHER_QUALITY.slice(0, 5)]));
    expect(report.circleClass?.class).toBe("品质型");
    expect(report.basic).toEqual({ covered: 13, total: 13, share: 1 });
    expect(report.quality.covered).toBe(8);
    expect(report.explanation).toMatch(/^品质型 \(quality\)/);
  });

  it("classes every basic category and 4 quality ones without childcare 提升型, saying what 品质型 lacks", () => {
    const report = coverageOf(near([...BASIC, ...OTHER_QUALITY.slice(0, 4)]));
    expect(report.circleClass?.class).toBe("提升型");
    expect(report.explanation).toContain("for 品质型");
    expect(report.explanation).toContain("养老服务 (elderly_care)");
    expect(report.rules.map((check) => check.met)).toEqual([false, true, true]);
  });

  it("classes 80 % of basic categories with the three essentials 基础型", () => {
    const present = BASIC.filter((code) => !["laundry", "recycling"].includes(code));
    const report = coverageOf(near(present));
    expect(report.circleClass?.class).toBe("基础型");
    expect(report.basic.covered).toBe(11);
  });

  it("classes a circle without a pharmacy in reach as none, and says why", () => {
    const present = BASIC.filter((code) => !["laundry", "pharmacy"].includes(code));
    const report = coverageOf([...near(present), outlet("远方大药房", "pharmacy", 900)]);
    expect(report.circleClass).toBeNull();
    expect(report.explanation).toContain("the circle meets no class");
    expect(report.explanation).toContain(
      "基础型 requires 药店 (pharmacy) within 10 minutes; the nearest is 14 minutes away",
    );
    const pharmacy = report.categories.find((c) => c.category.code === "pharmacy");
    expect(pharmacy?.covered).toBe(false);
    expect(pharmacy?.nearest?.outlet.name).toBe("远方大药房");
  });

  it("classes an empty circle as none, every category a gap with no nearest outlet", () => {
    const report = coverageOf([]);
    expect(report.circleClass).toBeNull();
    expect(report.gaps).toHaveLength(CATEGORIES.length);
    expect(report.gaps.every((gap) => gap.nearest === null)).toBe(true);
    expect(report.chainShare.all).toEqual({ outlets: 0, chained: 0, share: null });
  });

  it("lists the gaps basic categories first (缺什么补什么)", () => {
    const report = coverageOf(near(["convenience_store", "cafe", "pharmacy"]));
    const gaps = report.gaps.map((gap) => gap.category.code);
    expect(gaps).not.toContain("convenience_store");
    expect(gaps).not.toContain("cafe");
    expect(gaps.slice(0, BASIC.length - 2)).toEqual(
      BASIC.filter((code) => code !== "convenience_store" && code !== "pharmacy"),
    );
    expect(gaps.slice(BASIC.length - 2)).toEqual(QUALITY.filter((code) => code !== "cafe"));
  });

  it("counts a category covered only within its own radius: 10 minutes basic, 15 quality", () => {
    // 1,000 m straight is a 15-minute walk: in reach for a cafe, not for a shop.
    const report = coverageOf([
      outlet("远一点的便利店", "convenience_store", 1000),
      outlet("远一点的咖啡", "cafe", 1000),
    ]);
    const covered = (code: string) =>
      report.categories.find((c) => c.category.code === code)?.covered;
    expect(covered("convenience_store")).toBe(false);
    expect(covered("cafe")).toBe(true);
  });

  it("reports the chain share of all outlets and of those within 15 minutes", () => {
    const report = coverageOf([
      outlet("好邻居便利店", "convenience_store", 200, { chain: "好邻居" }),
      outlet("张记早餐", "breakfast", 300),
      outlet("老王修鞋", "repair", 500),
      outlet("全家(远)", "convenience_store", 2000, { chain: "全家" }),
    ]);
    expect(report.chainShare.all).toEqual({ outlets: 4, chained: 2, share: 0.5 });
    expect(report.chainShare.within15Minutes).toEqual({ outlets: 3, chained: 1, share: 1 / 3 });
  });
});
