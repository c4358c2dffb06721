import {
  GuideAccepted,
  GuideJobParams,
  GuideJobResponse,
  GuidePreviewResponse,
  GuideRequest,
} from "@linli/protocols/api";
import type { GuideService } from "../../services/guides/guide-service.js";
import type { HttpApp } from "../types.js";
import { errorRef, explainInvalid } from "./validation.js";

const refused = { 400: errorRef, 404: errorRef, 409: errorRef, 503: errorRef };

/** Resident routes for the printed service guide: preview, print, and the print's state. */
export function guideRoutes(options: { guides: GuideService }) {
  const { guides } = options;
  return async (app: HttpApp): Promise<void> => {
    app.post(
      "/guides/preview",
      {
        schema: {
          summary: "The text a service guide will print, line for line ([QR] for its QR code)",
          tags: ["guides"],
          body: GuideRequest,
          response: { 200: GuidePreviewResponse, ...refused },
        },
        schemaErrorFormatter: explainInvalid(GuideRequest, "LINLI_ERR_GUIDE_BAD_REQUEST"),
      },
      async (request) => guides.preview(request.body),
    );

    app.post(
      "/guides",
      {
        schema: {
          summary: "Print a service guide; answers at once with the job to follow",
          tags: ["guides"],
          body: GuideRequest,
          response: { 202: GuideAccepted, ...refused },
        },
        schemaErrorFormatter: explainInvalid(GuideRequest, "LINLI_ERR_GUIDE_BAD_REQUEST"),
      },
      async (request, reply) => reply.status(202).send(guides.print(request.body)),
    );

    app.get(
      "/guides/jobs/:id",
      {
        schema: {
          summary: "A guide's print: queued, printing, held (with why), done, failed or uncertain",
          tags: ["guides"],
          params: GuideJobParams,
          response: { 200: GuideJobResponse, 404: errorRef },
        },
      },
      async (request) => guides.job(request.params.id),
    );
  };
}
