import { describe, expect, it } from "vitest";
import { namePinyin } from "./pinyin.js";
import { chainOf, phoneProblem, pricesOf, servicesOf } from "./values.js";

describe("price lists (小修小补 明码标价)", () => {
  it("reads a price board line into items in fen", () => {
    expect(pricesOf("修鞋跟 ￥15/次；配钥匙 ¥5/把")).toEqual({
      prices: [
        { item: "修鞋跟", priceFen: 1500, unit: "次" },
        { item: "配钥匙", priceFen: 500, unit: "把" },
      ],
    });
    expect(pricesOf("换拉链20元/条, 打印 ￥0.5/张、修伞 10元、测血压 免费")).toEqual({
      prices: [
        { item: "换拉链", priceFen: 2000, unit: "条" },
        { item: "打印", priceFen: 50, unit: "张" },
        { item: "修伞", priceFen: 1000 },
        { item: "测血压", priceFen: 0 },
      ],
    });
  });

  it("takes structured items from GeoJSON, in yuan or in fen", () => {
    expect(
      pricesOf([
        { item: "磨刀", price: 5, unit: "把" },
        { item: "换表电池", priceFen: 1500 },
      ]),
    ).toEqual({
      prices: [
        { item: "磨刀", priceFen: 500, unit: "把" },
        { item: "换表电池", priceFen: 1500 },
      ],
    });
  });

  it("refuses a price it cannot read, quoting it", () => {
    expect(pricesOf("修鞋 面议")).toEqual({
      reason: expect.stringContaining('cannot read the price "修鞋 面议"'),
    });
    expect(pricesOf("15")).toHaveProperty("reason");
  });
});

describe("services, chains and phones", () => {
  it("splits services on every separator people use, without repeats", () => {
    expect(servicesOf("代收代发、打印复印，充电宝,代收代发;雨伞借用｜热水|  ")).toEqual([
      "代收代发",
      "打印复印",
      "充电宝",
      "雨伞借用",
      "热水",
    ]);
    expect(servicesOf(["代收代发", " 寄件 "])).toEqual(["代收代发", "寄件"]);
  });

  it("reads 连锁 as a chain's name or as yes/no", () => {
    expect(chainOf("全家", "全家")).toBe("全家");
    expect(chainOf("是", "罗森")).toBe("罗森");
    expect(chainOf("否", null)).toBeNull();
    expect(chainOf(true, null)).toBe("连锁");
    expect(chainOf("", "全家")).toBeNull();
  });

  it("accepts business phone forms and refuses text, without quoting the number", () => {
    expect(phoneProblem("021-58881234")).toBeUndefined();
    expect(phoneProblem("(021) 5888 1234 转 8")).toBeUndefined();
    expect(phoneProblem("找王师傅")).toMatch(/not a phone number/);
    expect(phoneProblem("找王师傅 13800001234")).not.toContain("13800001234");
  });
});

describe("pinyin precomputed for search", () => {
  it("gives full pinyin and initials, lowercase, without tones", () => {
    expect(namePinyin("便利店")).toEqual({ full: "bianlidian", initials: "bld" });
    expect(namePinyin("老百姓大药房(潍坊路店)")).toEqual({
      full: "laobaixingdayaofangweifangludian",
      initials: "lbxdyfwfld",
    });
  });

  it("reads polyphones by their word and writes ü as v", () => {
    expect(namePinyin("长者食堂").full).toBe("zhangzheshitang");
    expect(namePinyin("绿色").full).toBe("lvse");
  });

  it("keeps Latin words and numbers, their first character as the initial", () => {
    expect(namePinyin("Manner Coffee 潍坊路店")).toEqual({
      full: "mannercoffeeweifangludian",
      initials: "mcwfld",
    });
    expect(namePinyin("7-11便利店")).toEqual({ full: "711bianlidian", initials: "71bld" });
  });
});
