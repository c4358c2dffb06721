/** The shapes an import reports, shared by the pipeline, the repository and the CLI. */

export type { Datum } from "../datum.js";

import type { Datum } from "../datum.js";
export type ImportFormat = "csv" | "geojson";
export type ImportEncoding = "utf-8" | "gb18030";

/**
 * A row left out of an import. `line` is where a person finds it: the CSV
 * line the row starts on (the header is line 1), or the GeoJSON feature's
 * index in `features` (from 0).
 */
export interface RejectedRow {
  line: number;
  reason: string;
}

/** A category value the catalog does not know, and the rows that used it. */
export interface UnknownCategory {
  value: string;
  lines: number[];
}

export interface ImportResult {
  /** The file's name (no folders), as recorded in each outlet's `source`. */
  source: string;
  format: ImportFormat;
  encoding: ImportEncoding;
  /** The datum the coordinates were read in; the store holds WGS-84. */
  datum: Datum;
  /** How the datum was chosen: named by an option, declared by the file, or assumed. */
  datumFrom: "option" | "file" | "default";
  /** "merge" upserts by id; "replace" makes the file the circle's whole outlet set. */
  mode: ImportMode;
  loaded: number;
  rejected: RejectedRow[];
  unknownCategories: UnknownCategory[];
  /** Columns (CSV) or properties (GeoJSON) the importer does not read. */
  ignoredColumns: string[];
}

export type ImportMode = "merge" | "replace";
