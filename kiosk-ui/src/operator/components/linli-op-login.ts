import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { AgentUnreachableError, OperatorApiError } from "../data/client.js";
import { login } from "../data/session.js";
import type { Translate } from "../i18n/i18n.js";
import { applyKey, type KeypadKey } from "../keypad.js";
import { consoleStyles } from "../styles.js";
import "./linli-op-keypad.js";

const PIN_MIN = 4;
const PIN_MAX = 12;

/**
 * The PIN screen: typed on the keypad (touchscreen) or the keyboard
 * (laptop). A wrong PIN says so; during a lockout the wait counts down and
 * nothing can be typed. On success it fires `linli-logged-in`.
 */
export class LinliOpLogin extends LitElement {
  static override properties = {
    t: { attribute: false },
    kioskName: { attribute: false },
    notice: { attribute: false },
    pin: { state: true },
    error: { state: true },
    waitSeconds: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        place-items: start center;
        padding: 20px var(--linli-page);
      }
      form {
        display: grid;
        gap: 12px;
        justify-items: stretch;
        inline-size: min(100%, 400px);
        padding: 20px 28px;
      }
      h2 {
        text-align: center;
      }
      .kiosk {
        text-align: center;
      }
      input {
        font-size: 28px;
        letter-spacing: 0.3em;
        text-align: center;
      }
      linli-op-keypad {
        justify-self: center;
        inline-size: 100%;
        max-inline-size: 340px;
      }
      .notice {
        padding: 10px 14px;
        border-radius: var(--linli-radius);
        background: var(--op-notice-soft);
        color: var(--op-notice);
      }
      .btn.primary {
        inline-size: 100%;
      }
    `,
  ];

  declare t: Translate;
  declare kioskName: string;
  declare notice: string;
  declare pin: string;
  declare error: string;
  declare waitSeconds: number;
  declare busy: boolean;
  #countdown: number | undefined;

  constructor() {
    super();
    this.kioskName = "";
    this.notice = "";
    this.pin = "";
    this.error = "";
    this.waitSeconds = 0;
    this.busy = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.#countdown);
  }

  #onKey(key: KeypadKey): void {
    this.pin = applyKey(this.pin, key, PIN_MAX);
    this.error = "";
  }

  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.pin = input.value.replace(/\D/g, "").slice(0, PIN_MAX);
    input.value = this.pin;
    this.error = "";
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || this.waitSeconds > 0 || this.pin.length < PIN_MIN) return;
    this.busy = true;
    try {
      await login(this.pin);
      this.pin = "";
      this.dispatchEvent(new Event("linli-logged-in", { bubbles: true, composed: true }));
    } catch (error) {
      this.pin = "";
      this.#explain(error);
    } finally {
      this.busy = false;
    }
  }

  #explain(error: unknown): void {
    const { t } = this;
    if (error instanceof OperatorApiError) {
      if (error.status === 429) {
        this.#lockFor(error.retryAfterSeconds ?? 30);
        return;
      }
      if (error.status === 401) this.error = t("wrongPin");
      else if (error.status === 503) this.error = t("pinNotConfigured");
      else this.error = t("loadFailed", { message: error.message });
      return;
    }
    this.error = error instanceof AgentUnreachableError ? t("unreachable") : String(error);
  }

  #lockFor(seconds: number): void {
    this.error = "";
    this.waitSeconds = Math.ceil(seconds);
    window.clearInterval(this.#countdown);
    this.#countdown = window.setInterval(() => {
      this.waitSeconds = Math.max(0, this.waitSeconds - 1);
      if (this.waitSeconds === 0) window.clearInterval(this.#countdown);
    }, 1000);
  }

  override render() {
    const { t } = this;
    const locked = this.waitSeconds > 0;
    return html`<form class="card" @submit=${(event: Event) => void this.#submit(event)}>
      <h2>${t("loginTitle")}</h2>
      <p class="kiosk muted">${this.kioskName}</p>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <label class="field" for="pin">${t("pinLabel")}</label>
      <input
        id="pin"
        type="password"
        inputmode="numeric"
        autocomplete="off"
        maxlength=${PIN_MAX}
        aria-describedby="pin-hint"
        .value=${this.pin}
        ?disabled=${locked || this.busy}
        @input=${(event: Event) => this.#onInput(event)}
      />
      <p id="pin-hint" class="muted">${t("loginHint")}</p>
      <linli-op-keypad
        large
        .t=${t}
        ?disabled=${locked || this.busy}
        @linli-key=${(event: CustomEvent<KeypadKey>) => this.#onKey(event.detail)}
      ></linli-op-keypad>
      <p class="error" role="alert">
        ${locked ? t("lockedOut", { n: this.waitSeconds }) : this.error}
      </p>
      <button
        type="submit"
        class="btn primary main"
        ?disabled=${locked || this.busy || this.pin.length < PIN_MIN}
      >
        ${this.busy ? t("loggingIn") : t("loginButton")}
      </button>
    </form>`;
  }
}

customElements.define("linli-op-login", LinliOpLogin);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-login": LinliOpLogin;
  }
}
