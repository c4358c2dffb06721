import { css, html, LitElement } from "lit";
import type { Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * What residents see while the agent does not answer: a calm message in both
 * languages and a countdown to the next try, never the browser's error page.
 */
export class LinliOfflineScreen extends LitElement {
  static override properties = {
    t: { attribute: false },
    other: { attribute: false },
    otherLang: { type: String },
    secondsLeft: { type: Number },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-block-size: 70vh;
        padding: var(--linli-page);
        text-align: center;
      }
      section {
        display: grid;
        justify-items: center;
        gap: var(--linli-gap);
        max-inline-size: 900px;
      }
      linli-icon {
        --linli-icon-size: 96px;
        color: var(--linli-red);
      }
      h2 {
        color: var(--linli-red);
        font-size: var(--linli-display);
      }
      p {
        font-size: var(--linli-action);
      }
    `,
  ];

  declare t: Translate;
  /** The same words in the other language, for whoever stands there next. */
  declare other: Translate;
  declare otherLang: string;
  declare secondsLeft: number;

  constructor() {
    super();
    this.secondsLeft = 0;
    this.otherLang = "en";
  }

  override render() {
    const { t, other } = this;
    return html`<section role="alert" aria-live="assertive">
      <linli-icon name="wifiOff"></linli-icon>
      <h2>${t("offlineTitle")}</h2>
      <p>${t("offlineBody")}</p>
      <p class="muted" lang=${this.otherLang}>${other("offlineTitle")} · ${other("offlineBody")}</p>
      <p class="muted" role="status">
        ${this.secondsLeft > 0 ? t("offlineRetrying", { n: this.secondsLeft }) : t("loading")}
      </p>
      <button
        class="btn main"
        @click=${() => this.dispatchEvent(new Event("linli-retry-now", { bubbles: true, composed: true }))}
      >
        ${t("offlineRetryNow")}
      </button>
    </section>`;
  }
}

customElements.define("linli-offline-screen", LinliOfflineScreen);

declare global {
  interface HTMLElementTagNameMap {
    "linli-offline-screen": LinliOfflineScreen;
  }
}
