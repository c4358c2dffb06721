import { css, html, LitElement } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { type Door, type DoorState, doorName } from "../device-detail.js";
import type { MessageKey, Translate } from "../i18n/i18n.js";

const DOOR_TEXT: Record<DoorState, MessageKey> = {
  closed: "doorClosed",
  open: "doorOpen",
  left_open: "doorLeftOpen",
  jammed: "doorJammed",
  unknown: "doorUnknown",
};

/**
 * A locker bank's doors as the lock board reports them, one tile per door,
 * each with its state in words as well as colour. Tapping a door selects it
 * (`linli-door-select`, detail its key); opening is the card's own button.
 */
export class LinliOpDoorGrid extends LitElement {
  static override properties = {
    t: { attribute: false },
    doors: { attribute: false },
    boards: { attribute: false },
    selected: { attribute: false },
    disabled: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(62px, 1fr));
        gap: 6px;
      }
      button {
        display: grid;
        place-items: center;
        gap: 0;
        min-block-size: 56px;
        padding: 4px 2px;
        border: 2px solid var(--linli-line);
        border-radius: 8px;
        background: var(--linli-surface);
        font-weight: 700;
        line-height: 1.15;
        cursor: pointer;
        touch-action: manipulation;
      }
      .state {
        font-size: 15px;
        font-weight: 600;
      }
      button[data-state="open"] {
        background: var(--op-notice-soft);
        border-color: var(--op-notice);
        color: var(--op-notice);
      }
      button[data-state="left_open"] {
        background: var(--op-warning-soft);
        border-color: var(--op-warning);
        color: var(--op-warning);
      }
      button[data-state="jammed"] {
        background: var(--op-critical-soft);
        border-color: var(--op-critical);
        color: var(--op-critical);
      }
      button[aria-pressed="true"] {
        outline: 4px solid var(--linli-red);
        outline-offset: 1px;
      }
      button:disabled {
        cursor: not-allowed;
      }
    `,
  ];

  declare t: Translate;
  declare doors: Door[];
  declare boards: number;
  declare selected: string | undefined;
  declare disabled: boolean;

  constructor() {
    super();
    this.doors = [];
    this.boards = 1;
    this.disabled = false;
  }

  override render() {
    const { t } = this;
    return html`<div class="grid" role="group" aria-label=${t("doorsLabel")}>
      ${this.doors.map((door) => {
        const name = doorName(door.key, this.boards);
        const state = t(DOOR_TEXT[door.state]);
        return html`<button
          type="button"
          data-door=${door.key}
          data-state=${door.state}
          aria-pressed=${this.selected === door.key ? "true" : "false"}
          aria-label=${t("doorAria", { door: name, state })}
          ?disabled=${this.disabled}
          @click=${() =>
            this.dispatchEvent(
              new CustomEvent<string>("linli-door-select", { detail: door.key, bubbles: true }),
            )}
        >
          <span>${name}</span><span class="state" aria-hidden="true">${state}</span>
        </button>`;
      })}
    </div>`;
  }
}

customElements.define("linli-op-door-grid", LinliOpDoorGrid);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-door-grid": LinliOpDoorGrid;
  }
}
