import { encodeGbk } from "@linli/protocols/escpos";
import { describe, expect, it } from "vitest";
import { parseOutlets } from "./pipeline.js";

const now = new Date("2025-06-01T08:00:00Z");
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

const CHINESE = [
  "名称,类别,地址,电话,经度,纬度,营业时间,服务,品牌,连锁,价目",
  "全家(潍坊路店),便利店,潍坊路 328 号,021-58881234,121.5265,31.2272,24小时,代收代发、打印复印,全家,是,",
  "王师傅修鞋配钥匙,维修点,崂山路 12 号,,121.5271,31.2281,06:00-20:00,修鞋，配钥匙,,否,修鞋跟 ￥15/次；配钥匙 ¥5/把",
].join("\n");

const ENGLISH = [
  "Name,Category,Address,Phone,Lng,Lat,Opening Hours,Services,Brand,Chain,Prices,Notes",
  "Luckin Coffee,cafe,张杨路 500 号,,121.5202,31.2290,Mo-Su 07:00-20:00,外卖,瑞幸,瑞幸,,new",
].join("\r\n");

describe("CSV import", () => {
  it("reads Chinese headers in UTF-8 with a byte-order mark", () => {
    const parsed = parseOutlets(withBom(CHINESE), { sourceName: "outlets.csv", now });
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.records.map((record) => record.name)).toEqual([
      "全家(潍坊路店)",
      "王师傅修鞋配钥匙",
    ]);
    const [store, repair] = parsed.records;
    expect(store).toMatchObject({
      category: "convenience_store",
      address: "潍坊路 328 号",
      phone: "021-58881234",
      hours: "24/7",
      services: ["代收代发", "打印复印"],
      brand: "全家",
      chain: "全家",
      source: "outlets.csv:2",
    });
    expect(repair).toMatchObject({
      category: "repair",
      phone: null,
      hours: "Mo-Su 06:00-20:00",
      services: ["修鞋", "配钥匙"],
      chain: null,
      prices: [
        { item: "修鞋跟", priceFen: 1500, unit: "次" },
        { item: "配钥匙", priceFen: 500, unit: "把" },
      ],
      source: "outlets.csv:3",
    });
  });

  it("reads the same file without a byte-order mark, giving the same outlets", () => {
    const plain = parseOutlets(utf8(CHINESE), { sourceName: "outlets.csv", now });
    const bom = parseOutlets(withBom(CHINESE), { sourceName: "outlets.csv", now });
    expect(plain.records).toEqual(bom.records);
  });

  it("detects GBK, as Chinese Excel saves CSV, and reads it the same", () => {
    const gbk = encodeGbk(CHINESE);
    const parsed = parseOutlets(gbk, { sourceName: "outlets.csv", now });
    expect(parsed.encoding).toBe("gb18030");
    expect(parsed.records).toEqual(
      parseOutlets(utf8(CHINESE), { sourceName: "outlets.csv", now }).records,
    );
    expect(
      parseOutlets(gbk, { sourceName: "outlets.csv", encoding: "GBK", now }).records,
    ).toHaveLength(2);
  });

  it("refuses bytes that are not in the encoding it was told", () => {
    expect(() => parseOutlets(encodeGbk(CHINESE), { encoding: "utf-8" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_IMPORT_ENCODING" }),
    );
    expect(() => parseOutlets(utf8(CHINESE), { encoding: "latin9" })).toThrow(/unknown encoding/);
  });

  it("reads English headers in any case, and lists the columns it ignores", () => {
    const parsed = parseOutlets(utf8(ENGLISH), { sourceName: "en.csv" });
    expect(parsed.records[0]).toMatchObject({
      name: "Luckin Coffee",
      category: "cafe",
      hours: "Mo-Su 07:00-20:00",
      brand: "瑞幸",
      chain: "瑞幸",
      namePinyin: "luckincoffee",
    });
    expect(parsed.ignoredColumns).toEqual(["Notes"]);
  });

  it("resolves category synonyms: 菜店 and 快递站", () => {
    const csv = [
      "名称,类别,经度,纬度",
      "老王菜店,菜店,121.52,31.22",
      "菜鸟驿站,快递站,121.53,31.23",
    ];
    const parsed = parseOutlets(utf8(csv.join("\n")), { sourceName: "s.csv" });
    expect(parsed.records.map((record) => record.category)).toEqual([
      "fresh_grocery",
      "postal_express",
    ]);
  });

  it("rejects bad rows with the line a person sees in the file, and loads the good ones", () => {
    const csv = [
      "名称,类别,地址,经度,纬度,营业时间", // 1
      "好德便利,便利店,潍坊路 1 号,121.5265,31.2272,24小时", // 2
      "", // 3
      '"快客便利",便利店,"崂山路 2 号', // 4: a quoted address over two lines
      '(近潍坊路)",121.5270,31.2270,07:00-23:00', // 5
      "火箭发射场,火箭发射场,,121.52,31.22,", // 6
      "罗森,便利店,,31.2272,121.5265,", // 7
      "阿婆早点,早餐店,,121.52,31.22,看心情", // 8
      ",早餐店,,121.52,31.22,", // 9
      "多一列,便利店,,121.52,31.22,,多余", // 10
      "宠物之家,火箭发射场,,121.52,31.22,", // 11
      "上海杂货,便利店,,abc,31.22,", // 12
    ].join("\n");
    const parsed = parseOutlets(utf8(csv), { sourceName: "bad.csv" });
    expect(parsed.records.map((record) => [record.name, record.source])).toEqual([
      ["好德便利", "bad.csv:2"],
      ["快客便利", "bad.csv:4"],
    ]);
    expect(parsed.records[1]?.address).toBe("崂山路 2 号\n(近潍坊路)");
    expect(parsed.rejected.map((row) => row.line)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    const reasons = Object.fromEntries(parsed.rejected.map((row) => [row.line, row.reason]));
    expect(reasons[6]).toMatch(/unknown category "火箭发射场"/);
    expect(reasons[7]).toMatch(/look swapped/);
    expect(reasons[8]).toMatch(/cannot read the opening hours "看心情"/);
    expect(reasons[9]).toMatch(/名称\/name is empty/);
    expect(reasons[10]).toMatch(/has 7 fields but the header has 6/);
    expect(reasons[12]).toMatch(/经度\/lng "abc" is not a number/);
    expect(parsed.unknownCategories).toEqual([{ value: "火箭发射场", lines: [6, 11] }]);
  });

  it("rejects a second row for the same outlet, pointing at the first", () => {
    const csv = ["名称,类别,经度,纬度", "全家,便利店,121.52,31.22", "全家,便利店,121.52,31.22"];
    const parsed = parseOutlets(utf8(csv.join("\n")), { sourceName: "dup.csv" });
    expect(parsed.records).toHaveLength(1);
    expect(parsed.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^the same outlet as line 2/) },
    ]);
  });

  it("refuses a file whose header lacks a needed column, naming what it found", () => {
    const csv = "名称,地址,经度,纬度\n全家,潍坊路,121.52,31.22";
    expect(() => parseOutlets(utf8(csv))).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_IMPORT_HEADER",
        message: expect.stringContaining("no 类别/category column (found: 名称, 地址, 经度, 纬度)"),
      }),
    );
  });

  it("refuses a file whose quotes are broken, naming the line", () => {
    const csv = '名称,类别,经度,纬度\n全家,便利店,121.52,31.22\n"罗森,便利店,121.52,31.22\n';
    expect(() => parseOutlets(utf8(csv), { sourceName: "broken.csv" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_IMPORT_MALFORMED" }),
    );
  });

  it("reads tab-separated files too, assuming GCJ-02 coordinates unless told", () => {
    const tsv = "名称\t类别\t经度\t纬度\n全家\t便利店\t121.5265\t31.2272";
    const parsed = parseOutlets(utf8(tsv), { sourceName: "t.tsv" });
    expect(parsed).toMatchObject({ datum: "gcj02", datumFrom: "default" });
    expect(parsed.records[0]?.lng).toBeCloseTo(121.52215, 4);
    const told = parseOutlets(utf8(tsv), { sourceName: "t.tsv", datum: "WGS-84" });
    expect(told).toMatchObject({ datum: "wgs84", datumFrom: "option" });
    expect(told.records[0]?.lng).toBe(121.5265);
  });
});
