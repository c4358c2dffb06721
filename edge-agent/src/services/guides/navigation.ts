/**
 * What the guide's QR code carries, from a template with placeholders:
 *
 * - `{lng}`, `{lat}`: WGS-84 (as stored; for OpenStreetMap, Apple Maps, geo: URIs)
 * - `{gcjLng}`, `{gcjLat}`: GCJ-02 (for 高德 and 腾讯 maps, e.g.
 *   `https://uri.amap.com/marker?position={gcjLng},{gcjLat}&name={name}`)
 * - `{name}`, `{address}`, `{phone}`, `{id}`: the outlet's own
 *
 * In a template that is a link (http:, https:) every value is URL-encoded.
 * Without a template the QR carries plain text — the outlet's name, address,
 * phone and position — which any phone shows on scanning, with no network and
 * no map app needed.
 */
import { LinliError } from "@linli/protocols";
import { transformDatum } from "../../outlets/datum.js";

export const PLAIN_TEXT_TEMPLATE = "{name}\n{address}\n电话 {phone}\n位置(WGS-84) {lat},{lng}";

export const NAVIGATION_PLACEHOLDERS = [
  "lng",
  "lat",
  "gcjLng",
  "gcjLat",
  "name",
  "address",
  "phone",
  "id",
] as const;
type Placeholder = (typeof NAVIGATION_PLACEHOLDERS)[number];

export interface NavigationTarget {
  readonly id: string;
  readonly name: string;
  readonly address: string | null;
  readonly phone: string | null;
  /** WGS-84. */
  readonly lng: number;
  readonly lat: number;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const coordinate = (value: number): string => value.toFixed(6);

function isPlaceholder(name: string): name is Placeholder {
  return (NAVIGATION_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Throws for a placeholder the template cannot have, so a config typo shows at start. */
export function checkNavigationTemplate(template: string): void {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (name !== undefined && !isPlaceholder(name)) {
      throw new LinliError(
        "LINLI_ERR_GUIDE_NAVIGATION_TEMPLATE",
        `the navigation URL template has an unknown placeholder {${name}}; use ${NAVIGATION_PLACEHOLDERS.map((one) => `{${one}}`).join(", ")}`,
        { status: 500 },
      );
    }
  }
}

function valuesOf(target: NavigationTarget): Record<Placeholder, string> {
  const [gcjLng, gcjLat] = transformDatum(target.lng, target.lat, "wgs84", "gcj02");
  return {
    lng: coordinate(target.lng),
    lat: coordinate(target.lat),
    gcjLng: coordinate(gcjLng),
    gcjLat: coordinate(gcjLat),
    name: target.name,
    address: target.address ?? "",
    phone: target.phone ?? "",
    id: target.id,
  };
}

/**
 * Fills the template for one outlet. In a plain-text template, a line whose
 * placeholders are all empty (no phone, say) is left out.
 */
export function navigationData(template: string, target: NavigationTarget): string {
  checkNavigationTemplate(template);
  const values = valuesOf(target);
  const isLink = /^https?:\/\//i.test(template.trim());
  const fill = (line: string): { text: string; empty: boolean } => {
    let used = 0;
    let filled = 0;
    const text = line.replace(PLACEHOLDER, (_all, name: string) => {
      const value = isPlaceholder(name) ? values[name] : "";
      used += 1;
      if (value !== "") filled += 1;
      return isLink ? encodeURIComponent(value) : value;
    });
    return { text, empty: used > 0 && filled === 0 };
  };
  if (isLink) return fill(template.trim()).text;
  return template
    .split("\n")
    .map(fill)
    .filter((line) => !line.empty)
    .map((line) => line.text)
    .join("\n");
}
