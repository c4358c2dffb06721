import { describe, expect, it } from "vitest";
import { KIOSK, offsetFrom } from "./fixtures.js";
import { displayMinutes, haversineMeters, toWgs84, WalkingModel } from "./walking.js";

describe("walking time from the kiosk", () => {
  const model = new WalkingModel(KIOSK, { speedKmh: 5.0, elderlySpeedKmh: 3.6, circuity: 1.25 });
  const oneKilometreNorth = offsetFrom(KIOSK, 1000);

  it("measures straight-line distance on the globe", () => {
    expect(haversineMeters(KIOSK, oneKilometreNorth)).toBeCloseTo(1000, 6);
    expect(haversineMeters(KIOSK, offsetFrom(KIOSK, 0, 1000))).toBeCloseTo(1000, 0);
  });

  it("walks 1,000 m straight as 1,250 m, 15 minutes at 5.0 km/h", () => {
    const walk = model.walkTo(oneKilometreNorth);
    expect(walk.straightMeters).toBeCloseTo(1000, 6);
    expect(walk.walkingMeters).toBeCloseTo(1250, 6);
    expect(walk.minutes).toBeCloseTo(15, 6);
    expect(displayMinutes(walk.minutes)).toBe(15);
  });

  it("takes 21 minutes (20.8 exact) for the same walk at the elderly 3.6 km/h", () => {
    const walk = model.walkTo(oneKilometreNorth);
    expect(walk.elderlyMinutes).toBeCloseTo(20.833, 2);
    expect(displayMinutes(walk.elderlyMinutes)).toBe(21);
  });

  it("rounds minutes up for display and never shows a short walk as 0 unless it is 0", () => {
    expect(displayMinutes(4.01)).toBe(5);
    expect(displayMinutes(0.2)).toBe(1);
    expect(displayMinutes(0)).toBe(0);
  });

  it("turns a radius in minutes into walking metres at either speed", () => {
    expect(model.metersWithin(15)).toBeCloseTo(1250, 6);
    expect(model.metersWithin(15, true)).toBeCloseTo(900, 6);
  });

  it("normalises a kiosk location given in GCJ-02 or BD-09 to WGS-84", () => {
    const wgs = { lng: 121.5237, lat: 31.2305 };
    // 高德/腾讯 coordinates in Shanghai sit a few hundred metres off GPS ones.
    const gcj = { lng: 121.528_05, lat: 31.228_41, datum: "gcj02" as const };
    const fromGcj = toWgs84(gcj);
    expect(haversineMeters(fromGcj, gcj)).toBeGreaterThan(300);
    expect(haversineMeters(fromGcj, wgs)).toBeLessThan(50);
    expect(toWgs84({ ...wgs, datum: "wgs84" })).toEqual(wgs);
    const fromBd = toWgs84({ lng: 121.534_58, lat: 31.234_38, datum: "bd09" });
    expect(haversineMeters(fromBd, wgs)).toBeLessThan(50);
  });
});
