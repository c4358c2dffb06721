/**
 * A print job's state as a resident is told it: the driver's states with
 * "running" as "printing", and why a held job waits, in plain Chinese.
 */
import type { GuideHoldReason, GuideJobResponse, GuideJobState } from "@linli/protocols/api";
import type { Job } from "../../devices/jobs/job-store.js";
import { holdReason } from "../../devices/printer/printer-status.js";

const MESSAGES: Readonly<Record<Exclude<GuideJobState, "held">, string>> = {
  queued: "正在排队，马上为您打印",
  printing: "正在打印，请稍候",
  done: "打印好了，请取走您的服务指南",
  failed: "没有打印成功，请联系工作人员",
  uncertain: "打印可能没有完成，请联系工作人员",
};

const HELD_MESSAGES: Readonly<Record<GuideHoldReason, string>> = {
  paper_out: "打印机缺纸，请联系工作人员",
  cover_open: "打印机盖没有关好，请联系工作人员",
  printer_unavailable: "打印机暂时不能打印，请联系工作人员",
};

/** Why a held job waits, from the driver's hold reason (print-jobs.ts words it). */
export function holdReasonOf(error: string | null): GuideHoldReason {
  if (error?.startsWith(holdReason("paper_out"))) return "paper_out";
  if (error?.startsWith(holdReason("cover_open"))) return "cover_open";
  return "printer_unavailable";
}

export function residentJobView(job: Job): GuideJobResponse {
  const base = { jobId: job.id, printerId: job.deviceId, updatedAt: job.updatedAt };
  if (job.state === "held") {
    const reason = holdReasonOf(job.error);
    return { ...base, state: "held", reason, message: HELD_MESSAGES[reason] };
  }
  const state: Exclude<GuideJobState, "held"> = job.state === "running" ? "printing" : job.state;
  return { ...base, state, reason: null, message: MESSAGES[state] };
}
