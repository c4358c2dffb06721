import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCatalog } from "@linli/protocols/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Store } from "../../store/store.js";
import { toWgs84 } from "../import/datum.js";
import type { OutletRecord } from "../record.js";
import { OutletRepository } from "../repository.js";
import { importSampleCircle, sampleCircleFile } from "./import-sample.js";
import {
  generateSampleCircle,
  SAMPLE_CENTRE_GCJ02,
  SAMPLE_CIRCLE_GAPS,
  sampleCircleText,
} from "./sample-circle.js";

/** Walking minutes at the default 5 km/h and circuity 1.25. */
function walkMinutes(outlet: OutletRecord, [lng, lat]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((outlet.lat - lat) * rad) / 2) ** 2 +
    Math.cos(lat * rad) *
      Math.cos(outlet.lat * rad) *
      Math.sin(((outlet.lng - lng) * rad) / 2) ** 2;
  const metres = 2 * 6_371_000 * Math.asin(Math.sqrt(a));
  return (metres * 1.25) / (5000 / 60);
}

let dir: string;
let store: Store;
let repository: OutletRepository;
const catalog = buildCatalog();
const kiosk = toWgs84(SAMPLE_CENTRE_GCJ02.lng, SAMPLE_CENTRE_GCJ02.lat, "gcj02");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "linli-sample-"));
  store = new Store(join(dir, "demo.db"), createLogger({ level: "silent" }));
  store.start();
  repository = new OutletRepository(store.db);
});
afterAll(() => {
  store.stop();
  rmSync(dir, { recursive: true, force: true });
});

function nearestMinutes(outlets: OutletRecord[], category: string): number {
  return Math.min(
    ...outlets.filter((o) => o.category === category).map((o) => walkMinutes(o, kiosk)),
  );
}

describe("the shipped sample circle", () => {
  it("is what the generator gives: regenerating changes nothing", () => {
    expect(readFileSync(sampleCircleFile(), "utf8")).toBe(sampleCircleText());
    expect(generateSampleCircle()).toEqual(generateSampleCircle());
  });

  it("imports whole: 250 to 400 outlets, none rejected, declared in GCJ-02", () => {
    const result = importSampleCircle(repository);
    expect(result).toMatchObject({ datum: "gcj02", datumFrom: "file", rejected: [] });
    expect(result.loaded).toBeGreaterThanOrEqual(250);
    expect(result.loaded).toBeLessThanOrEqual(400);
    expect(repository.count()).toBe(result.loaded);
    importSampleCircle(repository);
    expect(repository.count()).toBe(result.loaded);
  });

  it("covers every category but the ones left out on purpose", () => {
    const present = Object.keys(repository.categoryCounts()).sort();
    const expected = catalog.categories
      .map((category) => category.code)
      .filter((code) => !(SAMPLE_CIRCLE_GAPS.missing as readonly string[]).includes(code))
      .sort();
    expect(present).toEqual(expected);
  });

  it("has each covered category within its walking radius, and the gaps outside", () => {
    const outlets = repository.all();
    for (const category of catalog.categories) {
      if ((SAMPLE_CIRCLE_GAPS.missing as readonly string[]).includes(category.code)) continue;
      const minutes = nearestMinutes(outlets, category.code);
      if ((SAMPLE_CIRCLE_GAPS.beyondRadius as readonly string[]).includes(category.code)) {
        expect(minutes, category.code).toBeGreaterThan(category.radiusMinutes);
      } else {
        expect(minutes, category.code).toBeLessThanOrEqual(category.radiusMinutes);
      }
    }
    expect(nearestMinutes(outlets, "laundry")).toBeLessThanOrEqual(15);
  });

  it("looks like a real neighbourhood: chains and corner shops, 24 h and closed days, prices", () => {
    const outlets = repository.all();
    const names = outlets.map((outlet) => outlet.name);
    expect(names).toContain("王师傅修鞋配钥匙");
    expect(names.some((name) => /^全家\(.+路店\)$/.test(name))).toBe(true);
    expect(names.some((name) => name.startsWith("菜鸟驿站("))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(outlets.some((outlet) => outlet.hours === "24/7")).toBe(true);
    expect(outlets.some((outlet) => outlet.hours?.startsWith("Tu-Su"))).toBe(true);
    expect(outlets.every((outlet) => /^\S+路 \d+ (弄 \d+ )?号$/.test(outlet.address ?? ""))).toBe(
      true,
    );
    expect(
      outlets.every((outlet) => outlet.phone === null || /^021-5\d{7}$/.test(outlet.phone)),
    ).toBe(true);
    const services = new Set(outlets.flatMap((outlet) => outlet.services));
    expect([...services]).toEqual(expect.arrayContaining(["代收代发", "打印复印", "充电宝"]));
    const repairs = outlets.filter((outlet) => outlet.category === "repair");
    expect(repairs.every((outlet) => outlet.prices.length >= 2)).toBe(true);
    const chains = outlets.filter((outlet) => outlet.chain !== null).length / outlets.length;
    expect(chains).toBeGreaterThan(0.3);
    expect(chains).toBeLessThan(0.8);
  });
});
