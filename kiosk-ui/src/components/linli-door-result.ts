import type { LockerLayoutDoor } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import type { DoorPhase, DoorTask, OpenedDoor } from "../data/door-follow.js";
import { cellOf, drawBank } from "../data/locker-layout.js";
import type { MessageKey, Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import "./linli-locker-drawing.js";
import { sharedStyles } from "./shared-styles.js";

const STATUS: Readonly<Record<DoorTask, Readonly<Record<DoorPhase, MessageKey>>>> = {
  pickup: {
    opening: "parcelDoorOpening",
    open: "parcelPickupOpen",
    "left-open": "parcelPickupLeftOpen",
    closed: "parcelPickupClosed",
  },
  borrow: {
    opening: "parcelDoorOpening",
    open: "parcelBorrowOpen",
    "left-open": "parcelBorrowLeftOpen",
    closed: "parcelBorrowClosed",
  },
  return: {
    opening: "parcelDoorOpening",
    open: "parcelReturnOpen",
    "left-open": "parcelReturnLeftOpen",
    closed: "parcelReturnClosed",
  },
};

/** The words for a door that opened: its number, what to do now, where it is. */
export function doorWords(
  t: Translate,
  opened: OpenedDoor,
  bank: readonly LockerLayoutDoor[] | undefined,
): { title: string; status: string; where: string } {
  const cell = bank ? cellOf(drawBank(bank), opened.door) : undefined;
  const number = cell ? String(cell.door.number) : opened.spokenNumber;
  let status = t(STATUS[opened.task][opened.phase]);
  if (opened.repeated && opened.phase === "closed") {
    status = t(
      opened.task === "return" ? "parcelReturnRepeatedClosed" : "parcelPickupRepeatedClosed",
    );
  } else if (opened.repeated && opened.task === "pickup" && opened.phase === "open") {
    status = t("parcelPickupRepeatedOpen");
  }
  const where = cell
    ? t("parcelDoorWhere", { n: cell.door.number, column: cell.column, row: cell.fromTop })
    : "";
  return { title: t("parcelDoorTitle", { n: number }), status, where };
}

/** All of it in sentences, the return code digit by digit, for read-aloud. */
export function doorSpeech(
  t: Translate,
  opened: OpenedDoor,
  bank: readonly LockerLayoutDoor[] | undefined,
): string {
  const { title, status, where } = doorWords(t, opened, bank);
  const code = opened.returnCode
    ? t("parcelReturnCodeSpoken", { digits: [...opened.returnCode].join(" ") })
    : "";
  return [title, status, where, code].filter(Boolean).join("。");
}

/**
 * A door that opened for the resident: its number in large type, what to do
 * now (following the door until it is shut), the return code of a borrowed
 * stroller, and the locker bank's drawing with the door in red. The owner's
 * buttons go in the slot, under the words.
 */
export class LinliDoorResult extends LitElement {
  static override properties = {
    t: { attribute: false },
    opened: { attribute: false },
    bank: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
        align-items: start;
      }
      .words {
        display: grid;
        gap: var(--linli-gap);
        justify-items: center;
        text-align: center;
      }
      .door-number {
        font-size: calc(var(--linli-display) * 1.3);
        line-height: 1.15;
        color: var(--linli-red);
      }
      .status {
        display: flex;
        align-items: center;
        gap: 0.4em;
        font-size: var(--linli-title);
        font-weight: 700;
      }
      .status[data-phase="closed"] {
        color: var(--linli-green);
      }
      .status linli-icon {
        --linli-icon-size: 1.3em;
      }
      .return-code {
        display: grid;
        gap: 6px;
        padding: 20px 32px;
        border: 3px dashed var(--linli-red);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
      }
      .return-code strong {
        font-size: var(--linli-display);
        letter-spacing: 0.18em;
        font-variant-numeric: tabular-nums;
      }
      /* The door and what to do on the left, the drawing beside it. */
      @media (orientation: landscape) {
        :host {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
    `,
  ];

  declare t: Translate;
  declare opened: OpenedDoor;
  declare bank: readonly LockerLayoutDoor[] | undefined;

  override render() {
    const { t, opened, bank } = this;
    const { title, status, where } = doorWords(t, opened, bank);
    const cabinet = bank?.every((door) => door.use === "cabinet") ?? false;
    return html`<div class="words">
        <p class="door-number">${title}</p>
        <p class="status" role="status" data-phase=${opened.phase}>
          ${opened.phase === "closed" ? html`<linli-icon name="check"></linli-icon>` : nothing}${status}
        </p>
        ${
          opened.returnCode
            ? html`<div class="return-code">
                <span>${t("parcelReturnCode")}</span>
                <strong data-return-code=${opened.returnCode}>${opened.returnCode}</strong>
                <span>${t("parcelReturnCodeHint")}</span>
              </div>`
            : nothing
        }
        <slot></slot>
      </div>
      ${
        bank
          ? html`<linli-locker-drawing
              .doors=${bank}
              .door=${opened.door}
              .caption=${t(cabinet ? "parcelCabinetBank" : "parcelLockerBank")}
              .where=${where}
            ></linli-locker-drawing>`
          : nothing
      }`;
  }
}

customElements.define("linli-door-result", LinliDoorResult);

declare global {
  interface HTMLElementTagNameMap {
    "linli-door-result": LinliDoorResult;
  }
}
