import { css, html, LitElement } from "lit";
import type { Translate } from "../i18n/i18n.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * "Are you still there?" with the seconds left before everything is cleared,
 * and 继续. A tap anywhere on it (the shell listens for clicks) keeps the session.
 */
export class LinliIdleWarning extends LitElement {
  static override properties = { t: { attribute: false }, secondsLeft: { type: Number } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 20;
        display: grid;
        place-items: center;
        background: rgb(31 35 40 / 0.55);
      }
      [role="alertdialog"] {
        display: grid;
        gap: var(--linli-gap);
        justify-items: center;
        max-inline-size: min(820px, 90vw);
        padding: 48px;
        text-align: center;
      }
      .count {
        font-size: calc(var(--linli-display) * 1.6);
        font-weight: 700;
        color: var(--linli-red);
        line-height: 1;
      }
      .btn {
        min-inline-size: 280px;
      }
    `,
  ];

  declare t: Translate;
  declare secondsLeft: number;

  constructor() {
    super();
    this.secondsLeft = 0;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector("button")?.focus();
  }

  override render() {
    const { t } = this;
    return html`<div
      class="card"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="title"
      aria-describedby="detail"
    >
      <h2 id="title">${t("idleTitle")}</h2>
      <p class="count" aria-hidden="true">${this.secondsLeft}</p>
      <p id="detail">${t("idleCountdown", { n: this.secondsLeft })}</p>
      <button class="btn primary main">${t("continue")}</button>
    </div>`;
  }
}

customElements.define("linli-idle-warning", LinliIdleWarning);

declare global {
  interface HTMLElementTagNameMap {
    "linli-idle-warning": LinliIdleWarning;
  }
}
