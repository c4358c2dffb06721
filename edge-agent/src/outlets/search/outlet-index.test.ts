import { buildCatalog } from "@linli/protocols/catalog";
import { describe, expect, it } from "vitest";
import { KIOSK, outlet } from "./fixtures.js";
import { OutletIndex, type OutletPage } from "./outlet-index.js";

const MONDAY_10_SHANGHAI = new Date("2024-06-03T10:00:00+08:00");

// Distances are straight-line metres north of the kiosk; walking adds a quarter.
const records = [
  outlet("百乐迪量贩KTV", "leisure", 900),
  outlet("好邻居便利店", "convenience_store", 300, { chain: "好邻居", hours: "24/7" }),
  outlet("全家FamilyMart", "convenience_store", 150, { chain: "全家" }),
  outlet("快客便利店(浦电路店)", "convenience_store", 400),
  outlet("老百姓药店", "pharmacy", 700, { hours: "Tu-Su 08:00-20:00" }),
  outlet("益丰大药房", "pharmacy", 200, { hours: null }),
  outlet("修鞋", "repair", 820),
  outlet("老王修鞋", "repair", 250, { hours: "Tu-Su 08:00-20:00" }),
  outlet("修鞋配钥匙", "repair", 600),
  outlet("家电维修", "repair", 120),
  outlet("干净洗衣", "laundry", 50, { services: ["改衣修补", "干洗"] }),
  outlet("张记早餐", "breakfast", 350),
  outlet("长者照护之家", "elderly_care", 450),
];

const index = new OutletIndex(records, {
  catalog: buildCatalog(),
  location: { ...KIOSK, datum: "wgs84" },
});

const names = (page: OutletPage) => page.items.map((hit) => hit.outlet.name);
const search = (q: string, extra = {}) => index.search({ q, ...extra }, MONDAY_10_SHANGHAI);
const first = (page: OutletPage) => page.items[0];

describe("the outlet index", () => {
  it("lists a category within N minutes nearest first", () => {
    const page = index.search({ category: "convenience_store", maxMinutes: 5 }, MONDAY_10_SHANGHAI);
    expect(names(page)).toEqual(["全家FamilyMart", "好邻居便利店"]);
    expect(page.total).toBe(2);
    const minutes = page.items.map((hit) => hit.walk.minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    expect(page.items[1]?.walk.walkingMeters).toBeCloseTo(375, 3);
  });

  it("takes a category by its Chinese name or a synonym", () => {
    expect(names(index.search({ category: "药店" }, MONDAY_10_SHANGHAI))).toEqual([
      "益丰大药房",
      "老百姓药店",
    ]);
    expect(index.search({ category: "大药房" }, MONDAY_10_SHANGHAI).total).toBe(2);
  });

  it("reads maxMinutes at the elderly speed when asked", () => {
    const page = index.search(
      { category: "convenience_store", maxMinutes: 5, elderly: true },
      MONDAY_10_SHANGHAI,
    );
    expect(names(page)).toEqual(["全家FamilyMart"]);
  });

  it("filters by slogan group: 一店一早 is convenience stores and breakfast", () => {
    const page = index.search({ group: "一店一早" }, MONDAY_10_SHANGHAI);
    expect(names(page)).toEqual([
      "全家FamilyMart",
      "好邻居便利店",
      "张记早餐",
      "快客便利店(浦电路店)",
    ]);
    expect(
      index.search({ group: "store_breakfast", maxMinutes: 5 }, MONDAY_10_SHANGHAI).total,
    ).toBe(2);
    expect(index.search({ group: "一菜一修", category: "药店" }, MONDAY_10_SHANGHAI).total).toBe(0);
  });

  it("lists everything nearest first by default, paged with the total", () => {
    const all = index.search({}, MONDAY_10_SHANGHAI);
    expect(all.total).toBe(records.length);
    expect(first(all)?.outlet.name).toBe("干净洗衣");
    const page = index.search({ limit: 3, offset: 2 }, MONDAY_10_SHANGHAI);
    expect(page.total).toBe(records.length);
    expect(names(page)).toEqual(names(all).slice(2, 5));
  });

  it("finds a two-character Chinese query, name matches before category matches", () => {
    const page = search("药店");
    expect(names(page)).toEqual(["老百姓药店", "益丰大药房"]);
    expect(page.items[0]?.match).toEqual({ kind: "substring", highlight: { start: 3, end: 5 } });
    expect(page.items[1]?.match).toEqual({ kind: "category", highlight: null });
  });

  it("finds a one-character query in names, then categories and services", () => {
    const page = search("修");
    expect(names(page)).toEqual(["修鞋配钥匙", "修鞋", "家电维修", "老王修鞋", "干净洗衣"]);
    expect(page.items.map((hit) => hit.match?.kind)).toEqual([
      "prefix",
      "prefix",
      "substring",
      "substring",
      "service",
    ]);
    expect(page.items[2]?.match?.highlight).toEqual({ start: 3, end: 4 });
  });

  it("ranks an exact name before a prefix before a substring, whatever the distance", () => {
    const page = search("修鞋");
    expect(names(page).slice(0, 3)).toEqual(["修鞋", "修鞋配钥匙", "老王修鞋"]);
    expect(page.items.slice(0, 3).map((hit) => hit.match?.kind)).toEqual([
      "exact",
      "prefix",
      "substring",
    ]);
  });

  it("finds initials: bld puts a 便利店 first, highlighted on 便利店", () => {
    const page = search("bld");
    expect(first(page)?.outlet.name).toBe("好邻居便利店");
    expect(first(page)?.match).toEqual({ kind: "initials", highlight: { start: 3, end: 6 } });
    // bld names the 便利店 category: its outlets come before 百乐迪, whose name merely has b-l-d.
    expect(names(page)).toEqual([
      "好邻居便利店",
      "快客便利店(浦电路店)",
      "全家FamilyMart",
      "百乐迪量贩KTV",
    ]);
    expect(page.items[2]?.match?.kind).toBe("category");
    expect(page.items[3]?.match?.kind).toBe("initials");
  });

  it("finds initials across a name, from any of their pairs", () => {
    expect(first(search("jbld"))?.match).toEqual({
      kind: "initials",
      highlight: { start: 2, end: 6 },
    });
    expect(search("hljbldx").total).toBe(0);
  });

  it("puts a category named by its initials before names that merely share them", () => {
    const index = new OutletIndex(
      [
        outlet("悦动瑜伽馆", "fitness", 100),
        outlet("韵达快递", "postal_express", 120),
        outlet("益丰大药房", "pharmacy", 600),
        outlet("老百姓药店", "pharmacy", 700),
      ],
      { catalog: buildCatalog(), location: { ...KIOSK, datum: "wgs84" } },
    );
    const page = index.search({ q: "yd", limit: 10 }, new Date("2026-11-23T10:00:00+08:00"));
    expect(page.items.map((hit) => hit.outlet.name)).toEqual([
      "老百姓药店",
      "益丰大药房",
      "悦动瑜伽馆",
      "韵达快递",
    ]);
    expect(page.items[0]?.match?.highlight).toEqual({ start: 3, end: 5 });
  });

  it("finds initials yd on 药店", () => {
    const page = search("yd");
    expect(first(page)?.outlet.name).toBe("老百姓药店");
    expect(first(page)?.match?.highlight).toEqual({ start: 3, end: 5 });
  });

  it("finds full pinyin, whole or partly typed, from a syllable's start", () => {
    expect(first(search("bianlidian"))?.match).toEqual({
      kind: "pinyin",
      highlight: { start: 3, end: 6 },
    });
    expect(first(search("bianli"))?.match?.highlight).toEqual({ start: 3, end: 5 });
    expect(first(search("bianl"))?.match?.highlight).toEqual({ start: 3, end: 5 });
    expect(first(search("yaodian"))?.outlet.name).toBe("老百姓药店");
    expect(first(search("Bian Li"))?.outlet.name).toBe("好邻居便利店");
    // "ian" sits inside 便 (bian), not at a syllable's start.
    expect(search("ianli").total).toBe(0);
  });

  it("reads a polyphone as the import did: 长者 is zhangzhe", () => {
    expect(first(search("zhangzhe"))?.outlet.name).toBe("长者照护之家");
  });

  it("matches Latin letters in names without regard to case", () => {
    expect(first(search("familymart"))?.match).toEqual({
      kind: "substring",
      highlight: { start: 2, end: 12 },
    });
    expect(first(search("ＫＴＶ"))?.outlet.name).toBe("百乐迪量贩KTV");
  });

  it("combines text with a category, a radius and paging", () => {
    expect(names(search("修", { category: "repair", maxMinutes: 10 }))).toEqual([
      "修鞋配钥匙",
      "家电维修",
      "老王修鞋",
    ]);
    const page = search("修", { limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(names(page)).toEqual(["修鞋", "家电维修"]);
  });

  it("keeps to open outlets when asked, and shows unknown hours as unknown", () => {
    const open = index.search({ category: "pharmacy", openNow: true }, MONDAY_10_SHANGHAI);
    expect(open.total).toBe(0);
    const all = index.search({ category: "pharmacy" }, MONDAY_10_SHANGHAI);
    expect(all.items.map((hit) => hit.open)).toEqual([
      { state: "unknown", opensAt: null, closesAt: null },
      { state: "closed", opensAt: "2024-06-04T08:00:00+08:00", closesAt: null },
    ]);
    const stores = index.search(
      { group: "一店一早", openNow: true },
      new Date("2024-06-03T23:00:00+08:00"),
    );
    expect(names(stores)).toEqual(["好邻居便利店"]);
    // 修鞋 is also a name for the repair category: 家电维修 matches as one.
    expect(search("修鞋").total).toBe(4);
    expect(names(search("修鞋", { openNow: true }))).toEqual(["修鞋", "修鞋配钥匙", "家电维修"]);
  });

  it("gives an outlet by id with its walk and open state", () => {
    const hit = index.get(records[1]?.id ?? "", MONDAY_10_SHANGHAI);
    expect(hit?.outlet.name).toBe("好邻居便利店");
    expect(hit?.open.state).toBe("open");
    expect(hit?.match).toBeNull();
    expect(index.get("no-such-outlet", MONDAY_10_SHANGHAI)).toBeUndefined();
  });

  it("refuses an unknown category or group with a code and a way out", () => {
    expect(() => index.search({ category: "火箭发射场" }, MONDAY_10_SHANGHAI)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_OUTLET_UNKNOWN_CATEGORY", status: 400 }),
    );
    expect(() => index.search({ group: "一火一箭" }, MONDAY_10_SHANGHAI)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_OUTLET_UNKNOWN_GROUP", status: 400 }),
    );
  });

  it("answers an empty or blank query as no query", () => {
    expect(search("  ").total).toBe(records.length);
    expect(search("火箭").total).toBe(0);
  });
});
