/**
 * The circle's geometry, derived from what the API says about its outlets.
 *
 * The agent gives each outlet's WGS-84 position, its walking distance
 * (straight line × circuity) and whole walking minutes, but not the kiosk's
 * own position, its walking speeds or its circuity. Those follow from the
 * outlets: for the kiosk at (x0, y0) and q = 1 / circuity²,
 *   (xi − x0)² + (yi − y0)² = q · di²
 * is linear in (x0, y0, K = x0² + y0², q), so least squares over all outlets
 * gives the kiosk and the circuity; and ceil(di / v) = mi bounds the speed v.
 * The map then puts everything in straight-line metres around the kiosk, and
 * an N-minute ring has radius N · v / circuity: the same rule the API's
 * maxMinutes filter uses, so an outlet listed as "within 5 minutes" is always
 * drawn inside the 5-minute ring.
 */

export interface LngLat {
  lng: number;
  lat: number;
}

export interface PlacedOutlet extends LngLat {
  distanceMeters: number;
  walkMinutes: { normal: number; elderly: number };
}

export type Pace = "normal" | "elderly";

export interface CircleGeometry {
  kiosk: LngLat;
  /** Walking distance over straight-line distance. */
  circuity: number;
  /** Walking metres per minute at each pace. */
  metersPerMinute: Record<Pace, number>;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
const DEFAULT_CIRCUITY = 1.25;
const DEFAULT_METERS_PER_MINUTE: Record<Pace, number> = { normal: 5000 / 60, elderly: 3600 / 60 };

/** Metres east (x) and north (y) of `origin`: flat enough for a walking circle. */
export function toLocalMeters(origin: LngLat, point: LngLat): { x: number; y: number } {
  const radians = Math.PI / 180;
  return {
    x: (point.lng - origin.lng) * radians * EARTH_RADIUS_METERS * Math.cos(origin.lat * radians),
    y: (point.lat - origin.lat) * radians * EARTH_RADIUS_METERS,
  };
}

function fromLocalMeters(origin: LngLat, x: number, y: number): LngLat {
  const radians = Math.PI / 180;
  return {
    lng: origin.lng + x / (radians * EARTH_RADIUS_METERS * Math.cos(origin.lat * radians)),
    lat: origin.lat + y / (radians * EARTH_RADIUS_METERS),
  };
}

/** Solves the square system `a · x = b` by Gaussian elimination; null when singular. */
export function solveLinear(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    }
    if (Math.abs(m[pivot]![col]!) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k <= n; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function estimatePosition(
  outlets: readonly PlacedOutlet[],
): Pick<CircleGeometry, "kiosk" | "circuity"> | null {
  if (outlets.length < 4) return null;
  const origin = {
    lng: outlets.reduce((sum, o) => sum + o.lng, 0) / outlets.length,
    lat: outlets.reduce((sum, o) => sum + o.lat, 0) / outlets.length,
  };
  // Distances in kilometres keep the normal equations well conditioned.
  const normal = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
  const rhs = [0, 0, 0, 0];
  for (const outlet of outlets) {
    const { x, y } = toLocalMeters(origin, outlet);
    const [xk, yk, dk] = [x / 1000, y / 1000, outlet.distanceMeters / 1000];
    const row = [2 * xk, 2 * yk, -1, dk * dk];
    const target = xk * xk + yk * yk;
    for (let i = 0; i < 4; i++) {
      rhs[i]! += row[i]! * target;
      for (let j = 0; j < 4; j++) normal[i]![j]! += row[i]! * row[j]!;
    }
  }
  const solution = solveLinear(normal, rhs);
  if (!solution) return null;
  const [x0 = 0, y0 = 0, , q = 0] = solution;
  if (!(q > 0)) return null;
  const circuity = 1 / Math.sqrt(q);
  if (!Number.isFinite(circuity) || circuity < 1 || circuity > 3) return null;
  return { kiosk: fromLocalMeters(origin, x0 * 1000, y0 * 1000), circuity };
}

/**
 * The walking speed that agrees with every outlet's whole minutes:
 * ceil(d / v) = m means d / m ≤ v < d / (m − 1).
 */
function estimateSpeed(outlets: readonly PlacedOutlet[], pace: Pace): number {
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  for (const outlet of outlets) {
    const minutes = outlet.walkMinutes[pace];
    if (minutes <= 0 || outlet.distanceMeters <= 0) continue;
    low = Math.max(low, outlet.distanceMeters / minutes);
    if (minutes > 1) high = Math.min(high, outlet.distanceMeters / (minutes - 1));
  }
  if (low === 0) return DEFAULT_METERS_PER_MINUTE[pace];
  return Number.isFinite(high) && high > low ? (low + high) / 2 : low;
}

export function estimateCircle(outlets: readonly PlacedOutlet[]): CircleGeometry {
  const position = estimatePosition(outlets) ?? {
    kiosk: nearestToCentre(outlets),
    circuity: DEFAULT_CIRCUITY,
  };
  return {
    ...position,
    metersPerMinute: {
      normal: estimateSpeed(outlets, "normal"),
      elderly: estimateSpeed(outlets, "elderly"),
    },
  };
}

function nearestToCentre(outlets: readonly PlacedOutlet[]): LngLat {
  let best: PlacedOutlet | undefined;
  for (const outlet of outlets) {
    if (!best || outlet.distanceMeters < best.distanceMeters) best = outlet;
  }
  return best ? { lng: best.lng, lat: best.lat } : { lng: 0, lat: 0 };
}

/** The straight-line radius, in metres, of the ring for a walk of `minutes`. */
export function ringRadiusMeters(geometry: CircleGeometry, minutes: number, pace: Pace): number {
  return (minutes * geometry.metersPerMinute[pace]) / geometry.circuity;
}
