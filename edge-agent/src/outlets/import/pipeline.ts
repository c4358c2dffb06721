import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { buildCatalog, type Catalog } from "@linli/protocols/catalog";
import type { OutletRecord } from "../record.js";
import type { OutletRepository } from "../repository.js";
import { readCsvRows } from "./csv.js";
import { parseDatum } from "./datum.js";
import { decodeText, parseEncoding } from "./encoding.js";
import { importError } from "./errors.js";
import { readGeoJsonRows } from "./geojson.js";
import { toOutletRecord } from "./to-record.js";
import type {
  Datum,
  ImportFormat,
  ImportMode,
  ImportResult,
  RejectedRow,
  UnknownCategory,
} from "./types.js";

export interface ImportOptions {
  /** gcj02, bd09 or wgs84: overrides what the file declares. */
  datum?: string | undefined;
  /** utf-8 or gbk/gb18030; detected when left out. */
  encoding?: string | undefined;
  /** csv or geojson; from the file name or the content when left out. */
  format?: ImportFormat | undefined;
  /** "merge" (default) upserts by id; "replace" removes outlets the file lacks. */
  mode?: ImportMode | undefined;
  catalog?: Catalog | undefined;
  /** The name outlets record as their source; the file's name by default. */
  sourceName?: string | undefined;
  now?: Date | undefined;
}

export interface ParsedOutlets extends Omit<ImportResult, "loaded" | "mode"> {
  records: OutletRecord[];
}

/** Where RFC 7946 puts GeoJSON, and where 高德/腾讯 exports put a CSV, unless told. */
const DEFAULT_DATUM: Readonly<Record<ImportFormat, Datum>> = { geojson: "wgs84", csv: "gcj02" };

function formatOf(name: string, text: string, named?: ImportFormat): ImportFormat {
  if (named) return named;
  const extension = extname(name).toLowerCase();
  if (extension === ".geojson" || extension === ".json") return "geojson";
  if (extension === ".csv" || extension === ".tsv" || extension === ".txt") return "csv";
  return text.trimStart().startsWith("{") ? "geojson" : "csv";
}

/** Where a person finds a row: "line 12" in a CSV, "feature 12" in GeoJSON. */
export function rowPlace(format: ImportFormat, line: number): string {
  return format === "csv" ? `line ${line}` : `feature ${line}`;
}

/**
 * Bytes → outlets, without touching the store: decoding, framing (CSV or
 * GeoJSON), then each row's meaning. Bad rows are collected with their line
 * and reason; a file that cannot be read as a whole throws.
 */
export function parseOutlets(bytes: Uint8Array, options: ImportOptions = {}): ParsedOutlets {
  const source = options.sourceName ?? "import";
  const { text, encoding } = decodeText(bytes, parseEncoding(options.encoding));
  const format = formatOf(source, text, options.format);
  if (text.trim() === "") throw importError("EMPTY", `${source} is empty`);
  const framed = format === "csv" ? readCsvRows(text) : readGeoJsonRows(text);

  const fromOption = parseDatum(options.datum);
  const fromFile = "declaredDatum" in framed ? parseDatum(framed.declaredDatum) : undefined;
  const datum = fromOption ?? fromFile ?? DEFAULT_DATUM[format];
  const datumFrom = fromOption ? "option" : fromFile ? "file" : "default";

  const catalog = options.catalog ?? buildCatalog();
  const context = {
    catalog,
    datum,
    sourceOf: (line: number) => (format === "csv" ? `${source}:${line}` : `${source}#${line}`),
    updatedAt: (options.now ?? new Date()).toISOString(),
  };
  const records: OutletRecord[] = [];
  const rejected: RejectedRow[] = [...framed.misshapen];
  const unknown = new Map<string, number[]>();
  const lineOfId = new Map<string, number>();
  for (const row of framed.rows) {
    const outcome = toOutletRecord(row, context);
    if ("reason" in outcome) {
      rejected.push({ line: row.line, reason: outcome.reason });
      if (outcome.unknownCategory !== undefined) {
        const lines = unknown.get(outcome.unknownCategory) ?? [];
        unknown.set(outcome.unknownCategory, [...lines, row.line]);
      }
      continue;
    }
    const earlier = lineOfId.get(outcome.record.id);
    if (earlier !== undefined) {
      rejected.push({
        line: row.line,
        reason: `the same outlet as ${rowPlace(format, earlier)} (id ${outcome.record.id})`,
      });
      continue;
    }
    lineOfId.set(outcome.record.id, row.line);
    records.push(outcome.record);
  }
  rejected.sort((a, b) => a.line - b.line);
  const unknownCategories: UnknownCategory[] = [...unknown].map(([value, lines]) => ({
    value,
    lines,
  }));
  return {
    source,
    format,
    encoding,
    datum,
    datumFrom,
    records,
    rejected,
    unknownCategories,
    ignoredColumns: framed.ignoredColumns,
  };
}

/**
 * Parses the bytes and writes the good rows in one transaction, recording
 * the import. Throws, leaving the store as it was, when nothing can load.
 */
export function importOutlets(
  repository: OutletRepository,
  bytes: Uint8Array,
  options: ImportOptions = {},
): ImportResult {
  const startedAt = (options.now ?? new Date()).toISOString();
  const { records, ...parsed } = parseOutlets(bytes, options);
  if (records.length === 0) {
    const first = parsed.rejected
      .slice(0, 3)
      .map((row) => `${rowPlace(parsed.format, row.line)}: ${row.reason}`);
    throw importError(
      "NOTHING_LOADED",
      parsed.rejected.length === 0
        ? `${parsed.source} has no outlets in it, only ${parsed.format === "csv" ? "a header" : "an empty collection"}`
        : `nothing imported from ${parsed.source}: all ${parsed.rejected.length} rows were rejected (${first.join("; ")})`,
      { details: { rejected: parsed.rejected.slice(0, 20) } },
    );
  }
  const mode = options.mode ?? "merge";
  const { rejected, source, ...details } = parsed;
  const report = { source, startedAt, rejected, details: { ...details, mode } };
  if (mode === "replace") repository.replaceFromImport(records, report);
  else repository.upsertMany(records, report);
  return { ...parsed, mode, loaded: records.length };
}

/** Reads a file and imports it; an unreadable file throws LINLI_ERR_IMPORT_UNREADABLE. */
export function importOutletFile(
  repository: OutletRepository,
  path: string,
  options: ImportOptions = {},
): ImportResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "it does not exist"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : String(cause);
    throw importError("UNREADABLE", `cannot read ${path}: ${why}`, { cause });
  }
  return importOutlets(repository, bytes, { sourceName: basename(path), ...options });
}
