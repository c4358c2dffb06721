import { makeOutlet } from "./outlet-maker.js";
import { seededRandom } from "./prng.js";
import { CIRCLE_STREETS, PROFILES, SURNAMES } from "./profiles.js";

/** 潍坊新村邻里中心, 浦东新区, as 高德 shows it (GCJ-02). */
export const SAMPLE_CENTRE_GCJ02 = { lng: 121.5265, lat: 31.2272 } as const;

export const SAMPLE_SEED = 20_240_515;

/**
 * How many outlets of each category, and how far from the centre (straight
 * line, metres) the nearest one may be. At 5 km/h with a circuity of 1.25, a
 * 10-minute walk is 667 m straight and 15 minutes is 1000 m. The gaps are on
 * purpose, so the coverage report has something to say: no 书店书吧 and no
 * 宠物服务 at all, the only 再生资源回收点 a 23-minute walk away, and the
 * 洗染店 all beyond their 10 minutes (but within 15).
 */
interface Planned {
  category: string;
  count: number;
  /** Straight-line metres from the centre for every outlet of the category. */
  band?: readonly [number, number];
}

const PLAN: readonly Planned[] = [
  { category: "convenience_store", count: 30 },
  { category: "supermarket", count: 8 },
  { category: "wet_market", count: 3 },
  { category: "fresh_grocery", count: 18 },
  { category: "breakfast", count: 25 },
  { category: "laundry", count: 4, band: [760, 980] },
  { category: "hair_beauty", count: 28 },
  { category: "photo_print", count: 8 },
  { category: "housekeeping", count: 8 },
  { category: "repair", count: 14 },
  { category: "pharmacy", count: 14 },
  { category: "postal_express", count: 16 },
  { category: "recycling", count: 1, band: [1500, 1600] },
  { category: "elderly_care", count: 6 },
  { category: "community_canteen", count: 5 },
  { category: "specialty_dining", count: 60 },
  { category: "fitness", count: 12 },
  { category: "education", count: 20 },
  { category: "childcare", count: 6 },
  { category: "leisure", count: 14 },
  { category: "cafe", count: 20 },
];

/** What the sample circle lacks on purpose, for tests and the demo script. */
export const SAMPLE_CIRCLE_GAPS = {
  /** No outlet at all. */
  missing: ["bookstore", "pet_services"],
  /** Outlets only beyond the category's walking radius. */
  beyondRadius: ["recycling", "laundry"],
} as const;

/** The nearest outlet of a category stands this close (m), the others anywhere in the circle. */
const NEAREST_BAND: readonly [number, number] = [80, 450];
const CIRCLE_BAND: readonly [number, number] = [40, 1200];

const METRES_PER_DEGREE = 111_320;

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export interface SampleFeature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: {
    id: string;
    name: string;
    category: string;
    address: string;
    phone: string | null;
    hours: string;
    services: string[];
    brand: string | null;
    chain: string | null;
    prices: string | null;
  };
}

export interface SampleCircle {
  type: "FeatureCollection";
  name: string;
  datum: "gcj02";
  centre: [number, number];
  generator: string;
  features: SampleFeature[];
}

/**
 * The demo's neighbourhood: a believable 15-minute circle around 潍坊新村邻里中心
 * in GCJ-02, the same every time (seeded, no Math.random).
 */
export function generateSampleCircle(seed = SAMPLE_SEED): SampleCircle {
  const random = seededRandom(seed);
  const used = new Set<string>();
  const features: SampleFeature[] = [];
  const cosLat = Math.cos((SAMPLE_CENTRE_GCJ02.lat * Math.PI) / 180);
  for (const planned of PLAN) {
    const profile = PROFILES[planned.category];
    if (!profile) throw new Error(`no profile for ${planned.category}`);
    for (let i = 0; i < planned.count; i++) {
      let made = makeOutlet(profile, random, CIRCLE_STREETS, SURNAMES);
      for (let tries = 0; used.has(made.name) && tries < 20; tries++) {
        made = makeOutlet(profile, random, CIRCLE_STREETS, SURNAMES);
      }
      if (used.has(made.name)) made = { ...made, name: `${made.name}(二店)` };
      used.add(made.name);
      const [near, far] = planned.band ?? (i === 0 ? NEAREST_BAND : CIRCLE_BAND);
      // Uniform over the ring's area, not its radius, so the centre is not crowded.
      const metres = Math.sqrt(near ** 2 + random.next() * (far ** 2 - near ** 2));
      const angle = random.next() * 2 * Math.PI;
      const lng =
        SAMPLE_CENTRE_GCJ02.lng + (metres * Math.sin(angle)) / (METRES_PER_DEGREE * cosLat);
      const lat = SAMPLE_CENTRE_GCJ02.lat + (metres * Math.cos(angle)) / METRES_PER_DEGREE;
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [round6(lng), round6(lat)] },
        properties: {
          id: `wfxc-${String(features.length + 1).padStart(4, "0")}`,
          name: made.name,
          category: planned.category,
          address: made.address,
          phone: made.phone,
          hours: made.hours,
          services: made.services,
          brand: made.brand,
          chain: made.chain,
          prices: made.prices.length > 0 ? made.prices.join("；") : null,
        },
      });
    }
  }
  return {
    type: "FeatureCollection",
    name: "潍坊新村邻里中心 15 分钟生活圈（示例数据）",
    datum: "gcj02",
    centre: [SAMPLE_CENTRE_GCJ02.lng, SAMPLE_CENTRE_GCJ02.lat],
    generator: "edge-agent/src/outlets/data/generate-sample.ts (do not edit by hand)",
    features,
  };
}

/** The sample circle as the shipped file holds it: one feature per line, for readable diffs. */
export function sampleCircleText(circle = generateSampleCircle()): string {
  const { features, ...header } = circle;
  const head = Object.entries(header)
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`)
    .join("\n");
  const body = features.map((feature) => `    ${JSON.stringify(feature)}`).join(",\n");
  return `{\n${head}\n  "features": [\n${body}\n  ]\n}\n`;
}
