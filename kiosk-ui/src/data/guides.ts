import type {
  GuideAccepted,
  GuideHoldReason,
  GuideJobResponse,
  GuideJobState,
  GuidePreviewResponse,
  GuideRequest,
} from "@linli/protocols/api";
import type { MessageKey } from "../i18n/i18n.js";
import { getJson, postJson, STORE_FULL } from "./api.js";

/** Typed wrappers over the agent's guide routes (edge-agent/src/http/routes/guides.ts). */

export const previewGuide = (request: GuideRequest, signal?: AbortSignal) =>
  postJson<GuidePreviewResponse>("/guides/preview", request, signal);

/** Queues the guide; the same requestId again answers the same job and prints nothing more. */
export const printGuide = (request: GuideRequest, signal?: AbortSignal) =>
  postJson<GuideAccepted>("/guides", request, signal);

export const fetchGuideJob = (jobId: string, signal?: AbortSignal) =>
  getJson<GuideJobResponse>(`/guides/jobs/${encodeURIComponent(jobId)}`, signal);

/** The most outlets one guide lists (the agent's GuideRequest allows 1 to 10). */
export const MAX_GUIDE_OUTLETS = 10;

/** What the resident chose to print. */
export type GuideChoice =
  | { kind: "category"; code: string; outletIds: readonly string[]; chosen: ReadonlySet<string> }
  | { kind: "outlets"; outletIds: readonly string[]; chosen: ReadonlySet<string> };

/**
 * The request for what the resident chose: a whole category as the category
 * (so the guide says "药店 步行 10 分钟内"), anything less as the chosen
 * outlets, in the order shown. Undefined when nothing is chosen.
 */
export function guideRequest(
  choice: GuideChoice,
  options: { largePrint: boolean; elderly: boolean },
): GuideRequest | undefined {
  const outletIds = choice.outletIds.filter((id) => choice.chosen.has(id));
  if (outletIds.length === 0) return undefined;
  const size = { largePrint: options.largePrint, elderly: options.elderly || options.largePrint };
  if (choice.kind === "category" && outletIds.length === choice.outletIds.length) {
    return { category: choice.code, ...size };
  }
  return { outletIds: outletIds.slice(0, MAX_GUIDE_OUTLETS), ...size };
}

/** The states after which a print's state no longer changes without an operator. */
export function isFinalJobState(state: GuideJobState): boolean {
  return state === "done" || state === "failed" || state === "uncertain";
}

/** A fresh id for one print: asking again with it (a double tap, a retry) prints nothing more. */
export function newPrintRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** How far a print has got, as the progress steps show it: 0 queued, 1 printing, 2 take it. */
export type PrintStep = 0 | 1 | 2;

export interface PrintProgress {
  step: PrintStep;
  /** What to tell the resident (the agent's words, in the kiosk's languages). */
  message: MessageKey;
  /** "problem": the resident needs a member of staff; said as an alert. */
  tone: "working" | "done" | "problem";
  /** The printer will go on by itself once staff fix it. */
  resumes: boolean;
}

const HELD: Readonly<Record<GuideHoldReason, MessageKey>> = {
  paper_out: "printPaperOut",
  cover_open: "printCoverOpen",
  printer_unavailable: "printUnavailable",
};

/** A print job's state in the resident's terms; before the agent answers it is queued. */
export function printProgress(
  job: Pick<GuideJobResponse, "state" | "reason"> | undefined,
): PrintProgress {
  switch (job?.state) {
    case "printing":
      return { step: 1, message: "printPrinting", tone: "working", resumes: false };
    case "held":
      return {
        step: 1,
        message: HELD[job.reason ?? "printer_unavailable"],
        tone: "problem",
        resumes: true,
      };
    case "done":
      return { step: 2, message: "printDone", tone: "done", resumes: false };
    case "failed":
      return { step: 1, message: "printFailed", tone: "problem", resumes: false };
    case "uncertain":
      return { step: 1, message: "printUncertain", tone: "problem", resumes: false };
    default:
      return { step: 0, message: "printQueued", tone: "working", resumes: false };
  }
}

/** The words for an agent's refusal to preview or print, by its code. */
export function guideRefusal(code: string): MessageKey {
  switch (code) {
    case "LINLI_ERR_GUIDE_NO_PRINTER":
      return "printNoPrinter";
    case "LINLI_ERR_GUIDE_NO_OUTLETS":
      return "printNoCategoryOutlets";
    case "LINLI_ERR_OUTLET_NOT_FOUND":
      return "printOutletGone";
    case STORE_FULL:
      return "storeFull";
    default:
      return "loadFailed";
  }
}
