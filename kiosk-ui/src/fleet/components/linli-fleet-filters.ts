import { css, html, LitElement } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { type FleetFilter, NO_FILTER } from "../data/fleet-store.js";
import type { Translate } from "../i18n.js";
import { fieldStyles } from "../styles.js";

export const FLEET_FILTER = "fleet-filter";

const STATUS_CHOICES = [
  ["all", "filterAll"],
  ["online", "filterOnline"],
  ["offline", "filterOffline"],
] as const;

/** Text, site, online state and faults: each change is a new filter for the shell. */
export class LinliFleetFilters extends LitElement {
  static override properties = {
    filter: { attribute: false },
    sites: { attribute: false },
    t: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    fieldStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 10px 16px;
      }
      .search {
        flex: 1 1 260px;
      }
      .search input {
        inline-size: 100%;
      }
      select {
        min-inline-size: 180px;
        max-inline-size: 280px;
      }
      .group {
        display: grid;
        gap: 4px;
      }
      .group-label {
        font-weight: 600;
      }
      .choices {
        display: flex;
        gap: 6px;
      }
      .chip {
        min-block-size: var(--linli-target);
        padding-inline: 16px;
      }
    `,
  ];

  declare filter: FleetFilter;
  declare sites: readonly string[];
  declare t: Translate;

  constructor() {
    super();
    this.filter = NO_FILTER;
    this.sites = [];
  }

  #change(patch: Partial<FleetFilter>): void {
    const detail: FleetFilter = { ...this.filter, ...patch };
    this.dispatchEvent(new CustomEvent(FLEET_FILTER, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const { t, filter } = this;
    return html`<form role="search" aria-label=${t("filtersLabel")} @submit=${(e: Event) => e.preventDefault()}>
      <label class="field search">
        ${t("searchLabel")}
        <input
          type="search"
          name="text"
          autocomplete="off"
          placeholder=${t("searchPlaceholder")}
          .value=${filter.text}
          @input=${(event: Event) => this.#change({ text: (event.target as HTMLInputElement).value })}
        />
      </label>
      <label class="field">
        ${t("siteLabel")}
        <select
          name="site"
          @change=${(event: Event) => this.#change({ site: (event.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${filter.site === ""}>${t("allSites")}</option>
          ${this.sites.map(
            (site) =>
              html`<option value=${site} ?selected=${filter.site === site}>${site}</option>`,
          )}
        </select>
      </label>
      <div class="group" role="group" aria-labelledby="status-label">
        <span class="group-label" id="status-label">${t("statusFilterLabel")}</span>
        <div class="choices">
        ${STATUS_CHOICES.map(
          ([status, label]) =>
            html`<button
              type="button"
              class="chip"
              data-status=${status}
              aria-pressed=${filter.status === status ? "true" : "false"}
              @click=${() => this.#change({ status })}
            >
              ${t(label)}
            </button>`,
        )}
        </div>
      </div>
      <button
        type="button"
        class="chip"
        data-faulty
        aria-pressed=${filter.faultyOnly ? "true" : "false"}
        @click=${() => this.#change({ faultyOnly: !filter.faultyOnly })}
      >
        ${t("faultyOnly")}
      </button>
    </form>`;
  }
}

customElements.define("linli-fleet-filters", LinliFleetFilters);

declare global {
  interface HTMLElementTagNameMap {
    "linli-fleet-filters": LinliFleetFilters;
  }
}
