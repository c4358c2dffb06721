import type { OperatorDisplayResponse } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { agoText, timeText } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import { consoleStyles, statusCardStyles } from "../styles.js";

const PHASE_TEXT = {
  awake: "displayAwake",
  asleep: "displayAsleep",
  woken: "displayWoken",
} as const satisfies Record<string, MessageKey>;

const WEEKDAY_TEXT: Record<string, MessageKey> = {
  mon: "weekdayMon",
  tue: "weekdayTue",
  wed: "weekdayWed",
  thu: "weekdayThu",
  fri: "weekdayFri",
  sat: "weekdaySat",
  sun: "weekdaySun",
};

const BRIGHTNESS_STEPS = [25, 50, 75, 100] as const;

/**
 * The kiosk's own screen: asleep or lit and until when, the backlight and
 * whether the agent may set it, the touch panel and its last touch, the sleep
 * hours; and the operator's wake, sleep now and brightness. Asks the page
 * (events) to act: `linli-display-wake`, `linli-display-sleep`,
 * `linli-display-brightness` (detail: percent).
 */
export class LinliOpDisplayCard extends LitElement {
  static override properties = {
    display: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    now: { attribute: false },
    busy: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    statusCardStyles,
    css`
      .row {
        flex-wrap: wrap;
      }
    `,
  ];

  declare display: OperatorDisplayResponse;
  declare t: Translate;
  declare lang: Lang;
  declare now: number;
  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  #ask(name: string, detail?: number): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const { t, lang } = this;
    const { display, touch, schedule } = this.display;
    const backlight = display.backlight;
    const trouble = !touch.present || (backlight !== null && !backlight.writable);
    const tone = trouble ? "warning" : display.dark ? "notice" : "ok";
    const days = (list: readonly string[] | undefined) =>
      list
        ? ` (${list.map((day) => t(WEEKDAY_TEXT[day] ?? "none")).join(t("listSeparator"))})`
        : "";
    return html`<article
      class="card ${tone}"
      aria-labelledby="display-title"
      data-phase=${display.phase}
    >
      <div class="head">
        <h3 id="display-title">${t("displayTitle")}</h3>
        <span class="badge ${tone}">${t(PHASE_TEXT[display.phase])}</span>
      </div>
      ${
        display.wokenUntil
          ? html`<p>${t("displayWokenUntil", { time: timeText(display.wokenUntil, lang) })}</p>`
          : nothing
      }
      <dl>
        <dt>${t("displayBacklight")}</dt>
        <dd>
          ${
            backlight
              ? html`${backlight.device} ·
                ${t("displayBrightness")} ${t("percent", { n: display.brightnessPercent ?? 0 })}
                ${
                  backlight.error
                    ? html`<p class="error">
                      ${t("displayBacklightFailed", { error: backlight.error })}
                    </p>`
                    : nothing
                }`
              : t("displayNoBacklight")
          }
        </dd>
        <dt>${t("displayTouch")}</dt>
        <dd>
          ${
            touch.present
              ? touch.devices.map((device) => `${device.name} (${device.handler})`).join(", ")
              : html`<span class="error">${t("displayNoTouch")}</span>`
          }
        </dd>
        <dt>${t("displayLastTouch")}</dt>
        <dd>
          ${
            touch.lastTouchAt
              ? `${timeText(touch.lastTouchAt, lang)} · ${agoText(t, touch.lastTouchAt, this.now)}`
              : t("displayNoTouchYet")
          }
        </dd>
        <dt>${t("displaySleepHours")}</dt>
        <dd>
          ${
            schedule.sleep.length === 0
              ? t("displayNeverSleeps")
              : schedule.sleep
                  .map((window) => `${window.from}–${window.to}${days(window.days)}`)
                  .join(t("listSeparator"))
          }
          · ${t("displayWakeFor", { n: schedule.wakeMinutes })} · ${schedule.timeZone}
        </dd>
      </dl>
      <div class="row">
        <button
          class="btn"
          ?disabled=${this.busy || !display.dark}
          @click=${() => this.#ask("linli-display-wake")}
        >
          ${t("displayWake")}
        </button>
        <button
          class="btn"
          ?disabled=${this.busy || display.dark}
          @click=${() => this.#ask("linli-display-sleep")}
        >
          ${t("displaySleepNow")}
        </button>
      </div>
      ${
        backlight
          ? html`<div class="row" role="group" aria-label=${t("displayBrightnessHint")}>
            ${BRIGHTNESS_STEPS.map(
              (percent) => html`<button
                class="btn"
                aria-pressed=${display.brightnessPercent === percent ? "true" : "false"}
                ?disabled=${this.busy || display.dark}
                @click=${() => this.#ask("linli-display-brightness", percent)}
              >
                ${t("displaySetBrightness", { n: percent })}
              </button>`,
            )}
          </div>`
          : nothing
      }
    </article>`;
  }
}

customElements.define("linli-op-display-card", LinliOpDisplayCard);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-display-card": LinliOpDisplayCard;
  }
}
