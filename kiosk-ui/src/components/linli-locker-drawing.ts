import type { LockerLayoutDoor } from "@linli/protocols/api";
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { type BankDrawing, cellOf, drawBank } from "../data/locker-layout.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * A drawing of a locker bank's doors, each with its number, with the door
 * that opened in red, so a resident can walk to it; the caption says where
 * it is in words. Doors are placed by data/locker-layout.ts.
 */
export class LinliLockerDrawing extends LitElement {
  static override properties = {
    doors: { attribute: false },
    door: { attribute: false },
    caption: { attribute: false },
    where: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      figure {
        display: grid;
        justify-items: center;
        gap: 14px;
        margin: 0;
      }
      .bank {
        --unit: calc(var(--linli-small) * 1.45);
        display: grid;
        gap: 6px;
        inline-size: min(100%, var(--bank-width));
        padding: 12px;
        border: 4px solid var(--linli-ink);
        border-radius: 10px;
        background: #d9d2c7;
      }
      .door {
        display: grid;
        place-items: center;
        min-block-size: 0;
        border: 2px solid #8a8178;
        border-radius: 6px;
        background: #f1ece4;
        color: var(--linli-ink);
        font-size: var(--linli-small);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .door.open {
        position: relative;
        z-index: 1;
        border: 4px solid var(--linli-ink);
        background: var(--linli-red);
        color: var(--linli-on-red);
        font-size: var(--linli-action);
        font-weight: 800;
        /* A still ring rather than a pulse: nothing on the kiosk moves on its own. */
        box-shadow: 0 0 0 8px var(--linli-mark);
      }
      figcaption {
        font-size: var(--linli-body);
        text-align: center;
      }
    `,
  ];

  declare doors: readonly LockerLayoutDoor[];
  declare door: { board: number; lock: number } | undefined;
  declare caption: string;
  /** Where the opened door is, in words: "3 号柜门在左起第 1 列，从上往下第 3 个". */
  declare where: string;
  #drawing: BankDrawing = drawBank([]);

  constructor() {
    super();
    this.doors = [];
    this.caption = "";
    this.where = "";
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("doors")) this.#drawing = drawBank(this.doors);
  }

  override render() {
    const { columns, rows, cells } = this.#drawing;
    if (cells.length === 0) return nothing;
    const opened = this.door ? cellOf(this.#drawing, this.door) : undefined;
    const { where } = this;
    return html`<figure>
      <div
        class="bank"
        role="img"
        aria-label=${[this.caption, where].filter(Boolean).join(" · ")}
        style=${`grid-template-columns: repeat(${columns}, 1fr); grid-template-rows: repeat(${rows}, var(--unit)); --bank-width: ${columns * 150}px`}
      >
        ${cells.map(
          (cell) =>
            html`<div
              class=${`door ${cell === opened ? "open" : ""}`}
              data-number=${cell.door.number}
              data-size=${cell.door.size}
              style=${`grid-column: ${cell.column}; grid-row: ${cell.row} / span ${cell.rowSpan}`}
            >
              ${cell.door.number}
            </div>`,
        )}
      </div>
      <figcaption>${this.caption}${where ? html` · <strong>${where}</strong>` : nothing}</figcaption>
    </figure>`;
  }
}

customElements.define("linli-locker-drawing", LinliLockerDrawing);

declare global {
  interface HTMLElementTagNameMap {
    "linli-locker-drawing": LinliLockerDrawing;
  }
}
