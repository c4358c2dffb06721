import gcoordModule from "gcoord";
import { describe, expect, it } from "vitest";
import { parseOutlets } from "./pipeline.js";

/** 潍坊新村邻里中心 as 高德 (GCJ-02) and 百度 (BD-09) show it, and where it is in WGS-84. */
const CENTRE_GCJ02: [number, number] = [121.5265, 31.2272];
const CENTRE_BD09: [number, number] = [121.533036, 31.233138];
const CENTRE_WGS84: [number, number] = [121.522147, 31.229285];

function metresBetween([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

function collection(point: [number, number], extra: Record<string, unknown> = {}) {
  return {
    type: "FeatureCollection",
    ...extra,
    features: [
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: point },
        properties: { name: "潍坊新村邻里中心", category: "社区食堂", hours: "11:00-13:00" },
      },
    ],
  };
}

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const pointOf = (parsed: ReturnType<typeof parseOutlets>): [number, number] => {
  const record = parsed.records[0];
  if (!record) throw new Error("no record");
  return [record.lng, record.lat];
};

describe("GeoJSON import and datum normalisation", () => {
  it("moves GCJ-02 points to WGS-84, a few hundred metres away", () => {
    const parsed = parseOutlets(bytesOf(collection(CENTRE_GCJ02, { datum: "gcj02" })), {
      sourceName: "c.geojson",
    });
    expect(parsed).toMatchObject({ datum: "gcj02", datumFrom: "file", format: "geojson" });
    const stored = pointOf(parsed);
    expect(metresBetween(stored, CENTRE_WGS84)).toBeLessThan(3);
    const shift = metresBetween(stored, CENTRE_GCJ02);
    expect(shift).toBeGreaterThan(400);
    expect(shift).toBeLessThan(600);
    // Cross-check against gcoord itself (its CommonJS default export, as Node gives it).
    const gcoord = ((gcoordModule as Partial<typeof gcoordModule>).default ??
      gcoordModule) as typeof gcoordModule.default;
    const viaGcoord = gcoord.transform(CENTRE_GCJ02, gcoord.GCJ02, gcoord.WGS84);
    expect(metresBetween(stored, viaGcoord as [number, number])).toBeLessThan(0.01);
  });

  it("moves BD-09 points to the same WGS-84 place", () => {
    const parsed = parseOutlets(bytesOf(collection(CENTRE_BD09, { crs: "BD-09" })));
    expect(parsed.datum).toBe("bd09");
    expect(metresBetween(pointOf(parsed), CENTRE_WGS84)).toBeLessThan(5);
  });

  it("keeps WGS-84 points as they are, and takes WGS-84 by default as RFC 7946 says", () => {
    const declared = parseOutlets(bytesOf(collection(CENTRE_WGS84, { datum: "WGS84" })));
    expect(pointOf(declared)).toEqual(CENTRE_WGS84);
    const undeclared = parseOutlets(bytesOf(collection(CENTRE_WGS84)));
    expect(undeclared).toMatchObject({ datum: "wgs84", datumFrom: "default" });
  });

  it("lets an option override the file's datum, and reads a GeoJSON 2008 crs object", () => {
    const parsed = parseOutlets(bytesOf(collection(CENTRE_GCJ02, { datum: "wgs84" })), {
      datum: "gcj02",
    });
    expect(metresBetween(pointOf(parsed), CENTRE_WGS84)).toBeLessThan(3);
    const crs = { type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } };
    expect(parseOutlets(bytesOf(collection(CENTRE_WGS84, { crs }))).datum).toBe("wgs84");
  });

  it("refuses an unknown datum, listing the known ones", () => {
    expect(() => parseOutlets(bytesOf(collection(CENTRE_GCJ02, { datum: "mars" })))).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_IMPORT_DATUM",
        message: expect.stringContaining("gcj02 (高德/腾讯), bd09 (百度) or wgs84"),
      }),
    );
  });

  it("reads Chinese property names and reports bad features by index", () => {
    const features = [
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: CENTRE_WGS84 },
        properties: {
          名称: "菜鸟驿站",
          类别: "快递站",
          服务: ["代收代发", "寄件"],
          价目: [{ item: "寄件", price: 8, unit: "件" }],
        },
      },
      {
        type: "Feature",
        geometry: { type: "Polygon", coordinates: [] },
        properties: { name: "x" },
      },
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: [0, 0] },
        properties: { name: "零点", category: "便利店" },
      },
      { type: "Nope" },
      {
        type: "Feature",
        geometry: null,
        properties: { name: "无图形", category: "药店", lng: 121.52, lat: 31.22 },
      },
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: CENTRE_WGS84 },
        properties: { name: "猫咪乐园", category: "宠物乐园", 备注: "新开" },
      },
    ];
    const parsed = parseOutlets(bytesOf({ type: "FeatureCollection", features }), {
      sourceName: "mixed.geojson",
    });
    expect(parsed.records.map((record) => [record.name, record.category, record.source])).toEqual([
      ["菜鸟驿站", "postal_express", "mixed.geojson#0"],
      ["无图形", "pharmacy", "mixed.geojson#4"],
    ]);
    expect(parsed.records[0]).toMatchObject({
      services: ["代收代发", "寄件"],
      prices: [{ item: "寄件", priceFen: 800, unit: "件" }],
    });
    expect(parsed.rejected).toEqual([
      { line: 1, reason: expect.stringContaining("Polygon geometry") },
      { line: 2, reason: expect.stringContaining("0, 0") },
      { line: 3, reason: expect.stringContaining("not a GeoJSON Feature") },
      { line: 5, reason: expect.stringContaining('unknown category "宠物乐园"') },
    ]);
    expect(parsed.unknownCategories).toEqual([{ value: "宠物乐园", lines: [5] }]);
    expect(parsed.ignoredColumns).toEqual(["备注"]);
  });

  it("refuses text that is not JSON, or JSON that is not a FeatureCollection", () => {
    const broken = new TextEncoder().encode('{\n"type": "FeatureCollection",\n"features": [}\n');
    expect(() => parseOutlets(broken, { format: "geojson" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_IMPORT_MALFORMED" }),
    );
    expect(() => parseOutlets(bytesOf({ type: "Feature" }), { format: "geojson" })).toThrow(
      /must be a FeatureCollection/,
    );
  });
});
