import { LinliError } from "@linli/protocols";

/** An import failure: the whole file is refused and the store is left as it was. */
export function importError(
  what: string,
  message: string,
  options: { details?: Record<string, unknown>; cause?: unknown } = {},
): LinliError {
  return new LinliError(`LINLI_ERR_IMPORT_${what}`, message, { status: 422, ...options });
}
