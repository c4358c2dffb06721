import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { theme } from "../components/theme.js";
import {
  type ConnectionSettings,
  findSettings,
  keepInSession,
} from "./data/connection-settings.js";
import { type FeedStatus, FleetFeed, loadMqtt } from "./data/fleet-feed.js";
import {
  type FleetFilter,
  FleetStore,
  type FleetSummary,
  type KioskRecord,
  NO_FILTER,
  type Sort,
  type SortKey,
} from "./data/fleet-store.js";
import { type Lang, translator } from "./i18n.js";
import { fleetScale } from "./styles.js";
import "./components/linli-fleet-connect.js";
import "./components/linli-fleet-detail.js";
import "./components/linli-fleet-filters.js";
import "./components/linli-fleet-table.js";

type Phase = "finding" | "form" | "feed";

const LANG_KEY = "linli.fleet.lang";
/** Ages on screen move on once a second, whether or not anything arrived. */
const CLOCK_MS = 1_000;

/** What the page shows now; read by the benchmark and handy in the console. */
export interface FleetViewStats extends FleetSummary {
  /** Rows the filters let through. */
  shown: number;
  renders: number;
  /** How many times the feed has gone live (1 unless it reconnected). */
  connections: number;
}

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

/**
 * The fleet view's shell: finds the broker (query, session, agent, or the
 * connection form), keeps one feed to it, applies its batches to the store
 * and renders the summary, filters, table and a kiosk's detail. The feed
 * batches messages; this renders once per batch at most, plus a clock tick.
 */
export class LinliFleetApp extends LitElement {
  static override properties = {
    phase: { state: true },
    lang: { state: true },
    feedStatus: { state: true },
    settings: { state: true },
    filter: { state: true },
    sort: { state: true },
    selected: { state: true },
    now: { state: true },
    version: { state: true },
  };

  static override styles = [
    theme,
    fleetScale,
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        block-size: 100vh;
        background: var(--linli-bg);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
        padding: 10px var(--linli-page);
        background: var(--linli-ink);
        color: #ffffff;
      }
      .title {
        margin-inline-end: auto;
        min-inline-size: 0;
      }
      h1 {
        margin: 0;
        font-size: var(--linli-display);
        line-height: 1.2;
      }
      .connection {
        display: flex;
        align-items: center;
        gap: 8px;
        overflow-wrap: anywhere;
      }
      .connection::before {
        content: "";
        flex: none;
        inline-size: 12px;
        block-size: 12px;
        border-radius: 50%;
        background: #f2b8b5;
      }
      .connection[data-state="live"]::before {
        background: #7fd69b;
      }
      header .btn {
        background: transparent;
        border-color: #ffffff;
        color: #ffffff;
      }
      header :focus-visible {
        outline-color: #ffffff;
      }
      main {
        flex: 1;
        min-block-size: 0;
        display: flex;
        flex-direction: column;
        gap: var(--linli-gap);
        padding: var(--linli-gap) var(--linli-page);
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 18px;
        font-weight: 600;
      }
      .summary .muted {
        font-weight: 400;
      }
      .summary .alarm {
        color: var(--fleet-critical);
      }
      linli-fleet-table {
        flex: 1;
        min-block-size: 240px;
      }
    `,
  ];

  declare phase: Phase;
  declare lang: Lang;
  declare feedStatus: FeedStatus;
  declare settings: ConnectionSettings | undefined;
  declare filter: FleetFilter;
  declare sort: Sort;
  declare selected: string | undefined;
  declare now: number;
  /** The store's version last rendered from. */
  declare version: number;

  #store = new FleetStore();
  #feed: FleetFeed | undefined;
  #clock: number | undefined;
  #rows: readonly KioskRecord[] = [];
  #sites: readonly string[] = [];
  #summary: FleetSummary = this.#store.summary();
  #rowsFor = "";
  #renders = 0;
  #connections = 0;
  #stats: FleetViewStats | undefined;

  constructor() {
    super();
    this.phase = "finding";
    this.lang = storedLang();
    this.feedStatus = { state: "connecting" };
    this.settings = undefined;
    this.filter = NO_FILTER;
    this.sort = { key: "kiosk", direction: "ascending" };
    this.selected = undefined;
    this.now = Date.now();
    this.version = 0;
  }

  /** What is on screen now (for the benchmark and the curious). */
  get stats(): FleetViewStats | undefined {
    return this.#stats;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.lang;
    this.#clock = window.setInterval(() => {
      this.now = Date.now();
    }, CLOCK_MS);
    window.addEventListener("keydown", this.#onKey);
    void this.#boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.#clock);
    window.removeEventListener("keydown", this.#onKey);
    this.#feed?.close();
  }

  async #boot(): Promise<void> {
    loadMqtt().catch(() => undefined);
    const found = await findSettings();
    if (found) this.#connect(found.settings);
    else this.phase = "form";
  }

  #connect(settings: ConnectionSettings): void {
    this.#feed?.close();
    this.#store = new FleetStore();
    this.#rowsFor = "";
    this.selected = undefined;
    this.settings = settings;
    this.phase = "feed";
    const feed = new FleetFeed({
      batch: (messages) => {
        if (this.#feed !== feed) return;
        this.#store.apply(messages);
        this.version = this.#store.version;
      },
      status: (status) => {
        if (this.#feed !== feed) return;
        if (status.state === "live") this.#connections += 1;
        this.feedStatus = status;
      },
    });
    this.#feed = feed;
    void feed.connect(settings);
  }

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && this.selected) this.#closeDetail();
  };

  #closeDetail(): void {
    this.selected = undefined;
  }

  #toggleLang(): void {
    this.lang = this.lang === "en" ? "zh-CN" : "en";
    document.documentElement.lang = this.lang;
    try {
      window.localStorage.setItem(LANG_KEY, this.lang);
    } catch {
      // No storage: the choice lasts for this page.
    }
  }

  #sortBy(key: SortKey): void {
    const same = this.sort.key === key;
    // A column's first tap sorts the way an operator wants first: problems on top
    // (the least disk free; the screens on before those asleep).
    const firstDirection =
      key === "kiosk" ||
      key === "status" ||
      key === "lastSeen" ||
      key === "telemetry" ||
      key === "screen" ||
      key === "diskFree"
        ? "ascending"
        : "descending";
    const flipped = this.sort.direction === "ascending" ? "descending" : "ascending";
    this.sort = { key, direction: same ? flipped : firstDirection };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Rows are recomputed only when the data, the filter or the sort changed: not on clock ticks.
    const signature = `${this.#store.version}|${JSON.stringify(this.filter)}|${this.sort.key}:${this.sort.direction}|${this.phase}`;
    if (signature !== this.#rowsFor || changed.has("phase")) {
      this.#rowsFor = signature;
      this.#rows = this.#store.rows(this.filter, this.sort);
      this.#summary = this.#store.summary();
      const sites = this.#store.sites();
      // The same list keeps the same array, so the filters (a thousand options) are left alone.
      if (sites.join("\n") !== this.#sites.join("\n")) this.#sites = sites;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#renders += 1;
    if (changed.has("lang")) document.title = translator(this.lang)("appTitle");
    this.#stats = {
      ...this.#summary,
      shown: this.#rows.length,
      renders: this.#renders,
      connections: this.#connections,
    };
    if (changed.has("selected") && this.selected) {
      this.renderRoot.querySelector("linli-fleet-detail")?.focus();
    }
  }

  protected override render() {
    const t = translator(this.lang);
    return html`<header>
        <div class="title">
          <h1>${t("appTitle")}</h1>
          ${this.#connectionLine(t)}
        </div>
        ${
          this.phase === "feed"
            ? html`<button type="button" class="btn" @click=${() => (this.phase = "form")}>
              ${t("changeConnection")}
            </button>`
            : nothing
        }
        <button
          type="button"
          class="btn"
          lang=${this.lang === "en" ? "zh-CN" : "en"}
          @click=${() => this.#toggleLang()}
        >
          ${t("switchLanguage")}
        </button>
      </header>
      <main>
        ${
          this.phase === "form"
            ? html`<linli-fleet-connect
              .t=${t}
              .initial=${this.settings}
              ?cancellable=${this.#feed !== undefined}
              @fleet-connect=${(event: CustomEvent<ConnectionSettings>) => {
                keepInSession(window.sessionStorage, event.detail);
                this.#connect(event.detail);
              }}
              @fleet-connect-cancel=${() => (this.phase = "feed")}
            ></linli-fleet-connect>`
            : this.#fleet(t)
        }
      </main>
      ${this.#detail(t)}`;
  }

  #connectionLine(t: ReturnType<typeof translator>) {
    if (this.phase === "finding") return html`<p class="connection">${t("findingBroker")}</p>`;
    if (!this.#feed) return html`<p class="connection">${t("notConnected")}</p>`;
    const url = this.settings?.url ?? "";
    const status = this.feedStatus;
    const text =
      status.state === "live"
        ? t("live", { url })
        : status.state === "connecting"
          ? t("connecting", { url })
          : status.state === "reconnecting"
            ? t("reconnecting", { reason: status.reason })
            : t("failed", { url, reason: status.reason });
    return html`<p class="connection" data-state=${status.state}>${text}</p>`;
  }

  #fleet(t: ReturnType<typeof translator>) {
    if (this.phase !== "feed") return nothing;
    const summary = this.#summary;
    return html`<p
        class="summary"
        data-kiosks=${summary.kiosks}
        data-online=${summary.online}
        data-offline=${summary.offline}
        data-faulty=${summary.faulty}
        data-cannot-record=${summary.cannotRecord}
        data-shown=${this.#rows.length}
      >
        <span
          >${t("summary", {
            kiosks: summary.kiosks,
            online: summary.online,
            offline: summary.offline,
            faulty: summary.faulty,
          })}</span
        >
        ${
          summary.cannotRecord > 0
            ? html`<span class="alarm">${t("summaryCannotRecord", { n: summary.cannotRecord })}</span>`
            : nothing
        }
        <span class="muted">${t("shown", { shown: this.#rows.length })}</span>
        ${
          summary.malformed > 0
            ? html`<span class="muted">${t("malformed", { n: summary.malformed })}</span>`
            : nothing
        }
      </p>
      <linli-fleet-filters
        .t=${t}
        .filter=${this.filter}
        .sites=${this.#sites}
        @fleet-filter=${(event: CustomEvent<FleetFilter>) => (this.filter = event.detail)}
      ></linli-fleet-filters>
      <linli-fleet-table
        .t=${t}
        .rows=${this.#rows}
        .sort=${this.sort}
        .now=${this.now}
        .selected=${this.selected}
        .emptyText=${summary.kiosks === 0 ? t("noKiosks") : t("noMatch")}
        @fleet-sort=${(event: CustomEvent<SortKey>) => this.#sortBy(event.detail)}
        @fleet-select=${(event: CustomEvent<string>) => (this.selected = event.detail)}
      ></linli-fleet-table>`;
  }

  #detail(t: ReturnType<typeof translator>) {
    const record = this.selected ? this.#store.get(this.selected) : undefined;
    if (!record || this.phase !== "feed") return nothing;
    return html`<linli-fleet-detail
      .t=${t}
      .lang=${this.lang}
      .record=${record}
      .version=${this.version}
      .now=${this.now}
      @fleet-close=${() => this.#closeDetail()}
    ></linli-fleet-detail>`;
  }
}

customElements.define("linli-fleet-app", LinliFleetApp);

declare global {
  interface HTMLElementTagNameMap {
    "linli-fleet-app": LinliFleetApp;
  }
}
