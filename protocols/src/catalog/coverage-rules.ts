/**
 * How a circle is classed from its coverage (有没有). Rules are data and a
 * deployment may replace them; they are tried from the most demanding down.
 */
export type CircleClass = "品质型" | "提升型" | "基础型";

export interface CoverageRule {
  class: CircleClass;
  en: string;
  /** Share (0–1) of the 基本保障类 categories that must be covered within their radius. */
  minBasicShare: number;
  /** How many 品质提升类 categories must be covered within their radius. */
  minQualityCovered: number;
  /** Categories that must be covered for this class, whatever the shares. */
  required: readonly string[];
}

export const COVERAGE_RULES: readonly CoverageRule[] = [
  {
    class: "品质型",
    en: "quality",
    minBasicShare: 1,
    minQualityCovered: 8,
    required: ["elderly_care", "childcare", "community_canteen"],
  },
  {
    class: "提升型",
    en: "improved",
    minBasicShare: 1,
    minQualityCovered: 4,
    required: [],
  },
  {
    class: "基础型",
    en: "basic",
    minBasicShare: 0.8,
    minQualityCovered: 0,
    required: ["convenience_store", "pharmacy", "postal_express"],
  },
];
