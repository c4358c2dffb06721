import { css, html, nothing } from "lit";
import { diskFreeOf, isRecordingFault } from "../data/faults.js";
import type { KioskRecord } from "../data/fleet-store.js";
import {
  ago,
  bytes,
  clockTime,
  faultText,
  type Lang,
  PHASE_TEXT,
  STORE_TODO,
  type Translate,
} from "../i18n.js";

/**
 * The kiosk's upkeep in its detail (linli-fleet-detail): whether it can
 * record residents' actions, and its touchscreen. Each problem says what it
 * means for residents and what to do; a screen asleep on its schedule says
 * that this is normal. Kiosks from before these were reported say so.
 */

export interface UpkeepView {
  t: Translate;
  now: number;
  lang: Lang;
}

export const upkeepStyles = css`
  .explain {
    margin: 8px 0 0;
    padding: 10px 12px;
    border-inline-start: 6px solid var(--tone);
    border-radius: 6px;
    background: var(--tone-soft);
  }
  .explain p {
    margin: 0;
  }
  .explain p + p {
    margin-block-start: 6px;
  }
`;

/** Whether the kiosk can record residents' actions, and what to do when it cannot. */
export function recordingSection(record: KioskRecord, { t, now, lang }: UpkeepView) {
  const telemetry = record.telemetry;
  if (!telemetry) return nothing;
  const store = telemetry.store;
  const own = record.faults.find(isRecordingFault);
  const free = diskFreeOf(telemetry);
  return html`<section aria-labelledby="recording-title" data-store=${store ? (store.writable ? "writable" : "unwritable") : "unknown"}>
      <h3 id="recording-title">${t("detailRecording")}</h3>
      ${
        !store
          ? html`<p class="muted">${t("detailNotReported")}</p>`
          : html`<dl>
            <dt>${t("detailRecordingState")}</dt>
            <dd>
              <span class="badge ${own?.severity ?? "ok"}"
                >${own ? faultText(t, own) : t("detailRecordingOk")}</span
              >
            </dd>
            <dt>${t("detailRecordingSince")}</dt>
            <dd>${clockTime(lang, store.since)} (${ago(t, store.since, now)})</dd>
            <dt>${t("detailDisk")}</dt>
            <dd>
              ${
                store.reserveBytes === undefined
                  ? bytes(free)
                  : t("detailDiskReserve", {
                      free: bytes(free),
                      reserve: bytes(store.reserveBytes),
                    })
              }
            </dd>
            ${
              store.lastError
                ? html`<dt>${t("detailLastError")}</dt>
                  <dd><code>${store.lastError}</code></dd>`
                : nothing
            }
          </dl>`
      }
      ${
        store && !store.writable
          ? html`<div class="explain critical" data-explain="store">
            <p>${t("storeMeaning")}</p>
            <p>${t(STORE_TODO[store.reason ?? "unknown"])}</p>
          </div>`
          : own?.kind === "diskLow"
            ? html`<div class="explain warning" data-explain="disk"><p>${t("diskLowMeaning")}</p></div>`
            : nothing
      }
    </section>`;
}

/** The touchscreen: its schedule's phase, backlight and touch panel. */
export function screenSection(record: KioskRecord, { t, now }: UpkeepView) {
  const health = record.telemetry?.kiosk;
  if (!health) return nothing;
  const { display, touch } = health;
  const backlightFault = record.faults.some((fault) => fault.kind === "backlightError");
  const touchFault = record.faults.some((fault) => fault.kind === "touchMissing");
  return html`<section aria-labelledby="screen-title" data-phase=${display?.phase ?? ""}>
      <h3 id="screen-title">${t("detailScreen")}</h3>
      ${
        !display && !touch
          ? html`<p class="muted">${t("detailNotReported")}</p>`
          : html`<dl>
            <dt>${t("detailScreenState")}</dt>
            <dd>
              ${display?.phase ? t(PHASE_TEXT[display.phase]) : t("none")}${
                display?.brightnessPercent === undefined
                  ? ""
                  : `${t("listSeparator")}${t("brightness", { n: display.brightnessPercent })}`
              }
            </dd>
            <dt>${t("detailBacklight")}</dt>
            <dd>
              ${
                !display
                  ? t("none")
                  : !display.backlight
                    ? t("detailNoBacklight")
                    : display.backlight.writable
                      ? t("detailBacklightOk", { device: display.backlight.device })
                      : html`<span class="badge warning">${t("faultBacklightError")}</span>
                        ${display.backlight.error ? html`<br /><code>${display.backlight.error}</code>` : nothing}`
              }
            </dd>
            <dt>${t("detailTouch")}</dt>
            <dd>
              ${
                !touch
                  ? t("none")
                  : touch.present
                    ? touch.devices.join(t("listSeparator")) || t("none")
                    : touchFault
                      ? html`<span class="badge warning">${t("faultTouchMissing")}</span>`
                      : t("detailNoTouch")
              }
            </dd>
            <dt>${t("detailLastTouch")}</dt>
            <dd>${ago(t, touch?.lastTouchAt, now)}</dd>
          </dl>`
      }
      ${display?.phase === "asleep" ? html`<p class="muted">${t("screenAsleepNormal")}</p>` : nothing}
      ${
        backlightFault
          ? html`<div class="explain warning" data-explain="backlight"><p>${t("backlightMeaning")}</p></div>`
          : nothing
      }
      ${
        touchFault
          ? html`<div class="explain warning" data-explain="touch"><p>${t("touchMissingMeaning")}</p></div>`
          : nothing
      }
    </section>`;
}
