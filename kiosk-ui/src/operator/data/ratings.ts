import type {
  FollowUp,
  FollowUpList,
  FollowUpQuery,
  FollowUpUpdate,
  RatingOptions,
  RatingReport,
  RatingReportQuery,
} from "@linli/protocols/api";
import { getJson, patchJson, queryString } from "./client.js";

/** Typed wrappers over the rating routes (edge-agent/src/http/routes/ratings.ts). */

export const fetchRatingReport = (query: RatingReportQuery, signal?: AbortSignal) =>
  getJson<RatingReport>(`/operator/ratings/report${queryString({ ...query })}`, signal);

export const fetchFollowUps = (query: FollowUpQuery, signal?: AbortSignal) =>
  getJson<FollowUpList>(`/operator/followups${queryString({ ...query })}`, signal);

export const updateFollowUp = (id: string, update: FollowUpUpdate) =>
  patchJson<FollowUp>(`/operator/followups/${encodeURIComponent(id)}`, update);

/** The reasons' and services' names (a resident route: nothing secret). */
export const fetchRatingOptions = (signal?: AbortSignal) =>
  getJson<RatingOptions>("/ratings/options", signal);
