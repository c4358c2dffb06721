import type { Location } from "./router.js";

/**
 * The resident panels, each loaded only when first shown, so the first screen
 * needs no more than the shell. A new flow (print, parcels, vending …) is one
 * entry here, one in ROUTES, and a shortcut on the home panel.
 */
export const PANELS = {
  home: { tag: "linli-home-panel", load: () => import("./panels/linli-home-panel.js") },
  find: { tag: "linli-find-panel", load: () => import("./panels/linli-find-panel.js") },
  outlet: { tag: "linli-outlet-panel", load: () => import("./panels/linli-outlet-panel.js") },
  map: { tag: "linli-map-panel", load: () => import("./panels/linli-map-panel.js") },
  print: { tag: "linli-print-panel", load: () => import("./panels/linli-print-panel.js") },
  parcels: { tag: "linli-parcels-panel", load: () => import("./panels/linli-parcels-panel.js") },
  vending: { tag: "linli-vending-panel", load: () => import("./panels/linli-vending-panel.js") },
  rate: { tag: "linli-rate-panel", load: () => import("./panels/linli-rate-panel.js") },
  report: { tag: "linli-report-panel", load: () => import("./panels/linli-report-panel.js") },
  community: {
    tag: "linli-community-panel",
    load: () => import("./panels/linli-community-panel.js"),
  },
} as const satisfies Record<
  string,
  { tag: keyof HTMLElementTagNameMap; load: () => Promise<unknown> }
>;

export type PanelName = keyof typeof PANELS;

export interface RouteMatch {
  panel: PanelName;
  path: string;
  params: URLSearchParams;
  /** The path's one variable part, e.g. the outlet id of /outlets/:id. */
  id?: string;
}

const ROUTES: readonly { pattern: RegExp; panel: PanelName }[] = [
  { pattern: /^\/$/, panel: "home" },
  { pattern: /^\/(find|search)$/, panel: "find" },
  { pattern: /^\/outlets\/([^/]+)$/, panel: "outlet" },
  { pattern: /^\/map$/, panel: "map" },
  { pattern: /^\/print$/, panel: "print" },
  { pattern: /^\/parcels(\/cabinet(\/return)?)?$/, panel: "parcels" },
  { pattern: /^\/vending$/, panel: "vending" },
  { pattern: /^\/rate$/, panel: "rate" },
  { pattern: /^\/report$/, panel: "report" },
  { pattern: /^\/community$/, panel: "community" },
];

export function matchRoute(location: Location): RouteMatch | null {
  for (const { pattern, panel } of ROUTES) {
    const match = pattern.exec(location.path);
    if (!match) continue;
    const route: RouteMatch = { panel, path: location.path, params: location.params };
    if (panel === "outlet" && match[1]) route.id = decodeURIComponent(match[1]);
    return route;
  }
  return null;
}
