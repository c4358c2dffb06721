/**
 * Outlets for guide tests: twelve pharmacies around the fixture kiosk (ten
 * within the 10-minute radius of 药店, two beyond), a breakfast shop without
 * a phone, and an outlet service over them. Not used by the agent.
 */

import type { OutletRecord } from "../../outlets/record.js";
import { KIOSK, outlet } from "../../outlets/search/fixtures.js";
import { OutletService } from "../../outlets/service.js";

const PHARMACY_NAMES = [
  "益民大药房",
  "老百姓大药房",
  "华氏大药房",
  "第一医药",
  "雷允上药城",
  "国大药房",
  "童涵春堂",
  "蔡同德堂",
  "余天成药号",
  "徐重道药号",
  "胡庆余堂",
  "养和堂药房",
] as const;

/** Straight-line metres: the first ten walk within 10 minutes (×1.25 at 5 km/h ≤ 833 m). */
const PHARMACY_METERS = [120, 180, 240, 300, 360, 420, 480, 540, 600, 640, 900, 1200];

export function guideOutlets(): OutletRecord[] {
  const pharmacies = PHARMACY_NAMES.map((name, index) =>
    outlet(name, "pharmacy", PHARMACY_METERS[index] ?? 2000, {
      address: `东方路 ${700 + index * 10} 号`,
      phone: `021-5820 01${String(index).padStart(2, "0")}`,
      hours: index % 3 === 0 ? "Mo-Su 08:00-22:00" : index % 3 === 1 ? "24/7" : "Mo-Fr 09:00-18:00",
    }),
  );
  const breakfast = outlet("张记早餐", "breakfast", 200, {
    address: "崂山路 56 号",
    hours: "Mo-Su 06:00-10:30",
  });
  return [...pharmacies, breakfast];
}

export function guideOutletService(records: OutletRecord[] = guideOutlets()): OutletService {
  const service = new OutletService({
    source: { all: () => records },
    location: { ...KIOSK, datum: "wgs84" },
  });
  service.start();
  return service;
}
