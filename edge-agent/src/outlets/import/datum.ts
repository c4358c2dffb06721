import { transformDatum } from "../datum.js";
import { importError } from "./errors.js";
import type { Datum } from "./types.js";

const DATUM_NAMES: Readonly<Record<string, Datum>> = {
  gcj02: "gcj02",
  gcj: "gcj02",
  amap: "gcj02",
  高德: "gcj02",
  腾讯: "gcj02",
  火星坐标: "gcj02",
  bd09: "bd09",
  bd09ll: "bd09",
  baidu: "bd09",
  百度: "bd09",
  wgs84: "wgs84",
  wgs1984: "wgs84",
  epsg4326: "wgs84",
  "4326": "wgs84",
  crs84: "wgs84",
  gps: "wgs84",
};

function datumKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^urn:ogc:def:crs:(?:ogc:1\.3:|epsg::)?/, "")
    .replace(/[\s:_-]/g, "");
}

/**
 * A datum as a file or a person names it: "gcj02", "GCJ-02", "bd09", "百度",
 * "WGS84", "EPSG:4326", or a GeoJSON 2008 `crs` object naming one.
 */
export function parseDatum(value: unknown): Datum | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "object") {
    const name = (value as { properties?: { name?: unknown } }).properties?.name;
    return parseDatum(name ?? "");
  }
  const datum = DATUM_NAMES[datumKey(String(value))];
  if (!datum) {
    throw importError(
      "DATUM",
      `unknown coordinate datum "${String(value)}": use gcj02 (高德/腾讯), bd09 (百度) or wgs84 (GPS)`,
    );
  }
  return datum;
}

/** A point in the given datum → WGS-84 [lng, lat], by gcoord. */
export function toWgs84(lng: number, lat: number, datum: Datum): [number, number] {
  return transformDatum(lng, lat, datum, "wgs84");
}

/** Where a point must lie to be believed: mainland China, Hainan and the South China Sea. */
const CHINA = { minLng: 73, maxLng: 136, minLat: 3, maxLat: 54 };

function inChina(lng: number, lat: number): boolean {
  return lng >= CHINA.minLng && lng <= CHINA.maxLng && lat >= CHINA.minLat && lat <= CHINA.maxLat;
}

/** Why a point cannot be an outlet in China, or undefined when it can. */
export function coordinateProblem(lng: number, lat: number): string | undefined {
  if (inChina(lng, lat)) return undefined;
  if (inChina(lat, lng)) {
    return `经度/lng ${lng} and 纬度/lat ${lat} look swapped: longitude comes first in China (73–136), latitude second (3–54)`;
  }
  if (lng === 0 && lat === 0) return "the point is 0, 0: the coordinates are missing";
  return `the point ${lng}, ${lat} is outside China (经度/lng 73–136, 纬度/lat 3–54)`;
}
