import type { OutletSummary } from "@linli/protocols/api";
import { type CircleGeometry, estimateCircle } from "./circle-geometry.js";
import { fetchOutletsWithin } from "./outlets.js";

export interface Circle {
  /** Every outlet within a 15-minute walk at the normal pace (which covers the elderly one). */
  outlets: OutletSummary[];
  geometry: CircleGeometry;
}

const CIRCLE_MINUTES = 15;
const CACHE_MS = 5 * 60_000;
let cached: { at: number; circle: Promise<Circle> } | undefined;

/** The map's data, fetched once every few minutes rather than on every visit. */
export function loadCircle(): Promise<Circle> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.circle;
  const circle = fetchOutletsWithin(CIRCLE_MINUTES).then((outlets) => ({
    outlets,
    geometry: estimateCircle(outlets),
  }));
  cached = { at: Date.now(), circle };
  circle.catch(() => {
    cached = undefined;
  });
  return circle;
}
