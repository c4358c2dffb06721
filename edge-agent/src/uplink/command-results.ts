import { LinliError, maskPhoneNumbers } from "@linli/protocols";
import type { CommandResult } from "@linli/protocols/api";

/** `cmd/{name}/result` payloads (zigbee2mqtt's {status, data | error}, with the command's id). */

export function ok(id: string, data: unknown): CommandResult {
  return { id, status: "ok", data: data === undefined ? null : data };
}

export function errorResult(id: string, code: string, message: string): CommandResult {
  return { id, status: "error", error: { code, message: maskPhoneNumbers(message) } };
}

export function failure(id: string, error: unknown): CommandResult {
  const code = error instanceof LinliError ? error.code : "LINLI_ERR_UPLINK_COMMAND_FAILED";
  return errorResult(id, code, String((error as Error).message ?? error));
}

/** An error's code (when it has one) and message, for a result that explains another failure. */
export function explain(error: unknown): string {
  const message = String((error as Error | undefined)?.message ?? error);
  return error instanceof LinliError ? `${error.code}: ${message}` : message;
}

export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
