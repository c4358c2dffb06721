import { loadConfig } from "../config/index.js";
import { demoBaseConfig } from "../demo/config.js";
import { createLogger } from "../log.js";
import {
  type Datum,
  type ImportResult,
  importOutletFile,
  rowPlace,
} from "../outlets/import/index.js";
import { OutletRepository } from "../outlets/repository.js";
import { Store } from "../store/store.js";

export interface ImportCommandOptions {
  /** gcj02, bd09 or wgs84: overrides what the file declares. */
  datum?: string;
  /** utf-8 or gbk; detected when left out. */
  encoding?: string;
  /** Make the file the whole outlet set, removing outlets it lacks (default: merge by id). */
  replace?: boolean;
  config?: string;
  demo?: boolean;
}

export interface ImportCommandIo {
  print?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** How many rejected rows the summary lists; the rest are counted. */
const SHOWN_REJECTIONS = 5;

const DATUM_NAMES: Readonly<Record<Datum, string>> = {
  gcj02: "GCJ-02 (高德/腾讯)",
  bd09: "BD-09 (百度)",
  wgs84: "WGS-84 (GPS)",
};

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).join(", ");
  return lines.length > 5 ? `${shown} …` : shown;
}

/** What a person reads after an import: what loaded, what did not and why, what to do. */
export function describeImport(result: ImportResult, storePath: string, total: number): string[] {
  const where = (line: number) => rowPlace(result.format, line);
  const lines = [
    `imported ${result.loaded} outlet${result.loaded === 1 ? "" : "s"} from ${result.source} (${result.format === "csv" ? "CSV" : "GeoJSON"}, ${result.encoding === "utf-8" ? "UTF-8" : "GBK/GB18030"}, ${result.mode === "replace" ? "replacing the outlet set" : "merged by id"})`,
    `coordinates read as ${DATUM_NAMES[result.datum]}${
      result.datumFrom === "default"
        ? `, assumed for ${result.format === "csv" ? "CSV" : "GeoJSON"}: pass --datum gcj02, bd09 or wgs84 if that is wrong`
        : result.datumFrom === "file"
          ? ", as the file declares"
          : ", as --datum says"
    }; stored as WGS-84`,
  ];
  if (result.rejected.length > 0) {
    lines.push(
      `rejected ${result.rejected.length} row${result.rejected.length === 1 ? "" : "s"}; fix ${result.rejected.length === 1 ? "it" : "them"} and import the file again (loaded rows stay the same):`,
    );
    for (const row of result.rejected.slice(0, SHOWN_REJECTIONS)) {
      lines.push(`  ${where(row.line)}: ${row.reason}`);
    }
    if (result.rejected.length > SHOWN_REJECTIONS) {
      lines.push(`  … and ${result.rejected.length - SHOWN_REJECTIONS} more`);
    }
  }
  if (result.unknownCategories.length > 0) {
    const unknown = result.unknownCategories
      .map(
        ({ value, lines: at }) =>
          `"${value}" (${at.length === 1 ? where(at[0] ?? 0) : `${result.format === "csv" ? "lines" : "features"} ${lineList(at)}`})`,
      )
      .join(", ");
    lines.push(
      `unknown categories: ${unknown}; use a catalog name or code, e.g. 便利店 or convenience_store`,
    );
  }
  if (result.ignoredColumns.length > 0) {
    lines.push(`ignored columns: ${result.ignoredColumns.join(", ")}`);
  }
  lines.push(`the store ${storePath} now holds ${total} outlet${total === 1 ? "" : "s"}`);
  return lines;
}

/**
 * `linli import FILE`: reads a CSV or GeoJSON file of outlets into the
 * kiosk's store, in one transaction, and says what loaded and what did not.
 * Throws LINLI_ERR_IMPORT_* (exit code 65) when the file cannot be read or
 * nothing in it loads; the store is then left as it was.
 */
export async function importCommand(
  file: string,
  options: ImportCommandOptions = {},
  io: ImportCommandIo = {},
): Promise<ImportResult> {
  const print = io.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { config } = loadConfig({
    file: options.config,
    ...(io.env ? { env: io.env } : {}),
    ...(io.cwd ? { cwd: io.cwd } : {}),
    ...(options.demo === true ? { base: demoBaseConfig({ quiet: true }) } : {}),
  });
  // The summary is the output; only warnings and worse from the store go to the log.
  const quiet = ["error", "fatal"].includes(config.log.level) ? config.log.level : "warn";
  const store = new Store(config.store.path, createLogger({ level: quiet }));
  store.start();
  try {
    const repository = new OutletRepository(store.db);
    const result = importOutletFile(repository, file, {
      datum: options.datum,
      encoding: options.encoding,
      mode: options.replace === true ? "replace" : "merge",
    });
    for (const line of describeImport(result, config.store.path, repository.count())) print(line);
    return result;
  } finally {
    store.stop();
  }
}
