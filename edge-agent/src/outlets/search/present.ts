import type {
  CategoriesResponse,
  CoverageResponse,
  OutletDetail,
  OutletSummary,
} from "@linli/protocols/api";
import type { CategoryCoverage, CoverageReport } from "./coverage.js";
import type { OutletHit, OutletIndex } from "./outlet-index.js";
import { displayMinutes, type Walk } from "./walking.js";

/** Index answers in the shapes of the HTTP API (protocols/src/api). */

function minutes(walk: Walk) {
  return { normal: displayMinutes(walk.minutes), elderly: displayMinutes(walk.elderlyMinutes) };
}

function summaryFields(hit: OutletHit): Omit<OutletSummary, "match"> {
  const { outlet, walk, open } = hit;
  return {
    id: outlet.id,
    name: outlet.name,
    category: outlet.category,
    address: outlet.address,
    brand: outlet.brand,
    chain: outlet.chain,
    lng: outlet.lng,
    lat: outlet.lat,
    distanceMeters: Math.round(walk.walkingMeters),
    walkMinutes: minutes(walk),
    openState: open.state,
    openNow: open.state === "open",
    opensAt: open.opensAt,
    closesAt: open.closesAt,
  };
}

export function toSummary(hit: OutletHit): OutletSummary {
  return { ...summaryFields(hit), match: hit.match };
}

export function toDetail(hit: OutletHit): OutletDetail {
  const { outlet } = hit;
  return {
    ...summaryFields(hit),
    phone: outlet.phone,
    hours: outlet.hours,
    services: [...outlet.services],
    prices: outlet.prices.map((price) => ({ ...price })),
    updatedAt: outlet.updatedAt,
  };
}

function categoryCoverage(entry: CategoryCoverage): CoverageResponse["categories"][number] {
  const { category, nearest } = entry;
  return {
    code: category.code,
    zh: category.zh,
    class: category.class,
    radiusMinutes: category.radiusMinutes,
    covered: entry.covered,
    nearest:
      nearest === null
        ? null
        : {
            id: nearest.outlet.id,
            name: nearest.outlet.name,
            distanceMeters: Math.round(nearest.walk.walkingMeters),
            walkMinutes: minutes(nearest.walk),
          },
    withinRadius: entry.withinRadius,
  };
}

export function toCoverage(report: CoverageReport, now: Date): CoverageResponse {
  return {
    generatedAt: now.toISOString(),
    circleClass: report.circleClass?.class ?? null,
    explanation: report.explanation,
    rules: report.rules.map((check) => ({
      class: check.rule.class,
      met: check.met,
      shortfalls: check.shortfalls,
    })),
    basic: report.basic,
    quality: report.quality,
    categories: report.categories.map(categoryCoverage),
    gaps: report.gaps.map(categoryCoverage),
    chainShare: report.chainShare,
  };
}

export function toCategories(index: OutletIndex): CategoriesResponse {
  return {
    categories: index.catalog.categories.map((category) => ({
      code: category.code,
      zh: category.zh,
      en: category.en,
      class: category.class,
      radiusMinutes: category.radiusMinutes,
      icon: category.icon,
      synonyms: [...category.synonyms],
      count: index.count(category.code),
      withinRadius: index.count(category.code, category.radiusMinutes),
    })),
    groups: index.catalog.groups.map((group) => ({
      code: group.code,
      zh: group.zh,
      en: group.en,
      categories: [...group.categories],
    })),
  };
}
