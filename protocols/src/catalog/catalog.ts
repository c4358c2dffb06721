import { LinliError } from "../errors.js";
import { CATEGORIES, type Category, type CategoryGroup, GROUPS } from "./categories.js";

export interface Catalog {
  categories: readonly Category[];
  groups: readonly CategoryGroup[];
  byCode: ReadonlyMap<string, Category>;
  /** Code, Chinese name, English name or synonym → category. */
  resolve(name: string): Category | undefined;
  group(code: string): CategoryGroup | undefined;
}

function normalise(name: string): string {
  return name.trim().replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "").toLowerCase();
}

/**
 * The shipped catalog plus a deployment's additions (from config). An
 * addition with a shipped code replaces it; names must stay unambiguous.
 */
export function buildCatalog(
  extra: readonly Category[] = [],
  extraGroups: readonly CategoryGroup[] = [],
): Catalog {
  const byCode = new Map<string, Category>();
  for (const category of [...CATEGORIES, ...extra]) byCode.set(category.code, category);
  const byName = new Map<string, Category>();
  for (const category of byCode.values()) {
    for (const name of [category.code, category.zh, category.en, ...category.synonyms]) {
      const key = normalise(name);
      const taken = byName.get(key);
      if (taken && taken.code !== category.code) {
        throw new LinliError(
          "LINLI_ERR_CATALOG_AMBIGUOUS",
          `the category name "${name}" is used by both ${taken.code} and ${category.code}; give one of them another name`,
        );
      }
      byName.set(key, category);
    }
  }
  const groups = new Map<string, CategoryGroup>();
  for (const group of [...GROUPS, ...extraGroups]) {
    for (const code of group.categories) {
      if (!byCode.has(code)) {
        throw new LinliError(
          "LINLI_ERR_CATALOG_UNKNOWN_CATEGORY",
          `group ${group.code} (${group.zh}) names an unknown category "${code}"`,
        );
      }
    }
    groups.set(group.code, group);
  }
  return {
    categories: [...byCode.values()],
    groups: [...groups.values()],
    byCode,
    resolve: (name) => byName.get(normalise(name)),
    group: (code) => groups.get(code) ?? [...groups.values()].find((group) => group.zh === code),
  };
}
