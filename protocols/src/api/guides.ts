import Type, { type Static, type TSchema } from "typebox";

/**
 * The printed service guide: a preview of the text, a print that answers
 * with a job id, and the job's state in words a resident understands.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const GuideDeviceId = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,80}$",
  description: 'a printer\'s device id, e.g. "printer-1"',
});

export const GuideRequest = Type.Object(
  {
    outletIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        minItems: 1,
        maxItems: 10,
        uniqueItems: true,
        description: "1 to 10 different outlet ids, printed in the order given",
      }),
    ),
    category: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          'a category code or Chinese name, e.g. "pharmacy" or "药店" (its nearest outlets within its radius, up to 10)',
      }),
    ),
    largePrint: Type.Optional(
      Type.Boolean({ description: "true or false (true: double-height text for elderly readers)" }),
    ),
    elderly: Type.Optional(
      Type.Boolean({
        description:
          "true or false (true: walking minutes at the slower elderly speed; as largePrint when left out)",
      }),
    ),
    paperWidthMm: Type.Optional(
      Type.Enum([58, 80], {
        description: "58 or 80; the printer's own paper when left out",
      }),
    ),
    printerId: Type.Optional(GuideDeviceId),
    requestId: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z0-9_-]{1,64}$",
        description:
          "1 to 64 letters, digits, _ or -: the same id again returns the same job and prints nothing more",
      }),
    ),
  },
  { $id: "GuideRequest", additionalProperties: false },
);
export type GuideRequest = Static<typeof GuideRequest>;

const GuideOutletRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  walkMinutes: Type.Integer({ minimum: 0 }),
});

export const GuidePreviewResponse = Type.Object(
  {
    text: Type.String({ description: "the lines that will print; a QR code shows as [QR]" }),
    columns: Type.Enum([32, 48]),
    bytes: Type.Integer({ minimum: 0, description: "ESC/POS bytes the guide takes" }),
    printerId: Nullable(Type.String()),
    outlets: Type.Array(GuideOutletRef),
  },
  { $id: "GuidePreviewResponse" },
);
export type GuidePreviewResponse = Static<typeof GuidePreviewResponse>;

export const GuideAccepted = Type.Object(
  {
    jobId: Type.String(),
    printerId: Type.String(),
    outlets: Type.Array(GuideOutletRef),
  },
  { $id: "GuideAccepted" },
);
export type GuideAccepted = Static<typeof GuideAccepted>;

export const GuideJobParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200, description: "a guide's job id" }) },
  { $id: "GuideJobParams" },
);
export type GuideJobParams = Static<typeof GuideJobParams>;

export const GUIDE_JOB_STATES = [
  "queued",
  "printing",
  "held",
  "done",
  "failed",
  "uncertain",
] as const;
export type GuideJobState = (typeof GUIDE_JOB_STATES)[number];

export const GUIDE_HOLD_REASONS = ["paper_out", "cover_open", "printer_unavailable"] as const;
export type GuideHoldReason = (typeof GUIDE_HOLD_REASONS)[number];

export const GuideJobResponse = Type.Object(
  {
    jobId: Type.String(),
    printerId: Type.String(),
    state: Type.Enum(GUIDE_JOB_STATES),
    reason: Nullable(Type.Enum(GUIDE_HOLD_REASONS, { description: "why a held job waits" })),
    message: Type.String({ description: "what to tell the resident, in plain Chinese" }),
    updatedAt: Type.String({ format: "date-time" }),
  },
  { $id: "GuideJobResponse" },
);
export type GuideJobResponse = Static<typeof GuideJobResponse>;
