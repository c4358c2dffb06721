import { namePinyin } from "../import/pinyin.js";
import type { OutletRecord } from "../record.js";
import type { LngLat } from "./walking.js";

/** Small, readable outlet data for tests (not shipped data: see outlets/data). */

const EARTH_RADIUS_METERS = 6_371_008.8;

/** A kiosk in 潍坊新村, Shanghai (WGS-84). */
export const KIOSK: LngLat = { lng: 121.5237, lat: 31.2305 };

/** The WGS-84 point `north` and `east` metres (straight line) from `origin`. */
export function offsetFrom(origin: LngLat, north: number, east = 0): LngLat {
  const lat = origin.lat + (north / EARTH_RADIUS_METERS) * (180 / Math.PI);
  const lng =
    origin.lng +
    (east / (EARTH_RADIUS_METERS * Math.cos((origin.lat * Math.PI) / 180))) * (180 / Math.PI);
  return { lng, lat };
}

let serial = 0;

/** An outlet `meters` (straight line) north of the kiosk; pinyin as the import computes it. */
export function outlet(
  name: string,
  category: string,
  meters: number,
  extra: Partial<OutletRecord> = {},
): OutletRecord {
  serial++;
  const pinyin = namePinyin(name);
  return {
    id: `o-${serial}`,
    name,
    category,
    address: null,
    phone: null,
    ...offsetFrom(KIOSK, meters),
    hours: "Mo-Su 07:00-22:00",
    services: [],
    prices: [],
    brand: null,
    chain: null,
    namePinyin: pinyin.full,
    nameInitials: pinyin.initials,
    source: "fixture",
    updatedAt: "2024-06-01T00:00:00.000Z",
    ...extra,
  };
}
