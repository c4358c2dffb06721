import {
  ProblemReportCreated,
  ProblemReportList,
  ProblemReportOptions,
  ProblemReportQuery,
  ProblemReportRequest,
} from "@linli/protocols/api";
import type { ReportService } from "../../services/reports/report-service.js";
import type { HttpApp } from "../types.js";
import type { OperatorGuard } from "./ratings.js";
import { errorRef, explainNested } from "./validation.js";

/** Resident problem-report routes: report, and the categories and reasons to choose from. */
export function reportRoutes(options: { reports: ReportService }) {
  const { reports } = options;
  return async (app: HttpApp): Promise<void> => {
    app.post(
      "/reports",
      {
        schema: {
          summary: "Report a problem to the community; answers the reference number to quote",
          tags: ["reports"],
          body: ProblemReportRequest,
          response: { 201: ProblemReportCreated, 400: errorRef, 503: errorRef },
        },
        schemaErrorFormatter: explainNested(ProblemReportRequest, "LINLI_ERR_REPORT_BAD_REQUEST"),
      },
      async (request, reply) => {
        const report = reports.create(request.body);
        return reply.status(201).send({
          reference: report.reference,
          category: report.category,
          createdAt: report.createdAt,
        });
      },
    );

    app.get(
      "/reports/options",
      {
        schema: {
          summary: "The problem categories, each with its preset reasons",
          tags: ["reports"],
          response: { 200: ProblemReportOptions },
        },
      },
      async () => reports.options(),
    );
  };
}

/** Operator problem-report routes, behind the injected guard. */
export function reportOperatorRoutes(options: { reports: ReportService; guard: OperatorGuard }) {
  const { reports, guard } = options;
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", async (request, reply) => guard(request, reply));

    app.get(
      "/operator/reports",
      {
        schema: {
          summary: "Problem reports, newest first",
          tags: ["operator", "reports"],
          querystring: ProblemReportQuery,
          response: { 200: ProblemReportList, 400: errorRef, 401: errorRef, 503: errorRef },
        },
        schemaErrorFormatter: explainNested(ProblemReportQuery, "LINLI_ERR_REPORT_BAD_QUERY"),
      },
      async (request) => reports.list(request.query),
    );
  };
}
