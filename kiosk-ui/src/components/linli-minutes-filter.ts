import { css, html, LitElement } from "lit";
import type { Translate } from "../i18n/i18n.js";
import { sharedStyles } from "./shared-styles.js";

/** The walks a resident can choose; 0 means any distance. */
export const MINUTE_CHOICES = [5, 10, 15, 0] as const;
export type MinuteChoice = (typeof MINUTE_CHOICES)[number];

/** 5 / 10 / 15 分钟 / 不限: one pressed at a time. Fires `linli-change` with the minutes. */
export class LinliMinutesFilter extends LitElement {
  static override properties = { t: { attribute: false }, value: { type: Number } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      div {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
      }
    `,
  ];

  declare t: Translate;
  declare value: MinuteChoice;

  constructor() {
    super();
    this.value = 15;
  }

  #choose(minutes: MinuteChoice): void {
    this.dispatchEvent(new CustomEvent<MinuteChoice>("linli-change", { detail: minutes }));
  }

  override render() {
    const { t } = this;
    return html`<div role="group" aria-label=${t("minutesFilterLabel")}>
      ${MINUTE_CHOICES.map(
        (minutes) =>
          html`<button
            class="chip"
            data-minutes=${minutes}
            aria-pressed=${this.value === minutes ? "true" : "false"}
            @click=${() => this.#choose(minutes)}
          >
            ${minutes === 0 ? t("anyDistance") : t("withinMinutes", { n: minutes })}
          </button>`,
      )}
    </div>`;
  }
}

customElements.define("linli-minutes-filter", LinliMinutesFilter);

declare global {
  interface HTMLElementTagNameMap {
    "linli-minutes-filter": LinliMinutesFilter;
  }
}
