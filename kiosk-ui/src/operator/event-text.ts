import type { EventLogEntry } from "@linli/protocols/api";
import type { MessageKey, Translate } from "./i18n/i18n.js";
import { jobKindText, jobStateText, STATE_TEXT } from "./labels.js";

/** One event log entry in a line a person reads. */

const ACTION_TEXT: Record<string, MessageKey> = {
  login: "actionLogin",
  login_failed: "actionLoginFailed",
  locked_out: "actionLockedOut",
  logout: "actionLogout",
  open_door: "actionOpenDoor",
  test_print: "actionTestPrint",
  resolve_job: "actionResolveJob",
  display_wake: "actionDisplayWake",
  display_sleep: "actionDisplaySleep",
  display_brightness: "actionDisplayBrightness",
};

export const EVENT_TYPE_TEXT: Record<EventLogEntry["type"], MessageKey> = {
  "device.state": "typeDeviceState",
  "device.event": "typeDeviceEvent",
  "job.state": "typeJobState",
  "operator.action": "typeOperatorAction",
};

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** `{board: 1, lock: 3}` → "board 1 · lock 3": the facts, without JSON's punctuation. */
function facts(data: unknown): string {
  if (typeof data !== "object" || data === null) return "";
  return Object.entries(data as Record<string, unknown>)
    .filter(([, value]) => ["string", "number", "boolean"].includes(typeof value))
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(" · ");
}

export function eventText(t: Translate, entry: EventLogEntry): string {
  const { data } = entry;
  switch (entry.type) {
    case "device.state": {
      const state = str(data.state);
      const key = state ? STATE_TEXT[state as keyof typeof STATE_TEXT] : undefined;
      const error = str(data.lastError);
      return [key ? t(key) : (state ?? ""), error].filter(Boolean).join(" · ");
    }
    case "device.event":
      return [str(data.event) ?? "", facts(data.data)].filter(Boolean).join(" · ");
    case "job.state":
      return [
        jobKindText(t, str(data.kind) ?? ""),
        jobStateText(t, str(data.state) ?? ""),
        str(data.detail),
      ]
        .filter(Boolean)
        .join(" · ");
    case "operator.action": {
      const action = str(data.action) ?? "";
      const key = ACTION_TEXT[action];
      return [key ? t(key) : action, facts(data.detail)].filter(Boolean).join(" · ");
    }
  }
}
