import type { HealthResponse } from "@linli/protocols/api";

/** The one place the UI talks HTTP; components get typed results, never call fetch. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api/v1${path}`, { signal: signal ?? AbortSignal.timeout(5_000) });
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) {
    throw new ApiError(
      body.code ?? "LINLI_ERR_HTTP",
      body.message ?? response.statusText,
      response.status,
    );
  }
  return body as T;
}

export const fetchHealth = (signal?: AbortSignal) => getJson<HealthResponse>("/health", signal);
