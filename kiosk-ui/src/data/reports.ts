import type {
  ProblemReportCreated,
  ProblemReportOptions,
  ProblemReportRequest,
} from "@linli/protocols/api";
import { getJson, postJson } from "./api.js";

/** Typed wrappers over the agent's resident report routes (edge-agent/src/http/routes/reports.ts). */

export const fetchReportOptions = (signal?: AbortSignal) =>
  getJson<ProblemReportOptions>("/reports/options", signal);

export const submitReport = (request: ProblemReportRequest, signal?: AbortSignal) =>
  postJson<ProblemReportCreated>("/reports", request, signal);

export const UNKNOWN_REPORT_OUTLET = "LINLI_ERR_REPORT_UNKNOWN_OUTLET";
