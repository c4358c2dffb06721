import type { ParcelDepositRequest, ParcelDepositResponse } from "@linli/protocols/api";
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { dateTimeText } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import { applyKey, type KeypadKey } from "../keypad.js";
import { consoleStyles } from "../styles.js";
import "./linli-op-keypad.js";

type Size = ParcelDepositRequest["size"];
export type DepositDetail = Omit<ParcelDepositRequest, "requestId">;

const SIZES: readonly { size: Size; key: MessageKey }[] = [
  { size: "S", key: "sizeS" },
  { size: "M", key: "sizeM" },
  { size: "L", key: "sizeL" },
];
const CARRIERS = ["顺丰", "中通", "圆通", "韵达", "申通", "极兔", "京东", "邮政"] as const;
const OVERDUE_HOURS = [24, 48, 72, 168] as const;
const DEFAULT_OVERDUE_HOURS = 72;
const PHONE_MIN = 7;
const PHONE_MAX = 20;

/**
 * The deposit form, for the touchscreen (door size and carrier as buttons,
 * the phone number on a keypad) and the laptop (typed). It reports a
 * complete deposit (`linli-deposit`); the page opens the door and hands back
 * the result, whose pickup code is shown this once.
 */
export class LinliOpDepositForm extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    busy: { type: Boolean },
    result: { attribute: false },
    error: { attribute: false },
    size: { state: true },
    phone: { state: true },
    carrier: { state: true },
    hours: { state: true },
    problem: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      form {
        display: grid;
        gap: 16px;
      }
      .phone {
        display: grid;
        gap: 8px;
      }
      .code {
        font-size: 44px;
        font-weight: 800;
        letter-spacing: 0.15em;
        font-variant-numeric: tabular-nums;
      }
      .result {
        margin-block-start: 16px;
        padding: 12px 16px;
        border-radius: var(--linli-radius);
        background: var(--op-ok-soft);
        display: grid;
        gap: 6px;
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare busy: boolean;
  declare result: ParcelDepositResponse | undefined;
  declare error: string;
  declare size: Size;
  declare phone: string;
  declare carrier: string;
  declare hours: number;
  declare problem: string;

  constructor() {
    super();
    this.busy = false;
    this.error = "";
    this.size = "M";
    this.phone = "";
    this.carrier = "";
    this.hours = DEFAULT_OVERDUE_HOURS;
    this.problem = "";
  }

  /** A deposit went through: the next parcel starts with no phone number. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("result") && this.result) this.phone = "";
  }

  #submit(event: Event): void {
    event.preventDefault();
    const carrier = this.carrier.trim();
    if (this.phone.replace(/\D/g, "").length < PHONE_MIN || !carrier) {
      this.problem = this.t("depositMissing");
      return;
    }
    this.problem = "";
    this.dispatchEvent(
      new CustomEvent<DepositDetail>("linli-deposit", {
        detail: { size: this.size, phone: this.phone, carrier, overdueAfterHours: this.hours },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const { t, lang } = this;
    const deposit = this.result;
    const sizeName = (size: string) =>
      t(SIZES.find((entry) => entry.size === size)?.key ?? "sizeM");
    return html`
      <form @submit=${(event: Event) => this.#submit(event)}>
        <fieldset>
          <legend>${t("sizeLabel")}</legend>
          <div class="row">
            ${SIZES.map(
              ({ size, key }) => html`<button
                type="button"
                class="chip"
                data-size=${size}
                aria-pressed=${this.size === size ? "true" : "false"}
                @click=${() => {
                  this.size = size;
                }}
              >
                ${t(key)} (${size})
              </button>`,
            )}
          </div>
        </fieldset>
        <div class="phone">
          <label class="field" for="phone">${t("phoneLabel")}</label>
          <input
            id="phone"
            type="tel"
            inputmode="numeric"
            autocomplete="off"
            maxlength=${PHONE_MAX}
            aria-describedby="phone-hint"
            .value=${this.phone}
            @input=${(event: Event) => {
              const input = event.target as HTMLInputElement;
              this.phone = input.value.replace(/[^0-9+ -]/g, "").slice(0, PHONE_MAX);
              input.value = this.phone;
            }}
          />
          <p id="phone-hint" class="muted">${t("phoneHint")}</p>
          <linli-op-keypad
            .t=${t}
            @linli-key=${(event: CustomEvent<KeypadKey>) => {
              this.phone = applyKey(this.phone, event.detail, PHONE_MAX);
            }}
          ></linli-op-keypad>
        </div>
        <fieldset>
          <legend>${t("carrierLabel")}</legend>
          <div class="row">
            ${CARRIERS.map(
              (carrier) => html`<button
                type="button"
                class="chip"
                aria-pressed=${this.carrier === carrier ? "true" : "false"}
                @click=${() => {
                  this.carrier = carrier;
                }}
              >
                ${carrier}
              </button>`,
            )}
          </div>
          <label class="field" for="carrier-other">${t("carrierOther")}</label>
          <input
            id="carrier-other"
            type="text"
            maxlength="40"
            .value=${(CARRIERS as readonly string[]).includes(this.carrier) ? "" : this.carrier}
            @input=${(event: Event) => {
              this.carrier = (event.target as HTMLInputElement).value;
            }}
          />
        </fieldset>
        <label class="field"
          >${t("overdueLabel")}
          <select
            @change=${(event: Event) => {
              this.hours = Number((event.target as HTMLSelectElement).value);
            }}
          >
            ${OVERDUE_HOURS.map(
              (hours) =>
                html`<option value=${hours} ?selected=${this.hours === hours}>
                  ${t("hours", { n: hours })}
                </option>`,
            )}
          </select>
        </label>
        <p class="error" role="alert">${this.problem || this.error}</p>
        <button type="submit" class="btn primary main" ?disabled=${this.busy}>
          ${this.busy ? t("depositing") : t("depositButton")}
        </button>
      </form>
      <div role="status">
        ${
          deposit
            ? html`<div class="result" data-parcel=${deposit.parcelId}>
              <p>
                ${t("depositDone", {
                  device: deposit.door.deviceId,
                  door: deposit.door.lock,
                  size: sizeName(deposit.door.size),
                })}
              </p>
              <p>${t("pickupCode")}</p>
              <p class="code" data-pickup-code>${deposit.pickupCode}</p>
              <p>${t("pickupCodeOnce")}</p>
              <p>${t("pickupDeadline", { time: dateTimeText(deposit.deadlineAt, lang) })}</p>
            </div>`
            : nothing
        }
      </div>
    `;
  }
}

customElements.define("linli-op-deposit-form", LinliOpDepositForm);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-deposit-form": LinliOpDepositForm;
  }
}
