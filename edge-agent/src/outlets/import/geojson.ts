import { importError } from "./errors.js";
import { fieldOf, type RawRow } from "./fields.js";

export interface GeoJsonRows {
  rows: RawRow[];
  /** Features refused by their shape alone (not a Feature, not a Point). */
  misshapen: { line: number; reason: string }[];
  ignoredColumns: string[];
  /** The collection's `datum` or `crs`, as written. */
  declaredDatum: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message.replace(/\s+/g, " ");
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position ? text.slice(0, Number(position)).split("\n").length : undefined;
    throw importError(
      "MALFORMED",
      `the GeoJSON is not valid JSON${line ? ` at line ${line}` : ""}: ${message}`,
      { cause, details: line ? { line } : {} },
    );
  }
}

/**
 * GeoJSON framing: a FeatureCollection of Points → rows of named fields, one
 * per feature, numbered by the feature's index. Properties use the same
 * names as CSV columns; the geometry gives the point.
 */
export function readGeoJsonRows(text: string): GeoJsonRows {
  const root = parseJson(text);
  if (!isObject(root) || root.type !== "FeatureCollection" || !Array.isArray(root.features)) {
    throw importError(
      "MALFORMED",
      'the GeoJSON must be a FeatureCollection: {"type": "FeatureCollection", "features": [...]}',
    );
  }
  const collectionProperties = isObject(root.properties) ? root.properties : {};
  const declaredDatum = root.datum ?? root.crs ?? collectionProperties.datum;
  const rows: RawRow[] = [];
  const misshapen: GeoJsonRows["misshapen"] = [];
  const ignored = new Set<string>();

  root.features.forEach((feature: unknown, line) => {
    if (!isObject(feature) || feature.type !== "Feature") {
      misshapen.push({ line, reason: 'is not a GeoJSON Feature ({"type": "Feature", ...})' });
      return;
    }
    const fields: RawRow["fields"] = {};
    if (feature.id !== undefined) fields.id = feature.id;
    for (const [key, value] of Object.entries(
      isObject(feature.properties) ? feature.properties : {},
    )) {
      const field = fieldOf(key);
      if (field) fields[field] = value;
      else ignored.add(key);
    }
    const geometry = feature.geometry;
    if (isObject(geometry)) {
      const coordinates = geometry.coordinates;
      if (geometry.type !== "Point" || !Array.isArray(coordinates) || coordinates.length < 2) {
        misshapen.push({
          line,
          reason: `has a ${String(geometry.type)} geometry: an outlet is a Point [lng, lat]`,
        });
        return;
      }
      [fields.lng, fields.lat] = coordinates;
    } else if (fields.lng === undefined || fields.lat === undefined) {
      misshapen.push({ line, reason: "has no Point geometry and no lng/lat properties" });
      return;
    }
    rows.push({ line, fields });
  });
  return { rows, misshapen, ignoredColumns: [...ignored], declaredDatum };
}
