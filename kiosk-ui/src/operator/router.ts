/**
 * The console's paths: /operator/<page>. The agent answers every path under
 * /operator with operator.html, so a reload or a bookmark lands on its page.
 */

export const PAGE_NAMES = [
  "devices",
  "parcels",
  "vending",
  "ratings",
  "coverage",
  "events",
] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export const OPERATOR_BASE = "/operator";
export const OPERATOR_LOCATION_CHANGED = "linli-operator-location";

export const pathOf = (page: PageName) => `${OPERATOR_BASE}/${page}`;

/** The page a path names; the bare /operator (or anything unknown) is the devices page. */
export function pageOf(pathname: string): PageName {
  const name = pathname
    .replace(/\/+$/, "")
    .slice(OPERATOR_BASE.length + 1)
    .split("/")[0];
  return (PAGE_NAMES as readonly string[]).includes(name ?? "") ? (name as PageName) : "devices";
}

export function goTo(page: PageName, options: { replace?: boolean } = {}): void {
  const path = pathOf(page);
  if (window.location.pathname === path) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new Event(OPERATOR_LOCATION_CHANGED));
}
