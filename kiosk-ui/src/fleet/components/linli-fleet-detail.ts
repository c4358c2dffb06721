import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { faultOf } from "../data/faults.js";
import { type KioskRecord, outboxOldestAt } from "../data/fleet-store.js";
import type { OfflineReason } from "../data/messages.js";
import {
  ago,
  bytes,
  clockTime,
  deviceName,
  duration,
  faultText,
  type Lang,
  type MessageKey,
  PRESENCE_TEXT,
  stateText,
  type Translate,
} from "../i18n.js";
import { badgeStyles } from "../styles.js";
import { recordingSection, screenSection, type UpkeepView, upkeepStyles } from "./fleet-upkeep.js";

export const FLEET_CLOSE = "fleet-close";

const REASON_TEXT: Readonly<Record<OfflineReason, MessageKey>> = {
  lost: "reasonLost",
  shutdown: "reasonShutdown",
  moved: "reasonMoved",
};

/**
 * One kiosk in full, beside the table (over it on a narrow screen): its
 * status, host health and outbox from the last telemetry, every device's
 * state with what is wrong, and its latest events. Live: it re-renders with
 * the table.
 */
export class LinliFleetDetail extends LitElement {
  static override properties = {
    record: { attribute: false },
    /** The store's version: the record changes in place, so this says when it did. */
    version: { type: Number },
    now: { type: Number },
    t: { attribute: false },
    lang: {},
  };

  static override styles = [
    sharedStyles,
    badgeStyles,
    upkeepStyles,
    css`
      :host {
        position: fixed;
        inset-block: 0;
        inset-inline-end: 0;
        z-index: 10;
        inline-size: min(560px, 100vw);
        display: flex;
        flex-direction: column;
        background: var(--linli-surface);
        border-inline-start: 2px solid var(--linli-line);
        box-shadow: -8px 0 24px rgb(0 0 0 / 18%);
      }
      .pane {
        flex: 1;
        min-block-size: 0;
        display: flex;
        flex-direction: column;
      }
      header {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 12px 16px;
        border-block-end: 2px solid var(--linli-line);
      }
      h2 {
        margin-inline-end: auto;
        outline: none;
        font-size: var(--linli-title);
        overflow-wrap: anywhere;
      }
      .body {
        overflow-y: auto;
        padding: 12px 16px 32px;
        display: grid;
        gap: 18px;
        align-content: start;
      }
      h3 {
        font-size: var(--linli-action);
        margin: 0 0 6px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 0;
      }
      dt {
        color: var(--linli-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      table {
        inline-size: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 6px 8px;
        border-block-end: 1px solid var(--linli-line);
        vertical-align: top;
      }
      th {
        color: var(--linli-muted);
      }
      ul {
        margin: 0;
        padding-inline-start: 1.2em;
      }
      code {
        font-size: var(--linli-body);
      }
    `,
  ];

  declare record: KioskRecord | undefined;
  declare version: number;
  declare now: number;
  declare t: Translate;
  declare lang: Lang;

  constructor() {
    super();
    this.record = undefined;
    this.version = 0;
    this.now = Date.now();
    this.lang = "zh-CN";
  }

  /** Takes focus, so a keyboard or screen reader lands on what was just opened. */
  override focus(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("h2")?.focus());
  }

  #close(): void {
    this.dispatchEvent(new CustomEvent(FLEET_CLOSE, { bubbles: true, composed: true }));
  }

  protected override render() {
    const { record, t } = this;
    if (!record) return nothing;
    return html`<section class="pane" role="dialog" aria-modal="false" aria-labelledby="title">
      <header>
        <h2 id="title" tabindex="-1">${t("detailTitle", { kiosk: record.key })}</h2>
        <button type="button" class="btn" data-close @click=${() => this.#close()}>${t("close")}</button>
      </header>
      <div class="body" tabindex="0" role="region" aria-labelledby="title">${this.#status(record)} ${recordingSection(record, this.#view())}
        ${this.#devices(record)} ${screenSection(record, this.#view())} ${this.#host(record)}
        ${this.#events(record)}</div>
    </section>`;
  }

  #status(record: KioskRecord) {
    const { t, now, lang } = this;
    const reason = record.offlineReason ? t(REASON_TEXT[record.offlineReason]) : "";
    const telemetry = record.telemetry;
    const oldest = outboxOldestAt(record);
    const versions = Object.entries(record.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(t("listSeparator"));
    return html`<section aria-labelledby="status-title">
      <h3 id="status-title">${t("detailStatus")}</h3>
      <dl>
        <dt>${t("detailStatus")}</dt>
        <dd data-presence=${record.presence}>
          <span class="badge ${record.presence}">${t(PRESENCE_TEXT[record.presence])}</span>
          ${reason}
        </dd>
        <dt>${t("colLastSeen")}</dt>
        <dd>${ago(t, record.lastSeen, now)} (${clockTime(lang, record.lastSeen)})</dd>
        <dt>${t("detailStarted")}</dt>
        <dd>${clockTime(lang, record.startedAt)}</dd>
        <dt>${t("detailVersions")}</dt>
        <dd>${versions || t("none")}</dd>
        <dt>${t("detailTelemetryAt")}</dt>
        <dd>
          ${
            telemetry
              ? html`${ago(t, record.telemetryReceivedAt, now)} (${clockTime(lang, telemetry.at)})`
              : t("detailNoTelemetry")
          }
        </dd>
        <dt>${t("detailOutbox")}</dt>
        <dd data-outbox-depth=${telemetry?.outbox.depth ?? ""}>
          ${
            !telemetry
              ? t("none")
              : telemetry.outbox.depth === 0
                ? t("detailOutboxEmpty")
                : t("detailOutboxLine", {
                    depth: telemetry.outbox.depth,
                    age: oldest === undefined ? t("none") : duration(t, (now - oldest) / 1000),
                    dropped: telemetry.outbox.dropped,
                  })
          }
        </dd>
      </dl>
    </section>`;
  }

  #view(): UpkeepView {
    return { t: this.t, now: this.now, lang: this.lang };
  }

  #devices(record: KioskRecord) {
    const { t, now } = this;
    const devices = [...record.devices.values()].sort((a, b) => a.id.localeCompare(b.id));
    if (devices.length === 0) return nothing;
    return html`<section aria-labelledby="devices-title">
      <h3 id="devices-title">${t("detailDevices")}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">${t("detailDevice")}</th>
            <th scope="col">${t("detailState")}</th>
            <th scope="col">${t("detailDeviceSeen")}</th>
            <th scope="col">${t("detailErrors")}</th>
          </tr>
        </thead>
        <tbody>
          ${devices.map((device) => {
            const fault = faultOf(device);
            return html`<tr data-device=${device.id}>
              <th scope="row">
                ${
                  device.family === undefined
                    ? html`<code>${device.id}</code>`
                    : html`${deviceName(t, device.id, device.family)}<br /><code>${device.id}</code>`
                }
              </th>
              <td>
                <span class="badge ${fault?.severity ?? "ok"}"
                  >${fault ? faultText(t, fault) : stateText(t, device.state)}</span
                >
                ${device.lastError ? html`<br /><span class="muted">${device.lastError}</span>` : nothing}
              </td>
              <td>${ago(t, device.lastSeen, now)}</td>
              <td>${device.errorCount}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
  }

  #host(record: KioskRecord) {
    const { t } = this;
    const health = record.telemetry?.kiosk;
    if (!health) return nothing;
    const percent = (free: number | undefined, total: number | undefined) =>
      free === undefined || !total ? "" : ` (${Math.round((free / total) * 100)} %)`;
    return html`<section aria-labelledby="host-title">
      <h3 id="host-title">${t("detailHealth")}</h3>
      <dl>
        <dt>${t("detailUptime")}</dt>
        <dd>
          ${
            health.agentUptimeSeconds === undefined
              ? t("none")
              : duration(t, health.agentUptimeSeconds)
          }
        </dd>
        <dt>${t("detailLoad")}</dt>
        <dd>${health.load === undefined ? t("none") : `${health.load} / ${health.cpus ?? "?"} CPU`}</dd>
        <dt>${t("detailMemory")}</dt>
        <dd>
          ${bytes(health.memoryFreeBytes)}${percent(health.memoryFreeBytes, health.memoryTotalBytes)}
        </dd>
        <dt>${t("detailDisk")}</dt>
        <dd>${bytes(health.diskFreeBytes)}${percent(health.diskFreeBytes, health.diskTotalBytes)}</dd>
        <dt>${t("detailTemperature")}</dt>
        <dd>${health.celsius === undefined ? t("none") : `${health.celsius} °C`}</dd>
        <dt>${t("detailNetwork")}</dt>
        <dd>
          ${
            health.network.length === 0
              ? t("none")
              : health.network
                  .map((link) => `${link.name} ${link.up ? t("linkUp") : t("linkDown")}`)
                  .join(t("listSeparator"))
          }
        </dd>
        <dt>${t("detailRuns")}</dt>
        <dd>${record.runs.length === 0 ? t("none") : record.runs.join(t("listSeparator"))}</dd>
      </dl>
    </section>`;
  }

  #events(record: KioskRecord) {
    const { t, now } = this;
    return html`<section aria-labelledby="events-title">
      <h3 id="events-title">${t("detailEvents")}</h3>
      ${
        record.events.length === 0
          ? html`<p class="muted">${t("detailNoEvents")}</p>`
          : html`<ul>
            ${record.events.map(
              (event) =>
                html`<li><code>${event.type}</code> · #${event.seq} · ${ago(t, event.at, now)}</li>`,
            )}
          </ul>`
      }
    </section>`;
  }
}

customElements.define("linli-fleet-detail", LinliFleetDetail);

declare global {
  interface HTMLElementTagNameMap {
    "linli-fleet-detail": LinliFleetDetail;
  }
}
