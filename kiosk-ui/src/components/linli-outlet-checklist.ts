import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import type { KioskContext } from "../kiosk-context.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

/** An outlet to tick or untick: its name and walking minutes. */
export interface CheckableOutlet {
  id: string;
  name: string;
  walkMinutes: number;
}

/** 长辈模式 shows fewer at a time; the rest are one tap away. */
const PAGE_SIZE = { normal: 10, elderly: 5 } as const;

/**
 * Outlets as big tick boxes, each a toggle button with its walking minutes.
 * Fires `linli-toggle` with the outlet's id; the owner keeps what is chosen.
 */
export class LinliOutletChecklist extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    outlets: { attribute: false },
    chosen: { attribute: false },
    label: { type: String },
    shown: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
      }
      div {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(460px, 100%), 1fr));
        gap: 12px;
      }
      .pick {
        justify-content: flex-start;
        gap: 16px;
        padding: 12px 20px;
        text-align: start;
      }
      .box {
        display: inline-grid;
        place-items: center;
        inline-size: 1.4em;
        block-size: 1.4em;
        flex: none;
        border: 3px solid currentColor;
        border-radius: 6px;
      }
      .name {
        flex: 1;
      }
      .walk {
        font-weight: 400;
        white-space: nowrap;
      }
      .pick[aria-pressed="true"] {
        background: var(--linli-green-soft);
        border-color: var(--linli-green);
        color: var(--linli-ink);
      }
      .more {
        justify-self: start;
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare outlets: readonly CheckableOutlet[];
  declare chosen: ReadonlySet<string>;
  declare label: string;
  declare shown: number;

  constructor() {
    super();
    this.outlets = [];
    this.chosen = new Set();
    this.label = "";
    this.shown = 0;
  }

  #pageSize(): number {
    return PAGE_SIZE[this.kiosk.elderly ? "elderly" : "normal"];
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const wasElderly = changed.get("kiosk")?.elderly;
    const modeChanged = wasElderly !== undefined && wasElderly !== this.kiosk.elderly;
    // A new list, or the other mode, starts over at one page.
    if (this.shown === 0 || modeChanged || changed.has("outlets")) this.shown = this.#pageSize();
  }

  #toggle(id: string): void {
    this.dispatchEvent(new CustomEvent<string>("linli-toggle", { detail: id }));
  }

  override render() {
    const { t } = this.kiosk;
    const shown = this.outlets.slice(0, this.shown);
    const more = this.outlets.length - shown.length;
    return html`<div role="group" aria-label=${this.label}>
        ${shown.map((outlet) => {
          const chosen = this.chosen.has(outlet.id);
          return html`<button
            class="btn pick"
            data-outlet=${outlet.id}
            aria-pressed=${chosen ? "true" : "false"}
            @click=${() => this.#toggle(outlet.id)}
          >
            <span class="box" aria-hidden="true">
              ${chosen ? html`<linli-icon name="check"></linli-icon>` : nothing}
            </span>
            <span class="name" lang="zh-CN">${outlet.name}</span>
            <span class="walk">${t("walkMinutesShort", { n: outlet.walkMinutes })}</span>
          </button>`;
        })}
      </div>
      ${
        more > 0
          ? html`<button
            class="btn more"
            @click=${() => {
              this.shown += this.#pageSize();
            }}
          >
            ${t("printMoreOutlets", { n: more })}
          </button>`
          : nothing
      }`;
  }
}

customElements.define("linli-outlet-checklist", LinliOutletChecklist);

declare global {
  interface HTMLElementTagNameMap {
    "linli-outlet-checklist": LinliOutletChecklist;
  }
}
