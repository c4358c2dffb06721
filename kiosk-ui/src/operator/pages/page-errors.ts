import { AgentUnreachableError, OperatorApiError } from "../data/client.js";
import type { Translate } from "../i18n/i18n.js";

/** What a page says when a call fails: the agent's own message, or that it did not answer. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof AgentUnreachableError) return t("unreachable");
  // The agent's message for a full store is the residents' (Chinese); the operator gets what to do.
  if (error instanceof OperatorApiError && error.code === "LINLI_ERR_STORE_FULL") {
    return t("storeRefusedAction", { why: t("storeFixSpace") });
  }
  if (error instanceof OperatorApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
