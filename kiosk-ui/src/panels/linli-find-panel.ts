import type { OutletSearchQuery, OutletSearchResponse } from "@linli/protocols/api";
import { html, nothing, type PropertyValues } from "lit";
import "../components/linli-category-chips.js";
import "../components/linli-icon.js";
import "../components/linli-minutes-filter.js";
import { MINUTE_CHOICES, type MinuteChoice } from "../components/linli-minutes-filter.js";
import "../components/linli-outlet-card.js";
import "../components/linli-pinyin-keyboard.js";
import type { KeyboardKey } from "../components/linli-pinyin-keyboard.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError } from "../data/api.js";
import { searchOutlets } from "../data/outlets.js";
import { openStateText } from "../i18n/format.js";
import { localName } from "../i18n/i18n.js";
import { categoryByCode, minutesFor } from "../kiosk-context.js";
import { goBack, replaceParams } from "../router.js";
import { findPanelStyles } from "./find-panel-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

const PAGE_SIZE = { normal: 10, elderly: 5 } as const;
const TYPING_DEBOUNCE_MS = 120;
const MAX_QUERY_LENGTH = 40;

/**
 * Find: results by walking minutes with open-now state, narrowed by walk
 * (5/10/15 minutes), category and open now; and search, typed on the pinyin
 * keyboard, with the matched characters marked. Everything the resident
 * chose lives in the URL, so 返回 from an outlet comes back to the same list.
 */
export class LinliFindPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    results: { state: true },
    failed: { state: true },
    loading: { state: true },
    keyboardOpen: { state: true },
    shown: { state: true },
  };

  static override styles = [sharedStyles, findPanelStyles];

  declare results: OutletSearchResponse | undefined;
  declare failed: boolean;
  declare loading: boolean;
  declare keyboardOpen: boolean;
  declare shown: number;
  #queryKey = "";
  #abort: AbortController | undefined;
  #debounce: number | undefined;

  constructor() {
    super();
    this.failed = false;
    this.loading = false;
    this.keyboardOpen = false;
    this.shown = 0;
  }

  // —— what the URL says ——

  get #params() {
    const params = this.route.params;
    const max = Number(params.get("max") ?? "15");
    return {
      category: params.get("category") ?? "",
      group: params.get("group") ?? "",
      q: params.get("q") ?? "",
      max: (MINUTE_CHOICES as readonly number[]).includes(max) ? (max as MinuteChoice) : 15,
      openNow: params.get("open") === "1",
    };
  }

  get #searching(): boolean {
    return this.route.path === "/search" || this.#params.q !== "";
  }

  #update(changes: Record<string, string>): void {
    const params = new URLSearchParams(this.route.params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") params.delete(key);
      else params.set(key, value);
    }
    replaceParams(params);
  }

  // —— loading ——

  override willUpdate(changed: PropertyValues<this>): void {
    this.toggleAttribute("elderly", this.kiosk.elderly);
    if (changed.has("route") && changed.get("route")?.path !== this.route.path) {
      this.keyboardOpen = this.route.path === "/search";
    }
    const pageSize = PAGE_SIZE[this.kiosk.elderly ? "elderly" : "normal"];
    // 长辈模式 shows fewer at a time: switching modes starts the list over at one page.
    const modeChanged =
      changed.get("kiosk")?.elderly !== undefined &&
      changed.get("kiosk")?.elderly !== this.kiosk.elderly;
    if (this.shown === 0 || modeChanged) this.shown = pageSize;
    const { category, group, q, max, openNow } = this.#params;
    const query: OutletSearchQuery = {
      ...(category ? { category } : group ? { group } : {}),
      ...(q ? { q } : {}),
      ...(max ? { maxMinutes: max } : {}),
      ...(openNow ? { openNow } : {}),
      ...(this.kiosk.elderly ? { elderly: true } : {}),
      limit: Math.min(100, this.shown),
    };
    const key = JSON.stringify(query);
    if (key === this.#queryKey) return;
    // Only a changed search text waits for the typist; a chip or a filter answers at once.
    // (A route without q has params.get("q") === null, and #params reads that as "".)
    const typing = changed.has("route") && (changed.get("route")?.params.get("q") ?? "") !== q;
    this.#queryKey = key;
    window.clearTimeout(this.#debounce);
    this.#abort?.abort();
    if (this.#searching && !q && !category && !group) {
      this.results = undefined;
      this.loading = false;
      return;
    }
    this.loading = true;
    this.#debounce = window.setTimeout(
      () => void this.#load(query),
      typing ? TYPING_DEBOUNCE_MS : 0,
    );
  }

  override updated(): void {
    this.toggleAttribute("keyboard", this.#searching && this.keyboardOpen);
  }

  async #load(query: OutletSearchQuery): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    try {
      this.results = await searchOutlets(query, abort.signal);
      this.failed = false;
    } catch (error) {
      if (abort.signal.aborted) return;
      // An unreachable agent is the shell's to show; anything else is ours.
      this.failed = !(error instanceof AgentUnreachableError);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.#debounce);
    this.#abort?.abort();
  }

  // —— input ——

  #onKey(key: KeyboardKey): void {
    const { q } = this.#params;
    if (key === "done") {
      this.keyboardOpen = false;
      return;
    }
    const next =
      key === "backspace"
        ? q.slice(0, -1)
        : key === "clear"
          ? ""
          : `${q}${key}`.slice(0, MAX_QUERY_LENGTH);
    this.shown = 0;
    this.#update({ q: next });
  }

  #onTyped(event: Event): void {
    const value = (event.target as HTMLInputElement).value.slice(0, MAX_QUERY_LENGTH);
    this.#update({ q: value.trim() === "" ? "" : value });
  }

  // —— words ——

  #title(): string {
    const { t, lang, catalog } = this.kiosk;
    const { category, group } = this.#params;
    const entry = category ? categoryByCode(this.kiosk, category) : undefined;
    if (entry) return localName(entry, lang);
    const slogan = group ? catalog.groups.find((candidate) => candidate.code === group) : undefined;
    if (slogan) return localName(slogan, lang);
    return this.#searching ? t("searchTitle") : t("findTitle");
  }

  #summary(): string {
    const { t } = this.kiosk;
    if (!this.results) return this.#searching && !this.#params.q ? t("typeToSearch") : "";
    const n = this.results.total;
    return this.#params.q ? t("resultsBySearch", { n }) : t("resultsByWalk", { n });
  }

  speechText(): string {
    const { t } = this.kiosk;
    const lines = (this.results?.items ?? []).slice(0, 3).map((outlet) =>
      t("speechOutletLine", {
        name: outlet.name,
        walk: t("walkMinutes", { n: minutesFor(this.kiosk, outlet.walkMinutes) }),
        open: openStateText(t, outlet).label,
      }),
    );
    return [t("speechFind", { title: this.#title(), count: this.#summary() }), ...lines].join(" ");
  }

  override render() {
    const { t } = this.kiosk;
    const { category, q, max, openNow } = this.#params;
    const results = this.results;
    const remaining = results ? results.total - results.items.length : 0;
    return html`<div class="content">
        <div class="head">
          <button class="btn main" @click=${goBack}><linli-icon name="back"></linli-icon>${t("back")}</button>
          <h2>${this.#title()}</h2>
        </div>
        ${
          this.#searching
            ? html`<div class="search">
              <input
                type="search"
                inputmode="none"
                autocomplete="off"
                spellcheck="false"
                aria-label=${t("searchFieldLabel")}
                placeholder=${t("searchHint")}
                .value=${q}
                @input=${this.#onTyped}
                @focus=${() => {
                  this.keyboardOpen = true;
                }}
              />
              ${
                this.keyboardOpen
                  ? nothing
                  : html`<button class="btn main" @click=${() => {
                      this.keyboardOpen = true;
                    }}>
                    <linli-icon name="keyboard"></linli-icon>${t("showKeyboard")}
                  </button>`
              }
            </div>`
            : nothing
        }
        <div class="filters">
          <linli-minutes-filter
            .t=${t}
            .value=${max}
            @linli-change=${(event: CustomEvent<MinuteChoice>) => {
              this.shown = 0;
              this.#update({ max: event.detail === 15 ? "" : String(event.detail) });
            }}
          ></linli-minutes-filter>
          <button
            class="chip"
            aria-pressed=${openNow ? "true" : "false"}
            @click=${() => this.#update({ open: openNow ? "" : "1" })}
          >
            ${t("openNowOnly")}
          </button>
        </div>
        <linli-category-chips
          .kiosk=${this.kiosk}
          .value=${category}
          @linli-change=${(event: CustomEvent<string>) => {
            this.shown = 0;
            this.#update({ category: event.detail, group: "" });
          }}
        ></linli-category-chips>
        <p class="summary muted" role="status" aria-live="polite" aria-busy=${this.loading ? "true" : "false"}>
          ${this.loading && !results ? t("loading") : this.#summary()}
        </p>
        ${
          this.failed
            ? html`<div class="card empty" role="alert">
              <p>${t("loadFailed")}</p>
              <button class="btn main" @click=${() => {
                this.#queryKey = "";
                this.requestUpdate();
              }}>${t("retry")}</button>
            </div>`
            : nothing
        }
        ${
          results && results.items.length === 0
            ? html`<div class="card empty">
              <p><strong>${t("noResults")}</strong></p>
              <p class="muted">${t("noResultsHint")}</p>
            </div>`
            : nothing
        }
        ${
          results && results.items.length > 0
            ? html`<ol aria-label=${this.#title()}>
              ${results.items.map(
                (outlet) =>
                  html`<li><linli-outlet-card .kiosk=${this.kiosk} .outlet=${outlet}></linli-outlet-card></li>`,
              )}
            </ol>`
            : nothing
        }
        ${
          remaining > 0 && this.shown < 100
            ? html`<button
              class="btn main more"
              @click=${() => {
                this.shown += PAGE_SIZE[this.kiosk.elderly ? "elderly" : "normal"];
              }}
            >
              ${t("moreResults", { n: remaining })}
            </button>`
            : nothing
        }
      </div>
      ${
        this.#searching && this.keyboardOpen
          ? html`<linli-pinyin-keyboard
            .t=${t}
            @linli-key=${(event: CustomEvent<KeyboardKey>) => this.#onKey(event.detail)}
          ></linli-pinyin-keyboard>`
          : nothing
      }`;
  }
}

customElements.define("linli-find-panel", LinliFindPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-find-panel": LinliFindPanel;
  }
}
