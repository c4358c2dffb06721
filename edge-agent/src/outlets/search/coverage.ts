import { type Category, COVERAGE_RULES, type CoverageRule } from "@linli/protocols/catalog";
import type { OutletRecord } from "../record.js";
import type { OutletIndex } from "./outlet-index.js";
import { displayMinutes, type Walk } from "./walking.js";

/**
 * The circle's coverage ("有没有"): for each catalog category the nearest
 * outlet and whether it is within the category's walking radius; the class
 * the circle earns by the coverage rules (data, tried in order, most
 * demanding first); the gaps to fill (缺什么补什么); and the chain share.
 */
export interface CategoryCoverage {
  category: Category;
  nearest: { outlet: OutletRecord; walk: Walk } | null;
  covered: boolean;
  /** Outlets of the category within its radius. */
  withinRadius: number;
}

export interface RuleCheck {
  rule: CoverageRule;
  met: boolean;
  /** What is missing, in words; empty when met. */
  shortfalls: string[];
}

export interface ChainShare {
  outlets: number;
  chained: number;
  /** chained ÷ outlets; null when there are no outlets. */
  share: number | null;
}

export interface CoverageReport {
  categories: CategoryCoverage[];
  basic: { covered: number; total: number; share: number };
  quality: { covered: number; total: number };
  circleClass: CoverageRule | null;
  explanation: string;
  rules: RuleCheck[];
  /** Uncovered categories, 基本保障类 first, then in catalog order. */
  gaps: CategoryCoverage[];
  chainShare: { all: ChainShare; within15Minutes: ChainShare };
}

const CIRCLE_MINUTES = 15;

const percent = (share: number) => `${Math.round(share * 100)} %`;
const label = (category: Category) => `${category.zh} (${category.code})`;

export function assessCoverage(
  index: OutletIndex,
  rules: readonly CoverageRule[] = COVERAGE_RULES,
): CoverageReport {
  const categories = index.catalog.categories.map((category): CategoryCoverage => {
    const withinRadius = index.count(category.code, category.radiusMinutes);
    return {
      category,
      nearest: index.nearest(category.code) ?? null,
      covered: withinRadius > 0,
      withinRadius,
    };
  });
  const basicAll = categories.filter((c) => c.category.class === "basic");
  const basicCovered = basicAll.filter((c) => c.covered).length;
  const basic = {
    covered: basicCovered,
    total: basicAll.length,
    share: basicAll.length === 0 ? 1 : basicCovered / basicAll.length,
  };
  const qualityAll = categories.filter((c) => c.category.class === "quality");
  const quality = { covered: qualityAll.filter((c) => c.covered).length, total: qualityAll.length };
  const byCode = new Map(categories.map((c) => [c.category.code, c]));

  const checks = rules.map((rule): RuleCheck => {
    const shortfalls: string[] = [];
    if (basic.share < rule.minBasicShare) {
      shortfalls.push(
        `${basic.covered} of ${basic.total} basic categories are within reach (${percent(basic.share)}); ${rule.class} needs ${percent(rule.minBasicShare)}`,
      );
    }
    if (quality.covered < rule.minQualityCovered) {
      shortfalls.push(
        `${quality.covered} quality categories are within reach; ${rule.class} needs ${rule.minQualityCovered}`,
      );
    }
    for (const code of rule.required) {
      const entry = byCode.get(code);
      if (entry === undefined)
        shortfalls.push(`${rule.class} requires "${code}", not in the catalog`);
      else if (!entry.covered) {
        shortfalls.push(`${rule.class} requires ${label(entry.category)} ${reach(entry)}`);
      }
    }
    return { rule, met: shortfalls.length === 0, shortfalls };
  });
  const earned = checks.find((check) => check.met);

  const gaps = categories
    .filter((c) => !c.covered)
    .sort((a, b) => Number(a.category.class !== "basic") - Number(b.category.class !== "basic"));

  return {
    categories,
    basic,
    quality,
    circleClass: earned?.rule ?? null,
    explanation: explain(earned, checks, basic, quality),
    rules: checks,
    gaps,
    chainShare: { all: share(index), within15Minutes: share(index, CIRCLE_MINUTES) },
  };
}

/** Where a category stands against its radius, in words. */
function reach(entry: CategoryCoverage): string {
  const radius = entry.category.radiusMinutes;
  if (entry.nearest === null) return `within ${radius} minutes; there is none`;
  return `within ${radius} minutes; the nearest is ${displayMinutes(entry.nearest.walk.minutes)} minutes away`;
}

function explain(
  earned: RuleCheck | undefined,
  checks: RuleCheck[],
  basic: CoverageReport["basic"],
  quality: CoverageReport["quality"],
): string {
  const standing = `${basic.covered} of ${basic.total} basic categories (${percent(basic.share)}) and ${quality.covered} of ${quality.total} quality categories are within reach`;
  if (earned !== undefined) {
    const above = checks.slice(0, checks.indexOf(earned));
    const next = above.at(-1);
    const toNext =
      next === undefined ? "" : `; for ${next.rule.class}: ${next.shortfalls.join("; ")}`;
    return `${earned.rule.class} (${earned.rule.en}): ${standing}${toNext}`;
  }
  const least = checks.at(-1);
  if (least === undefined) return `no coverage rules are configured: ${standing}`;
  return `the circle meets no class: ${standing}; for ${least.rule.class}: ${least.shortfalls.join("; ")}`;
}

function share(index: OutletIndex, maxMinutes?: number): ChainShare {
  const { outlets, chained } = index.chainCount(maxMinutes);
  return { outlets, chained, share: outlets === 0 ? null : chained / outlets };
}
