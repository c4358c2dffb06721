import { describe, expect, it } from "vitest";
import { buildCatalog, CATEGORIES, GROUPS } from "./index.js";

describe("the category catalog", () => {
  const catalog = buildCatalog();

  it("has every 基本保障类 category within 10 minutes and 品质提升类 within 15", () => {
    const basic = CATEGORIES.filter((category) => category.class === "basic").map((c) => c.zh);
    expect(basic).toEqual(
      expect.arrayContaining([
        "便利店",
        "综合超市",
        "菜市场",
        "生鲜超市(菜店)",
        "早餐店",
        "洗染店",
        "美容美发店",
        "照相文印店",
        "家政服务点",
        "维修点",
        "药店",
        "邮政快递综合服务点",
        "再生资源回收点",
      ]),
    );
    for (const category of CATEGORIES) {
      expect(category.radiusMinutes).toBe(category.class === "basic" ? 10 : 15);
    }
  });

  it("resolves codes, Chinese names and common synonyms", () => {
    expect(catalog.resolve("菜店")?.code).toBe("fresh_grocery");
    expect(catalog.resolve("快递站")?.code).toBe("postal_express");
    expect(catalog.resolve("生鲜超市（菜店）")?.code).toBe("fresh_grocery");
    expect(catalog.resolve("pharmacy")?.zh).toBe("药店");
    expect(catalog.resolve("Pharmacy")?.zh).toBe("药店");
    expect(catalog.resolve("火箭发射场")).toBeUndefined();
  });

  it("groups by the four slogans", () => {
    expect(GROUPS.map((group) => group.zh)).toEqual([
      "一店一早",
      "一菜一修",
      "一老一小",
      "一收一洗",
    ]);
    expect(catalog.group("一菜一修")?.categories).toContain("repair");
  });

  it("takes a deployment's extra categories, and refuses an ambiguous name", () => {
    const extended = buildCatalog([
      {
        code: "clinic",
        zh: "社区卫生服务站",
        en: "Community clinic",
        class: "basic",
        radiusMinutes: 15,
        icon: "clinic",
        synonyms: ["卫生站"],
      },
    ]);
    expect(extended.resolve("卫生站")?.code).toBe("clinic");
    expect(() =>
      buildCatalog([
        {
          code: "drugs",
          zh: "药房",
          en: "Drugs",
          class: "basic",
          radiusMinutes: 10,
          icon: "pill",
          synonyms: [],
        },
      ]),
    ).toThrow(/"药房" is used by both pharmacy and drugs/);
  });
});
