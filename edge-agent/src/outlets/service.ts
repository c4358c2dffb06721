import { LinliError } from "@linli/protocols";
import type {
  CategoriesResponse,
  CoverageResponse,
  OutletDetail,
  OutletSearchQuery,
  OutletSearchResponse,
} from "@linli/protocols/api";
import {
  buildCatalog,
  type Catalog,
  COVERAGE_RULES,
  type CoverageRule,
} from "@linli/protocols/catalog";
import type { Logger } from "../log.js";
import type { OutletRecord } from "./record.js";
import { assessCoverage } from "./search/coverage.js";
import { KIOSK_TIME_ZONE } from "./search/hours.js";
import { OutletIndex } from "./search/outlet-index.js";
import { toCategories, toCoverage, toDetail, toSummary } from "./search/present.js";
import { DEFAULT_WALKING, type KioskLocation, type WalkingConfig } from "./search/walking.js";

/** Where the outlets come from: the outlet repository, or anything that lists records. */
export interface OutletSource {
  all(): OutletRecord[];
  /** Called after every committed change; the service then rebuilds its index. */
  onChange?(listener: () => void): () => void;
}

export interface OutletServiceOptions {
  source: OutletSource;
  /** The kiosk's location (config kiosk.location), in any datum. */
  location: KioskLocation;
  /** Config kiosk.walking. */
  walking?: WalkingConfig;
  catalog?: Catalog;
  coverageRules?: readonly CoverageRule[];
  /** The zone "open now" is read in; the kiosk runs in China. */
  timeZone?: string;
  log?: Logger;
}

/**
 * Outlet search, detail, coverage and the catalog for the API. Holds the
 * in-memory index of the circle: built on start, rebuilt by reload() after an
 * import or a dataset update, and swapped in whole so a search never sees a
 * half-built one.
 */
export class OutletService {
  readonly #options: OutletServiceOptions;
  readonly #catalog: Catalog;
  #index: OutletIndex | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: OutletServiceOptions) {
    this.#options = options;
    this.#catalog = options.catalog ?? buildCatalog();
  }

  start(): void {
    this.reload();
    this.#unsubscribe = this.#options.source.onChange?.(() => this.#reloadAfterChange());
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#index = undefined;
  }

  /** Reads every record again and replaces the index. */
  reload(): void {
    const started = performance.now();
    const records = this.#options.source.all();
    this.#index = new OutletIndex(records, {
      catalog: this.#catalog,
      location: this.#options.location,
      walking: this.#options.walking ?? DEFAULT_WALKING,
      timeZone: this.#options.timeZone ?? KIOSK_TIME_ZONE,
    });
    this.#options.log?.info(
      { outlets: records.length, ms: Math.round(performance.now() - started) },
      "outlet index built",
    );
  }

  #reloadAfterChange(): void {
    try {
      this.reload();
    } catch (error) {
      // The store's write has committed; keep answering from the previous index.
      this.#options.log?.error({ err: error }, "outlet index rebuild failed");
    }
  }

  get index(): OutletIndex {
    if (this.#index === undefined) {
      throw new LinliError(
        "LINLI_ERR_OUTLET_NOT_READY",
        "the outlet data is not loaded yet; try again in a moment",
        { status: 503 },
      );
    }
    return this.#index;
  }

  search(query: OutletSearchQuery, now: Date = new Date()): OutletSearchResponse {
    const page = this.index.search(query, now);
    return { items: page.items.map(toSummary), total: page.total };
  }

  get(id: string, now: Date = new Date()): OutletDetail {
    const hit = this.index.get(id, now);
    if (hit === undefined) {
      throw new LinliError(
        "LINLI_ERR_OUTLET_NOT_FOUND",
        `there is no outlet "${id}"; it may have been removed by a data update, so search again`,
        { status: 404 },
      );
    }
    return toDetail(hit);
  }

  coverage(now: Date = new Date()): CoverageResponse {
    return toCoverage(
      assessCoverage(this.index, this.#options.coverageRules ?? COVERAGE_RULES),
      now,
    );
  }

  categories(): CategoriesResponse {
    return toCategories(this.index);
  }
}
