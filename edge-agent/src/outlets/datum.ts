import gcoordModule from "gcoord";

/** The coordinate datums Chinese map data comes in. */
export type Datum = "gcj02" | "bd09" | "wgs84";

// gcoord is CommonJS and its typings declare an ES default export; at run time
// Node hands over module.exports itself, a bundler may hand over `.default`.
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord =
  (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

const CRS: Record<Datum, Parameters<Gcoord["transform"]>[1]> = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};

/** A point from one datum to another, by gcoord: [lng, lat]. */
export function transformDatum(lng: number, lat: number, from: Datum, to: Datum): [number, number] {
  if (from === to) return [lng, lat];
  return gcoord.transform<[number, number]>([lng, lat], CRS[from], CRS[to]);
}
