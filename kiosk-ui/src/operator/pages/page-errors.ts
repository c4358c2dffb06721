import { AgentUnreachableError, OperatorApiError } from "../data/client.js";
import type { Translate } from "../i18n/i18n.js";

/** What a page says when a call fails: the agent's own message, or that it did not answer. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof AgentUnreachableError) return t("unreachable");
  if (error instanceof OperatorApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
