export { buildCatalog, type Catalog } from "./catalog.js";
export {
  CATEGORIES,
  type Category,
  type CategoryClass,
  type CategoryGroup,
  GROUPS,
} from "./categories.js";
export { type CircleClass, COVERAGE_RULES, type CoverageRule } from "./coverage-rules.js";
