import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { sharedStyles } from "../../components/shared-styles.js";
import { diskFreeOf } from "../data/faults.js";
import {
  type KioskRecord,
  outboxOldestAt,
  SORT_KEYS,
  type Sort,
  type SortKey,
} from "../data/fleet-store.js";
import {
  ago,
  bytes,
  COLUMN_TEXT,
  duration,
  faultText,
  PHASE_TEXT,
  PRESENCE_TEXT,
  type Translate,
} from "../i18n.js";
import { badgeStyles } from "../styles.js";

/** Every row is this tall (CSS below): the window of rows drawn is computed from it. */
export const ROW_HEIGHT = 60;
/** Rows drawn beyond each edge of the visible window, so a quick scroll shows no gap. */
const OVERSCAN = 10;

export const FLEET_SORT = "fleet-sort";
export const FLEET_SELECT = "fleet-select";

/**
 * The kiosks as a table, sortable by every column. However many kiosks
 * there are, only the rows in view (and a few either side) are in the DOM:
 * spacer rows stand for the rest, so a thousand kiosks scroll like twenty.
 * Tapping a row (or its kiosk button) asks for the kiosk's detail.
 */
export class LinliFleetTable extends LitElement {
  static override properties = {
    rows: { attribute: false },
    sort: { attribute: false },
    now: { type: Number },
    selected: {},
    t: { attribute: false },
    emptyText: { attribute: false },
    first: { state: true },
    visible: { state: true },
  };

  static override styles = [
    sharedStyles,
    badgeStyles,
    css`
      :host {
        display: block;
        min-block-size: 0;
      }
      .scroller {
        block-size: 100%;
        overflow: auto;
        overscroll-behavior: contain;
        background: var(--linli-surface);
        border: 1px solid var(--linli-line);
        border-radius: var(--linli-radius);
      }
      table {
        inline-size: 100%;
        min-inline-size: 1240px;
        table-layout: fixed;
        border-collapse: separate;
        border-spacing: 0;
      }
      th {
        position: sticky;
        inset-block-start: 0;
        z-index: 1;
        background: var(--linli-surface);
        border-block-end: 2px solid var(--linli-line);
        padding: 0;
        text-align: start;
      }
      th button {
        display: flex;
        align-items: center;
        gap: 6px;
        inline-size: 100%;
        min-block-size: var(--linli-target);
        padding: 4px 10px;
        border: 0;
        background: transparent;
        color: var(--linli-muted);
        font-weight: 700;
        text-align: start;
        cursor: pointer;
        touch-action: manipulation;
      }
      th[aria-sort="ascending"] button,
      th[aria-sort="descending"] button {
        color: var(--linli-ink);
      }
      .arrow {
        inline-size: 1em;
        flex: none;
      }
      td {
        block-size: ${ROW_HEIGHT}px;
        padding: 0 10px;
        border-block-end: 1px solid var(--linli-line);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      tr.kiosk {
        cursor: pointer;
      }
      tr.kiosk:hover td {
        background: var(--linli-bg);
      }
      tr.kiosk.selected td {
        background: #fff6dc;
      }
      tr.spacer td {
        padding: 0;
        border: 0;
      }
      td.kiosk {
        padding-inline: 4px;
      }
      .open {
        display: flex;
        align-items: center;
        inline-size: 100%;
        min-block-size: var(--linli-target);
        padding: 0 6px;
        border: 0;
        border-radius: 8px;
        background: transparent;
        font-weight: 700;
        text-align: start;
        cursor: pointer;
        touch-action: manipulation;
      }
      .open span {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .open .site {
        font-weight: 400;
        color: var(--linli-muted);
      }
      .number {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      th.number button {
        justify-content: flex-end;
      }
      .empty {
        padding: 24px;
        color: var(--linli-muted);
      }
    `,
  ];

  declare rows: readonly KioskRecord[];
  declare sort: Sort;
  declare now: number;
  declare selected: string | undefined;
  declare t: Translate;
  declare emptyText: string;
  declare first: number;
  declare visible: number;

  #observer: ResizeObserver | undefined;

  constructor() {
    super();
    this.rows = [];
    this.sort = { key: "kiosk", direction: "ascending" };
    this.now = Date.now();
    this.selected = undefined;
    this.emptyText = "";
    this.first = 0;
    this.visible = 20;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  protected override firstUpdated(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>(".scroller");
    if (!scroller) return;
    this.#observer = new ResizeObserver(() => this.#measure(scroller));
    this.#observer.observe(scroller);
    this.#measure(scroller);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A shorter list (a filter) must not leave the window past its end.
    if (changed.has("rows")) this.first = Math.min(this.first, Math.max(0, this.rows.length - 1));
  }

  #measure(scroller: HTMLElement): void {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    if (first !== this.first) this.first = first;
    if (visible !== this.visible) this.visible = visible;
  }

  readonly #onScroll = (event: Event) => this.#measure(event.currentTarget as HTMLElement);

  #select(key: string): void {
    this.dispatchEvent(
      new CustomEvent(FLEET_SELECT, { detail: key, bubbles: true, composed: true }),
    );
  }

  #sortBy(key: SortKey): void {
    this.dispatchEvent(new CustomEvent(FLEET_SORT, { detail: key, bubbles: true, composed: true }));
  }

  protected override render() {
    const { t, rows } = this;
    const first = Math.min(this.first, rows.length);
    const last = Math.min(rows.length, first + this.visible);
    const drawn = rows.slice(first, last);
    return html`<div class="scroller" @scroll=${this.#onScroll}>
      <table aria-rowcount=${rows.length + 1}>
        <caption class="visually-hidden">${t("tableCaption", { n: rows.length })}</caption>
        <colgroup>
          <col style="inline-size: 19%" />
          <col style="inline-size: 8%" />
          <col style="inline-size: 10%" />
          <col style="inline-size: 9%" />
          <col style="inline-size: 20%" />
          <col style="inline-size: 9%" />
          <col style="inline-size: 8%" />
          <col style="inline-size: 8%" />
          <col style="inline-size: 9%" />
        </colgroup>
        <thead>
          <tr aria-rowindex="1">${SORT_KEYS.map((key) => this.#header(key))}</tr>
        </thead>
        <tbody>
          ${first > 0 ? spacer(first * ROW_HEIGHT) : nothing}
          ${repeat(
            drawn,
            (row) => row.key,
            (row, index) => this.#row(row, first + index),
          )}
          ${last < rows.length ? spacer((rows.length - last) * ROW_HEIGHT) : nothing}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<p class="empty">${this.emptyText}</p>` : nothing}
    </div>`;
  }

  #header(key: SortKey) {
    const column = this.t(COLUMN_TEXT[key]);
    const active = this.sort.key === key;
    const sort = active ? this.sort.direction : "none";
    const arrow = !active ? "" : this.sort.direction === "ascending" ? "▲" : "▼";
    const numeric = key === "diskFree" || key === "outboxDepth" || key === "outboxAge";
    return html`<th scope="col" aria-sort=${sort} class=${numeric ? "number" : ""} data-sort=${key}>
      <button type="button" title=${this.t("sortBy", { column })} @click=${() => this.#sortBy(key)}>
        <span>${column}</span><span class="arrow" aria-hidden="true">${arrow}</span>
      </button>
    </th>`;
  }

  #row(row: KioskRecord, index: number) {
    const { t, now } = this;
    const selected = row.key === this.selected;
    const oldest = outboxOldestAt(row);
    const depth = row.telemetry?.outbox.depth;
    const worst = row.faults[0];
    const faults =
      worst === undefined
        ? html`<span class="muted">${t("noFaults")}</span>`
        : html`<span class="badge ${worst.severity}"
            >${
              row.faults.length > 1
                ? t("faultsMore", {
                    worst: faultText(t, worst),
                    n: row.faults.length,
                    more: row.faults.length - 1,
                  })
                : faultText(t, worst)
            }</span
          >`;
    return html`<tr
      class="kiosk ${selected ? "selected" : ""}"
      aria-rowindex=${index + 2}
      data-kiosk=${row.key}
      data-presence=${row.presence}
      @click=${() => this.#select(row.key)}
    >
      <td class="kiosk">
        <button
          type="button"
          class="open"
          aria-current=${selected ? "true" : "false"}
          @click=${(event: Event) => {
            event.stopPropagation();
            this.#select(row.key);
          }}
        >
          <span class="site">${row.site}&nbsp;/&nbsp;</span><span>${row.name ?? row.kiosk}</span>
        </button>
      </td>
      <td data-column="status">
        <span class="badge ${row.presence}">${t(PRESENCE_TEXT[row.presence])}</span>
      </td>
      <td>${ago(t, row.lastSeen, now)}</td>
      <td>${ago(t, row.telemetryReceivedAt, now)}</td>
      <td data-column="faults" data-count=${row.faults.length}>${faults}</td>
      <td data-column="screen">${this.#screen(row)}</td>
      <td class="number" data-column="disk">${bytes(diskFreeOf(row.telemetry))}</td>
      <td class="number">${depth ?? t("none")}</td>
      <td class="number">
        ${oldest === undefined ? t("none") : duration(t, (now - oldest) / 1000)}
      </td>
    </tr>`;
  }

  /** The screen's phase as a word: asleep at night is how it should be, so never a warning here. */
  #screen(row: KioskRecord) {
    const phase = row.telemetry?.kiosk.display?.phase;
    if (phase === undefined) return html`<span class="muted">${this.t("none")}</span>`;
    return html`<span class="badge ${phase === "asleep" ? "unknown" : "ok"}" data-phase=${phase}
      >${this.t(PHASE_TEXT[phase])}</span
    >`;
  }
}

const spacer = (height: number) =>
  html`<tr class="spacer" aria-hidden="true"><td colspan=${SORT_KEYS.length} style="height: ${height}px"></td></tr>`;

customElements.define("linli-fleet-table", LinliFleetTable);

declare global {
  interface HTMLElementTagNameMap {
    "linli-fleet-table": LinliFleetTable;
  }
}
