import { namePinyin } from "../import/pinyin.js";
import { pricesOf } from "../import/values.js";
import type { OutletRecord, PriceItem } from "../record.js";
import { makeOutlet } from "./outlet-maker.js";
import { seededRandom } from "./prng.js";
import { CITY_STREETS, PROFILES, SURNAMES } from "./profiles.js";

export interface CityOptions {
  count: number;
  seed?: number;
  /** WGS-84; 潍坊新村邻里中心 by default. */
  center?: { lng: number; lat: number };
}

/** 潍坊新村邻里中心 in WGS-84. */
export const CITY_DEFAULT_CENTER = { lng: 121.522147, lat: 31.229285 } as const;

/** How common each category is in a Chinese city, per 1,000 outlets. */
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  convenience_store: 90,
  supermarket: 25,
  wet_market: 8,
  fresh_grocery: 50,
  breakfast: 70,
  laundry: 20,
  hair_beauty: 90,
  photo_print: 20,
  housekeeping: 20,
  repair: 40,
  pharmacy: 45,
  postal_express: 50,
  recycling: 10,
  elderly_care: 15,
  community_canteen: 12,
  specialty_dining: 210,
  fitness: 30,
  bookstore: 12,
  education: 60,
  childcare: 15,
  leisure: 40,
  cafe: 50,
  pet_services: 18,
};

const CITY_RADIUS_M = 15_000;
const SUB_CENTRES = 30;
const METRES_PER_DEGREE = 111_320;
const UPDATED_AT = "2025-01-01T00:00:00.000Z";

/** Pinyin by name piece: a city reuses a few hundred pieces, so pinyin-pro runs a few hundred times. */
function pinyinCache(): (pieces: readonly string[]) => { full: string; initials: string } {
  const cache = new Map<string, { full: string; initials: string }>();
  return (pieces) => {
    let full = "";
    let initials = "";
    for (const piece of pieces) {
      let known = cache.get(piece);
      if (!known) {
        known = namePinyin(piece);
        cache.set(piece, known);
      }
      full += known.full;
      initials += known.initials;
    }
    return { full, initials };
  };
}

function priceCache(): (items: readonly string[]) => PriceItem[] {
  const cache = new Map<string, PriceItem>();
  return (items) =>
    items.map((text) => {
      let item = cache.get(text);
      if (!item) {
        const outcome = pricesOf(text);
        if ("reason" in outcome || !outcome.prices[0])
          throw new Error(`the price "${text}" in the profiles does not parse`);
        item = outcome.prices[0];
        cache.set(text, item);
      }
      return { ...item };
    });
}

/**
 * City-sized outlet data for benchmarks and tests: `count` outlets ready for
 * the store, the same for the same seed, in memory. Density follows a city:
 * thick around the centre, clustered around 30 neighbourhood centres, thin
 * out to 15 km.
 */
export function generateCity(options: CityOptions): OutletRecord[] {
  const seed = options.seed ?? 1;
  const center = options.center ?? CITY_DEFAULT_CENTER;
  const random = seededRandom(seed);
  const cosLat = Math.cos((center.lat * Math.PI) / 180);
  const categories = Object.entries(CATEGORY_WEIGHTS);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of categories) {
    total += weight;
    cumulative.push(total);
  }
  const subCentres = Array.from({ length: SUB_CENTRES }, () => ({
    metres: Math.sqrt(random.next()) * CITY_RADIUS_M * 0.8,
    angle: random.next() * 2 * Math.PI,
    spread: 400 + random.next() * 500,
  })).map((c) => ({
    x: c.metres * Math.sin(c.angle),
    y: c.metres * Math.cos(c.angle),
    spread: c.spread,
  }));
  const pinyinOf = pinyinCache();
  const pricesFor = priceCache();

  const records: OutletRecord[] = new Array(options.count);
  for (let i = 0; i < options.count; i++) {
    const draw = random.next() * total;
    const index = cumulative.findIndex((upTo) => draw < upTo);
    const category = categories[index]?.[0] ?? "convenience_store";
    const profile = PROFILES[category];
    if (!profile) throw new Error(`no profile for ${category}`);
    const made = makeOutlet(profile, random, CITY_STREETS, SURNAMES);

    let x: number;
    let y: number;
    const where = random.next();
    if (where < 0.35) {
      x = random.gaussian() * 2500;
      y = random.gaussian() * 2500;
    } else if (where < 0.9) {
      const sub = random.pick(subCentres);
      x = sub.x + random.gaussian() * sub.spread;
      y = sub.y + random.gaussian() * sub.spread;
    } else {
      const metres = Math.sqrt(random.next()) * CITY_RADIUS_M;
      const angle = random.next() * 2 * Math.PI;
      x = metres * Math.sin(angle);
      y = metres * Math.cos(angle);
    }
    const pinyin = pinyinOf(made.pieces);
    records[i] = {
      id: `city-${seed}-${i}`,
      name: made.name,
      category,
      address: made.address,
      phone: made.phone,
      lng: Math.round((center.lng + x / (METRES_PER_DEGREE * cosLat)) * 1e6) / 1e6,
      lat: Math.round((center.lat + y / METRES_PER_DEGREE) * 1e6) / 1e6,
      hours: made.hours,
      services: made.services,
      prices: pricesFor(made.prices),
      brand: made.brand,
      chain: made.chain,
      namePinyin: pinyin.full,
      nameInitials: pinyin.initials,
      source: `city:${seed}#${i}`,
      updatedAt: UPDATED_AT,
    };
  }
  return records;
}
