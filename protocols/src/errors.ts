/**
 * Every error Linli raises on purpose carries a stable code
 * (`LINLI_ERR_<AREA>_<WHAT>`), a message a person can act on, and, where the
 * error crosses HTTP, the status to answer with.
 */
export class LinliError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: `LINLI_ERR_${string}`,
    message: string,
    options: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LinliError";
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
  }

  toJSON(): { code: string; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isLinliError(value: unknown): value is LinliError {
  return value instanceof LinliError;
}
