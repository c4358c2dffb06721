import type { CategoriesResponse, CoverageResponse } from "@linli/protocols/api";
import { getJson, postJson } from "./client.js";

/** Typed wrappers over the operator coverage routes (edge-agent/src/http/routes/operator-coverage.ts). */

export interface CoverageReport {
  coverage: CoverageResponse;
  /** The report as it prints, one line per printed line. */
  text: string;
  columns: number;
}

export interface CoveragePrintAccepted {
  jobId: string;
  printerId: string;
}

export const fetchCoverageReport = (signal?: AbortSignal) =>
  getJson<CoverageReport>("/operator/coverage/report", signal);

export const printCoverageReport = (printerId?: string) =>
  postJson<CoveragePrintAccepted>("/operator/coverage/print", printerId ? { printerId } : {});

/** The category catalog (the resident route), for the categories' English names. */
export const fetchCategories = (signal?: AbortSignal) =>
  getJson<CategoriesResponse>("/categories", signal);
