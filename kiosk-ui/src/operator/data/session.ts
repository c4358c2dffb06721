import type { HealthResponse, OperatorSessionResponse } from "@linli/protocols/api";
import { getJson, OperatorApiError, postJson } from "./client.js";

/** Typed wrappers over the operator session routes (edge-agent/src/http/routes/operator-session.ts). */

export const fetchHealth = (signal?: AbortSignal) => getJson<HealthResponse>("/health", signal);

export const login = (pin: string) => postJson<OperatorSessionResponse>("/operator/login", { pin });

export const logout = () => postJson<void>("/operator/logout");

/** The current session, or null when there is none (not logged in, or it ended). */
export async function currentSession(
  signal?: AbortSignal,
): Promise<OperatorSessionResponse | null> {
  try {
    return await getJson<OperatorSessionResponse>("/operator/session", signal);
  } catch (error) {
    if (error instanceof OperatorApiError && error.status === 401) return null;
    throw error;
  }
}
