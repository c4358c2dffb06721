import type {
  CategoriesResponse,
  CoverageResponse,
  OutletDetail,
  OutletSearchQuery,
  OutletSearchResponse,
  OutletSummary,
} from "@linli/protocols/api";
import { getJson, queryString } from "./api.js";

/** Typed wrappers over the agent's outlet routes (edge-agent/src/http/routes/outlets.ts). */

export const searchOutlets = (query: OutletSearchQuery, signal?: AbortSignal) =>
  getJson<OutletSearchResponse>(`/outlets${queryString({ ...query })}`, signal);

export const fetchOutlet = (id: string, signal?: AbortSignal) =>
  getJson<OutletDetail>(`/outlets/${encodeURIComponent(id)}`, signal);

export const fetchCategories = (signal?: AbortSignal) =>
  getJson<CategoriesResponse>("/categories", signal);

export const fetchCoverage = (signal?: AbortSignal) =>
  getJson<CoverageResponse>("/coverage", signal);

const PAGE = 100;
/** The API's maxMinutes bounds; more than a circle ever holds on its map. */
const MAP_LIMIT = 2_000;

/** Every outlet within a walk, page by page: what the offline map draws. */
export async function fetchOutletsWithin(
  maxMinutes: number,
  signal?: AbortSignal,
): Promise<OutletSummary[]> {
  const all: OutletSummary[] = [];
  for (let offset = 0; offset < MAP_LIMIT; offset += PAGE) {
    const page = await searchOutlets({ maxMinutes, limit: PAGE, offset }, signal);
    all.push(...page.items);
    if (all.length >= page.total || page.items.length < PAGE) break;
  }
  return all;
}
