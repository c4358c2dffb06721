import { parse } from "csv-parse/sync";
import { importError } from "./errors.js";
import { type FieldName, fieldLabel, fieldOf, type RawRow, REQUIRED_FIELDS } from "./fields.js";

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export interface CsvRows {
  rows: RawRow[];
  /** Rows refused by their shape alone (too many or too few fields). */
  misshapen: { line: number; reason: string }[];
  ignoredColumns: string[];
}

/** The delimiter the header line uses most: comma, tab or semicolon. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const counts = [",", "\t", ";"].map((d) => [d, header.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ",";
}

/**
 * The line a record starts on, as a person counts lines in the file: the
 * parser reports where it ends, and its raw text carries any blank lines
 * skipped before it.
 */
function startLine(parsed: ParsedRecord): number {
  const body = parsed.raw.replace(/^(?:[ \t]*\n)+/, "").replace(/\n$/, "");
  return parsed.info.lines - (body.match(/\n/g)?.length ?? 0);
}

/**
 * CSV framing: text → rows of named fields with their line numbers. It
 * knows column names, not what the values mean. A broken quote refuses the
 * whole file (the rest cannot be trusted); a row with the wrong number of
 * fields is refused alone.
 */
export function readCsvRows(input: string): CsvRows {
  const text = input.replace(/\r\n?/g, "\n");
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (cause) {
    const line = (cause as { lines?: number }).lines;
    throw importError(
      "MALFORMED",
      `the CSV is broken${line ? ` at line ${line}` : ""}: ${(cause as Error).message} (a value holding a comma or a quote must be quoted, with quotes doubled)`,
      { cause, details: line ? { line } : {} },
    );
  }
  const [header, ...body] = records;
  if (!header) throw importError("EMPTY", "the file is empty: it has no header row");

  const columns = header.record.map((name) => fieldOf(name));
  const ignoredColumns = header.record.filter((name, i) => name !== "" && !columns[i]);
  checkHeader(header.record, columns);

  const rows: RawRow[] = [];
  const misshapen: CsvRows["misshapen"] = [];
  for (const parsed of body) {
    const values = parsed.record;
    if (values.every((value) => value === "")) continue;
    const line = startLine(parsed);
    if (values.length !== columns.length) {
      misshapen.push({
        line,
        reason: `has ${values.length} fields but the header has ${columns.length} (quote a value that holds a comma)`,
      });
      continue;
    }
    const fields: RawRow["fields"] = {};
    values.forEach((value, i) => {
      const field = columns[i];
      if (field) fields[field] = value;
    });
    rows.push({ line, fields });
  }
  return { rows, misshapen, ignoredColumns };
}

function checkHeader(names: string[], columns: (FieldName | undefined)[]): void {
  const seen = new Map<FieldName, string>();
  columns.forEach((field, i) => {
    if (!field) return;
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      throw importError(
        "HEADER",
        `the header has two ${fieldLabel(field)} columns ("${earlier}" and "${names[i]}"): keep one`,
      );
    }
    seen.set(field, names[i] ?? "");
  });
  const missing = REQUIRED_FIELDS.filter((field) => !seen.has(field));
  if (missing.length > 0) {
    throw importError(
      "HEADER",
      `the header row has no ${missing.map(fieldLabel).join(", ")} column (found: ${names.join(", ")}); the first row must name the columns, in Chinese or English`,
    );
  }
}
