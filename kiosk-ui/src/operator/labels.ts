import type { DeviceState, DeviceSummaryDto, JobStateDto } from "@linli/protocols/api";
import type { Severity } from "./device-faults.js";
import type { MessageKey, Translate } from "./i18n/i18n.js";

/** The console's names for the agent's codes: families, states, job kinds. */

export const FAMILY_TEXT: Record<DeviceSummaryDto["family"], MessageKey> = {
  printer: "familyPrinter",
  locker: "familyLocker",
  vending: "familyVending",
  scanner: "familyScanner",
  "rating-box": "familyRatingBox",
};

export const STATE_TEXT: Record<DeviceState, MessageKey> = {
  ready: "stateReady",
  busy: "stateBusy",
  paper_near_end: "statePaperNearEnd",
  paper_out: "statePaperOut",
  cover_open: "stateCoverOpen",
  door_open: "stateDoorOpen",
  jammed: "stateJammed",
  offline: "stateOffline",
  error: "stateError",
};

export const SEVERITY_TEXT: Record<Severity, MessageKey> = {
  critical: "severityCritical",
  warning: "severityWarning",
  notice: "severityNotice",
  ok: "severityOk",
};

const JOB_STATE_TEXT: Record<JobStateDto, MessageKey> = {
  queued: "jobQueued",
  running: "jobRunning",
  held: "jobHeld",
  done: "jobDone",
  failed: "jobFailed",
  uncertain: "jobUncertain",
};

export function jobStateText(t: Translate, state: string): string {
  const key = JOB_STATE_TEXT[state as JobStateDto];
  return key ? t(key) : state;
}

export function jobKindText(t: Translate, kind: string): string {
  if (kind === "print") return t("jobPrint");
  if (kind === "door_open") return t("jobDoorOpen");
  if (kind === "vend") return t("jobVend");
  return t("jobOther", { kind });
}

/** The tone a job's state is shown in. */
export function jobTone(state: string): Severity {
  if (state === "failed" || state === "uncertain") return "critical";
  if (state === "held") return "warning";
  if (state === "done") return "ok";
  return "notice";
}
