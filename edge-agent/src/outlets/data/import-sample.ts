import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LinliError } from "@linli/protocols";
import { type ImportOptions, importOutletFile } from "../import/index.js";
import type { ImportResult } from "../import/types.js";
import type { OutletRepository } from "../repository.js";

/**
 * Where the shipped sample circle is: next to this module when run from
 * source, or back in src/ when run from the compiled dist/ (tsc does not
 * copy data files).
 */
export function sampleCircleFile(): string {
  const candidates = [
    new URL("./sample-circle.geojson", import.meta.url),
    new URL("../../../src/outlets/data/sample-circle.geojson", import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new LinliError(
      "LINLI_ERR_IMPORT_UNREADABLE",
      `the sample circle is missing (looked for ${candidates.join(" and ")}): reinstall the agent`,
    );
  }
  return found;
}

/**
 * Imports the shipped sample circle (潍坊新村, for demo mode), replacing
 * whatever outlets the store held. Idempotent: the sample carries its own ids.
 */
export function importSampleCircle(
  repository: OutletRepository,
  options: Pick<ImportOptions, "now" | "catalog"> = {},
): ImportResult {
  return importOutletFile(repository, sampleCircleFile(), { ...options, mode: "replace" });
}
