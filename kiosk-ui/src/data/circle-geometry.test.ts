import { describe, expect, it } from "vitest";
import {
  estimateCircle,
  type LngLat,
  type PlacedOutlet,
  ringRadiusMeters,
  solveLinear,
  toLocalMeters,
} from "./circle-geometry.js";

// The agent's own rule (edge-agent/src/outlets/search/walking.ts): haversine × circuity.
function haversineMeters(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

function sampleCircle(kiosk: LngLat, circuity: number, kmh: number, elderlyKmh: number) {
  const outlets: PlacedOutlet[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < 200; i++) {
    const point = {
      lng: kiosk.lng + (random() - 0.5) * 0.03,
      lat: kiosk.lat + (random() - 0.5) * 0.025,
    };
    const walking = haversineMeters(kiosk, point) * circuity;
    outlets.push({
      ...point,
      distanceMeters: Math.round(walking),
      walkMinutes: {
        normal: Math.ceil(walking / ((kmh * 1000) / 60) - 1e-9),
        elderly: Math.ceil(walking / ((elderlyKmh * 1000) / 60) - 1e-9),
      },
    });
  }
  return outlets;
}

describe("the circle's geometry, derived from its outlets", () => {
  const kiosk = { lng: 121.5219, lat: 31.2292 };
  const outlets = sampleCircle(kiosk, 1.25, 5, 3.6);
  const geometry = estimateCircle(outlets);

  it("finds the kiosk within a few metres and the circuity the agent uses", () => {
    const offset = toLocalMeters(kiosk, geometry.kiosk);
    expect(Math.hypot(offset.x, offset.y)).toBeLessThan(3);
    expect(geometry.circuity).toBeCloseTo(1.25, 2);
  });

  it("finds walking speeds that agree with every outlet's whole minutes", () => {
    expect(geometry.metersPerMinute.normal).toBeCloseTo(5000 / 60, 0);
    expect(geometry.metersPerMinute.elderly).toBeCloseTo(3600 / 60, 0);
    for (const outlet of outlets) {
      expect(Math.ceil(outlet.distanceMeters / geometry.metersPerMinute.normal - 1e-9)).toBe(
        outlet.walkMinutes.normal,
      );
    }
  });

  it("draws every outlet within N minutes inside the N-minute ring, and no other", () => {
    for (const minutes of [5, 10, 15]) {
      const radius = ringRadiusMeters(geometry, minutes, "normal");
      for (const outlet of outlets) {
        const { x, y } = toLocalMeters(geometry.kiosk, outlet);
        const inside = Math.hypot(x, y) <= radius + 2;
        if (outlet.walkMinutes.normal <= minutes) expect(inside).toBe(true);
        if (Math.hypot(x, y) < radius - 2)
          expect(outlet.walkMinutes.normal).toBeLessThanOrEqual(minutes);
      }
    }
  });

  it("falls back to the nearest outlet and the usual speeds with too few outlets", () => {
    const two = outlets.slice(0, 2);
    const nearest = [...two].sort((a, b) => a.distanceMeters - b.distanceMeters)[0]!;
    const few = estimateCircle(two);
    expect(few.circuity).toBe(1.25);
    expect(few.kiosk).toEqual({ lng: nearest.lng, lat: nearest.lat });
    expect(estimateCircle([]).metersPerMinute.normal).toBeCloseTo(5000 / 60);
  });

  it("solves small linear systems and reports singular ones", () => {
    expect(
      solveLinear(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      ),
    ).toEqual([0.8, 1.4].map((v) => expect.closeTo(v)));
    expect(
      solveLinear(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toBeNull();
  });
});
