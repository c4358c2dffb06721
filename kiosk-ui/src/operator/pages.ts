import type { MessageKey } from "./i18n/i18n.js";
import type { PageName } from "./router.js";

/** The console's pages, each loaded when first shown. */
export const PAGES = {
  devices: {
    tag: "linli-op-devices-page",
    title: "navDevices",
    load: () => import("./pages/linli-op-devices-page.js"),
  },
  parcels: {
    tag: "linli-op-parcels-page",
    title: "navParcels",
    load: () => import("./pages/linli-op-parcels-page.js"),
  },
  vending: {
    tag: "linli-op-vending-page",
    title: "navVending",
    load: () => import("./pages/linli-op-vending-page.js"),
  },
  ratings: {
    tag: "linli-op-ratings-page",
    title: "navRatings",
    load: () => import("./pages/linli-op-ratings-page.js"),
  },
  coverage: {
    tag: "linli-op-coverage-page",
    title: "navCoverage",
    load: () => import("./pages/linli-op-coverage-page.js"),
  },
  events: {
    tag: "linli-op-events-page",
    title: "navEvents",
    load: () => import("./pages/linli-op-events-page.js"),
  },
} as const satisfies Record<
  PageName,
  { tag: keyof HTMLElementTagNameMap; title: MessageKey; load: () => Promise<unknown> }
>;
