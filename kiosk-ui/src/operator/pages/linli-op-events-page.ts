import type { EventLogEntry, EventLogQuery, EventLogType } from "@linli/protocols/api";
import { css, html, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { fetchOperatorDevices } from "../data/devices.js";
import { fetchEventLog } from "../data/events.js";
import { onLiveMessage } from "../data/live.js";
import { EVENT_TYPE_TEXT, eventText } from "../event-text.js";
import { timeText } from "../format.js";
import type { MessageKey } from "../i18n/i18n.js";
import { OperatorPage } from "../operator-context.js";
import { consoleStyles } from "../styles.js";
import { errorText } from "./page-errors.js";

type Since = "hour" | "day" | "week" | "all";

const TYPES: readonly (EventLogType | "all")[] = [
  "all",
  "device.state",
  "device.event",
  "job.state",
  "operator.action",
];
const SINCE: readonly { since: Since; key: MessageKey; ms: number }[] = [
  { since: "hour", key: "sinceHour", ms: 3_600_000 },
  { since: "day", key: "sinceDay", ms: 86_400_000 },
  { since: "week", key: "sinceWeek", ms: 7 * 86_400_000 },
  { since: "all", key: "sinceAll", ms: 0 },
];
const LIMIT = 200;

/**
 * The event log: device states and events, job progress and operator
 * actions, newest first, filtered by type, device and time; it follows the
 * live stream while "update live" is on.
 */
export class LinliOpEventsPage extends OperatorPage {
  static override properties = {
    ...OperatorPage.properties,
    type: { state: true },
    deviceId: { state: true },
    since: { state: true },
    live: { state: true },
    deviceIds: { state: true },
    entries: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      .filters {
        display: grid;
        gap: 12px;
      }
      td.time {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      td.what {
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare type: EventLogType | "all";
  declare deviceId: string;
  declare since: Since;
  declare live: boolean;
  declare deviceIds: string[];
  declare entries: EventLogEntry[] | undefined;
  declare error: string;

  #unsubscribe: (() => void) | undefined;
  #reload: number | undefined;
  #token = 0;

  constructor() {
    super();
    this.type = "all";
    this.deviceId = "";
    this.since = "day";
    this.live = true;
    this.deviceIds = [];
    this.error = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    fetchOperatorDevices().then(
      ({ items }) => {
        this.deviceIds = items.map((device) => device.id);
      },
      () => undefined,
    );
    this.#unsubscribe = onLiveMessage(this.op.live, () => {
      if (!this.live) return;
      window.clearTimeout(this.#reload);
      this.#reload = window.setTimeout(() => void this.#load(), 800);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    window.clearTimeout(this.#reload);
  }

  async #load(): Promise<void> {
    const token = ++this.#token;
    const query: EventLogQuery = { limit: LIMIT };
    if (this.type !== "all") query.type = this.type;
    if (this.deviceId) query.deviceId = this.deviceId;
    const since = SINCE.find((entry) => entry.since === this.since);
    if (since && since.ms > 0) query.since = new Date(Date.now() - since.ms).toISOString();
    try {
      const { items } = await fetchEventLog(query);
      if (token !== this.#token) return;
      this.entries = items;
      this.error = "";
    } catch (error) {
      if (token === this.#token) this.error = errorText(this.op.t, error);
    }
  }

  #set(change: () => void): void {
    change();
    void this.#load();
  }

  override render() {
    const { t } = this.op;
    return html`<div class="page">
      <div class="page-head">
        <h2>${t("eventsTitle")}</h2>
        <button
          class="btn"
          aria-pressed=${this.live ? "true" : "false"}
          @click=${() => {
            this.live = !this.live;
          }}
        >
          ${t("liveUpdate")}
        </button>
        <button class="btn" @click=${() => void this.#load()}>${t("refresh")}</button>
      </div>
      <section class="card filters" aria-label=${t("typeLabel")}>
        <div class="row" role="group" aria-label=${t("typeLabel")}>
          ${TYPES.map(
            (type) => html`<button
              class="chip"
              data-type=${type}
              aria-pressed=${this.type === type ? "true" : "false"}
              @click=${() =>
                this.#set(() => {
                  this.type = type;
                })}
            >
              ${type === "all" ? t("typeAll") : t(EVENT_TYPE_TEXT[type])}
            </button>`,
          )}
        </div>
        <div class="row">
          <label class="field"
            >${t("deviceLabel")}
            <select
              data-filter="device"
              @change=${(event: Event) =>
                this.#set(() => {
                  this.deviceId = (event.target as HTMLSelectElement).value;
                })}
            >
              <option value="" ?selected=${this.deviceId === ""}>${t("deviceAll")}</option>
              ${this.deviceIds.map(
                (id) => html`<option value=${id} ?selected=${this.deviceId === id}>${id}</option>`,
              )}
            </select>
          </label>
          <label class="field"
            >${t("sinceLabel")}
            <select
              data-filter="since"
              @change=${(event: Event) =>
                this.#set(() => {
                  this.since = (event.target as HTMLSelectElement).value as Since;
                })}
            >
              ${SINCE.map(
                ({ since, key }) =>
                  html`<option value=${since} ?selected=${this.since === since}>${t(key)}</option>`,
              )}
            </select>
          </label>
        </div>
      </section>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.#table()}
    </div>`;
  }

  #table() {
    const { t, lang } = this.op;
    const entries = this.entries;
    if (!entries) return html`<p aria-busy="true">${t("loading")}</p>`;
    return html`<section class="card" aria-labelledby="log-title">
      <h3 id="log-title" role="status">${t("eventsCount", { n: entries.length })}</h3>
      ${
        entries.length === 0
          ? html`<p class="empty">${t("noEvents")}</p>`
          : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t("colTime")}</th>
                  <th scope="col">${t("colType")}</th>
                  <th scope="col">${t("colDevice")}</th>
                  <th scope="col">${t("colWhat")}</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  (entry) => html`<tr data-type=${entry.type} data-device=${entry.deviceId ?? ""}>
                    <td class="time">${timeText(entry.at, lang)}</td>
                    <td>${t(EVENT_TYPE_TEXT[entry.type])}</td>
                    <td>${entry.deviceId ?? t("none")}</td>
                    <td class="what">${eventText(t, entry)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
    </section>`;
  }
}

customElements.define("linli-op-events-page", LinliOpEventsPage);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-events-page": LinliOpEventsPage;
  }
}
