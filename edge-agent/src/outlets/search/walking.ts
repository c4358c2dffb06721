import { type Datum, transformDatum } from "../datum.js";

/**
 * Walking time from the kiosk's fixed location: straight-line (haversine)
 * distance times a circuity factor, at a normal and a slower elderly speed.
 * Exact minutes are kept for filtering; display rounds up to whole minutes.
 */
export type { Datum };

export interface LngLat {
  lng: number;
  lat: number;
}

export interface KioskLocation extends LngLat {
  datum: Datum;
}

export interface WalkingConfig {
  /** km/h */
  speedKmh: number;
  /** km/h */
  elderlySpeedKmh: number;
  /** Walking distance over straight-line distance. */
  circuity: number;
}

/** OSRM and Valhalla walk at 5–5.1 km/h; streets add about a quarter to the straight line. */
export const DEFAULT_WALKING: WalkingConfig = {
  speedKmh: 5.0,
  elderlySpeedKmh: 3.6,
  circuity: 1.25,
};

/** The IUGG mean Earth radius. */
const EARTH_RADIUS_METERS = 6_371_008.8;

/** A point in any supported datum, as WGS-84. */
export function toWgs84(point: KioskLocation): LngLat {
  const [lng, lat] = transformDatum(point.lng, point.lat, point.datum, "wgs84");
  return { lng, lat };
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres between two WGS-84 points. */
export function haversineMeters(a: LngLat, b: LngLat): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whole minutes for display: always rounded up, so "5 分钟" is never an understatement. */
export function displayMinutes(exactMinutes: number): number {
  // A hair of tolerance keeps 15.000000000000002 from showing as 16.
  return Math.max(0, Math.ceil(exactMinutes - 1e-9));
}

export interface Walk {
  straightMeters: number;
  walkingMeters: number;
  /** Exact minutes at the normal speed. */
  minutes: number;
  /** Exact minutes at the elderly speed. */
  elderlyMinutes: number;
}

/** Walking estimates from one fixed origin (the kiosk, in WGS-84). */
export class WalkingModel {
  readonly origin: LngLat;
  readonly config: WalkingConfig;
  readonly #metersPerMinute: number;
  readonly #elderlyMetersPerMinute: number;

  constructor(origin: LngLat, config: WalkingConfig = DEFAULT_WALKING) {
    this.origin = origin;
    this.config = config;
    this.#metersPerMinute = (config.speedKmh * 1000) / 60;
    this.#elderlyMetersPerMinute = (config.elderlySpeedKmh * 1000) / 60;
  }

  /** The model for a kiosk whose location may be in GCJ-02 or BD-09. */
  static fromKiosk(location: KioskLocation, config: WalkingConfig = DEFAULT_WALKING): WalkingModel {
    return new WalkingModel(toWgs84(location), config);
  }

  /** Walking metres to a WGS-84 point. */
  walkingMetersTo(point: LngLat): number {
    return haversineMeters(this.origin, point) * this.config.circuity;
  }

  /** Exact minutes to walk `walkingMeters`. */
  minutesFor(walkingMeters: number, elderly = false): number {
    return walkingMeters / (elderly ? this.#elderlyMetersPerMinute : this.#metersPerMinute);
  }

  /** The walking metres covered in `minutes`: the radius of a "within N minutes" filter. */
  metersWithin(minutes: number, elderly = false): number {
    return minutes * (elderly ? this.#elderlyMetersPerMinute : this.#metersPerMinute);
  }

  walkTo(point: LngLat): Walk {
    const straightMeters = haversineMeters(this.origin, point);
    const walkingMeters = straightMeters * this.config.circuity;
    return {
      straightMeters,
      walkingMeters,
      minutes: this.minutesFor(walkingMeters),
      elderlyMinutes: this.minutesFor(walkingMeters, true),
    };
  }
}
