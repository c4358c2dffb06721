import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import {
  counterDetail,
  doorName,
  lockerDetail,
  type PaperState,
  printerDetail,
  vendingDetail,
} from "../device-detail.js";
import type { DeviceView, Fault } from "../device-faults.js";
import { agoText, timeText } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import { FAMILY_TEXT, SEVERITY_TEXT, STATE_TEXT } from "../labels.js";
import { goTo, pathOf } from "../router.js";
import { consoleStyles, statusCardStyles } from "../styles.js";
import "./linli-op-door-grid.js";

const PAPER_TEXT: Record<PaperState, MessageKey> = {
  ok: "paperOk",
  near_end: "paperNearEnd",
  out: "paperOut",
  unknown: "paperUnknown",
};

export interface OpenDoorDetail {
  deviceId: string;
  board: number;
  lock: number;
}

/**
 * One device as the operator needs it: what it is, its state and faults in
 * words, when it was last heard, its family's specifics (paper and cover,
 * every door, every slot's stock, scans or presses) and its actions. It only
 * reports actions (`linli-test-print`, `linli-open-door`); the page acts.
 */
export class LinliOpDeviceCard extends LitElement {
  static override properties = {
    view: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    now: { attribute: false },
    busy: { type: Boolean },
    selectedDoor: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    statusCardStyles,
    css`
      article.card {
        block-size: 100%;
      }
      .id {
        font-family: var(--op-mono);
        font-weight: 400;
        font-size: var(--linli-body);
      }
      ul.faults {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 4px;
      }
      ul.faults li {
        padding: 4px 10px;
        border-radius: 6px;
        background: var(--tone-soft);
        color: var(--tone);
        font-weight: 600;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 2px 14px;
        margin: 0;
      }
      dt {
        color: var(--linli-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      .slots {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(64px, 1fr));
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .slots li {
        display: grid;
        place-items: center;
        padding: 4px 2px;
        border: 1px solid var(--linli-line);
        border-radius: 6px;
        font-variant-numeric: tabular-nums;
        line-height: 1.2;
      }
      .slots li.empty,
      .slots li.jammed {
        background: var(--op-critical-soft);
        border-color: var(--op-critical);
        color: var(--op-critical);
      }
      .slots li.low {
        background: var(--op-warning-soft);
        border-color: var(--op-warning);
        color: var(--op-warning);
      }
      .slot-no {
        font-weight: 700;
      }
    `,
  ];

  declare view: DeviceView;
  declare t: Translate;
  declare lang: Lang;
  declare now: number;
  declare busy: boolean;
  declare selectedDoor: string | undefined;

  constructor() {
    super();
    this.busy = false;
    this.now = Date.now();
  }

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  #faultText(fault: Fault): string {
    const separator = this.t("listSeparator");
    return this.t(fault.key, {
      items: (fault.items ?? []).join(separator),
      n: fault.count ?? 0,
      text: fault.text ?? "",
    });
  }

  override render() {
    const { t, lang } = this;
    const { device, severity, faults } = this.view;
    const { health } = device;
    const titleId = `device-${device.id}`;
    return html`<article
      class="card ${severity}"
      data-device=${device.id}
      data-severity=${severity}
      aria-labelledby=${titleId}
    >
      <div class="head">
        <h3 id=${titleId}>${t(FAMILY_TEXT[device.family])} <span class="id">${device.id}</span></h3>
        <span class="badge ${severity}">${t(SEVERITY_TEXT[severity])} · ${t(STATE_TEXT[health.state])}</span>
      </div>
      <p class="muted">${device.vendor} · ${device.model}</p>
      <p>
        ${
          health.lastSeen
            ? html`${t("lastSeen", { when: agoText(t, health.lastSeen, this.now) })}
              <span class="muted">(${timeText(health.lastSeen, lang)})</span>`
            : t("lastSeenNever")
        }
      </p>
      ${
        faults.length > 0
          ? html`<ul class="faults">
            ${faults.map((fault) => html`<li class=${fault.severity}>${this.#faultText(fault)}</li>`)}
          </ul>`
          : nothing
      }
      ${this.#family()}
      ${
        health.lastError && health.state !== "error"
          ? html`<p class="muted">${t("lastError", { text: health.lastError })}</p>`
          : nothing
      }
    </article>`;
  }

  #family() {
    switch (this.view.device.family) {
      case "printer":
        return this.#printer();
      case "locker":
        return this.#locker();
      case "vending":
        return this.#vending();
      default:
        return this.#counter();
    }
  }

  #printer() {
    const { t } = this;
    const { device } = this.view;
    const printer = printerDetail(device.health.detail);
    const cover =
      printer.coverOpen === undefined
        ? t("unknown")
        : printer.coverOpen
          ? t("coverOpen")
          : t("coverClosed");
    return html`<dl>
        <dt>${t("paperLabel")}</dt>
        <dd data-paper=${printer.paper}>${t(PAPER_TEXT[printer.paper])}</dd>
        <dt>${t("coverLabel")}</dt>
        <dd>${cover}</dd>
      </dl>
      <div class="row">
        <button
          class="btn"
          ?disabled=${this.busy}
          @click=${() => this.#emit("linli-test-print", device.id)}
        >
          ${t("testPrint")}
        </button>
      </div>`;
  }

  #locker() {
    const { t } = this;
    const { device } = this.view;
    const locker = lockerDetail(device.health.detail);
    const selected = locker.doors.find((door) => door.key === this.selectedDoor);
    return html`<linli-op-door-grid
        .t=${t}
        .doors=${locker.doors}
        .boards=${locker.boards}
        .selected=${this.selectedDoor}
        ?disabled=${this.busy}
        @linli-door-select=${(event: CustomEvent<string>) => {
          this.selectedDoor = this.selectedDoor === event.detail ? undefined : event.detail;
        }}
      ></linli-op-door-grid>
      <div class="row">
        <button
          class="btn primary"
          ?disabled=${this.busy || !selected}
          @click=${() => {
            if (!selected) return;
            this.#emit<OpenDoorDetail>("linli-open-door", {
              deviceId: device.id,
              board: selected.board,
              lock: selected.lock,
            });
          }}
        >
          ${
            selected
              ? t("openDoor", { door: doorName(selected.key, locker.boards) })
              : t("chooseDoor")
          }
        </button>
      </div>`;
  }

  #vending() {
    const { t } = this;
    const vending = vendingDetail(this.view.device.health.detail);
    return html`<p class="muted">${t("slotsLabel")}</p>
      <ul class="slots">
        ${vending.slots.map((slot) => {
          const tone = slot.jammed
            ? "jammed"
            : vending.empty.includes(slot.slot)
              ? "empty"
              : vending.low.includes(slot.slot)
                ? "low"
                : "";
          const stock =
            slot.capacity === undefined
              ? String(slot.stock ?? "?")
              : t("slotStock", { stock: slot.stock ?? "?", capacity: slot.capacity });
          return html`<li class=${tone} data-slot=${slot.slot}>
            <span class="slot-no">${slot.slot}</span>
            <span>${slot.jammed ? t("slotJammedTag") : stock}</span>
          </li>`;
        })}
      </ul>
      <div class="row">
        <a
          class="btn"
          href=${pathOf("vending")}
          @click=${(event: MouseEvent) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey) return;
            event.preventDefault();
            goTo("vending");
          }}
          >${t("vendingManage")}</a
        >
      </div>`;
  }

  #counter() {
    const { t, lang } = this;
    const { device } = this.view;
    const counter = counterDetail(device);
    return html`<dl>
      <dt>${device.family === "scanner" ? t("scansLabel") : t("pressesLabel")}</dt>
      <dd>${counter.count ?? t("none")}</dd>
      <dt>${t("lastUseLabel")}</dt>
      <dd>${counter.lastAt ? timeText(counter.lastAt, lang) : t("none")}</dd>
    </dl>`;
  }
}

customElements.define("linli-op-device-card", LinliOpDeviceCard);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-device-card": LinliOpDeviceCard;
  }
}
