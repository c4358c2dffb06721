import { CoverageResponse } from "@linli/protocols/api";
import { renderReceiptText } from "@linli/protocols/escpos";
import Type from "typebox";
import type { OperatorAudit } from "../../operator/audit.js";
import type { OperatorAuth } from "../../operator/auth.js";
import type { OutletService } from "../../outlets/service.js";
import { coverageDocument } from "../../services/coverage/coverage-document.js";
import type { GuideService } from "../../services/guides/guide-service.js";
import type { HttpApp } from "../types.js";
import { clientKeyOf } from "./operator-session.js";
import { errorRef, explainInvalid } from "./validation.js";

export interface OperatorCoverageRoutesOptions {
  auth: Pick<OperatorAuth, "guard" | "sessionOf">;
  audit: Pick<OperatorAudit, "run">;
  outlets: Pick<OutletService, "coverage">;
  guides: Pick<GuideService, "choosePrinter">;
  kiosk: { id: string; name: string };
  now?: () => Date;
}

const CoverageReport = Type.Object(
  {
    coverage: CoverageResponse,
    text: Type.String({ description: "the report as it prints, one line per printed line" }),
    columns: Type.Integer({ minimum: 1 }),
  },
  { $id: "OperatorCoverageReport" },
);

const PrintCoverageRequest = Type.Object(
  {
    printerId: Type.Optional(
      Type.String({
        pattern: "^[a-z0-9][a-z0-9-]{0,80}$",
        description: "a printer's device id; the guide printer when left out",
      }),
    ),
  },
  { additionalProperties: false },
);

const PrintCoverageAccepted = Type.Object({
  jobId: Type.String(),
  printerId: Type.String(),
});

const refused = { 400: errorRef, 401: errorRef, 404: errorRef, 409: errorRef, 503: errorRef };

/**
 * The coverage report for operators: the circle's class, its basic share
 * and the gap list (缺什么补什么), previewed as text and printed on the
 * kiosk's receipt printer for a community meeting.
 */
export function operatorCoverageRoutes(options: OperatorCoverageRoutesOptions) {
  const { auth, audit, outlets, guides, kiosk } = options;
  const now = options.now ?? (() => new Date());
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", auth.guard);

    app.get(
      "/operator/coverage/report",
      {
        schema: {
          summary: "The coverage report: class, basic share and gaps, with the text it prints",
          tags: ["operator", "outlets"],
          response: { 200: CoverageReport, 401: errorRef, 503: errorRef },
        },
      },
      async () => {
        const at = now();
        const coverage = outlets.coverage(at);
        let columns = 32;
        try {
          columns = guides.choosePrinter().profile.capabilities.columns;
        } catch {
          // No printer: the preview is still worth reading, on 58 mm paper.
        }
        const document = coverageDocument(coverage, {
          title: kiosk.name,
          kioskId: kiosk.id,
          printedAt: at,
        });
        return { coverage, text: renderReceiptText(document, columns), columns };
      },
    );

    app.post(
      "/operator/coverage/print",
      {
        schema: {
          summary: "Print the coverage report on the kiosk's receipt printer",
          tags: ["operator", "outlets"],
          body: Type.Optional(PrintCoverageRequest),
          response: { 202: PrintCoverageAccepted, ...refused },
        },
        schemaErrorFormatter: explainInvalid(PrintCoverageRequest),
      },
      async (request, reply) => {
        const printer = guides.choosePrinter(request.body?.printerId);
        const at = now();
        const document = coverageDocument(outlets.coverage(at), {
          title: kiosk.name,
          kioskId: kiosk.id,
          printedAt: at,
        });
        const job = audit.run(
          () => printer.print(document),
          (printed) => ({
            action: "print_coverage",
            sessionId: auth.sessionOf(request).id,
            clientKey: clientKeyOf(request),
            deviceId: printer.id,
            detail: { jobId: printed.id },
          }),
        );
        return reply.status(202).send({ jobId: job.id, printerId: printer.id });
      },
    );
  };
}
