import { css, html, LitElement } from "lit";
import type { KioskContext } from "../kiosk-context.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

const CLOCK_REFRESH_MS = 20_000;

/**
 * The band across the top of every screen: the centre's name, the time, and
 * the controls a resident may want anywhere — home, read-aloud, 长辈模式 and
 * the language. It only reports taps; the shell decides what they do.
 */
export class LinliTopBar extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    atHome: { attribute: false },
    speaking: { attribute: false },
    canSpeak: { attribute: false },
    now: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        background: var(--linli-red);
        color: var(--linli-on-red);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 20px;
        padding: 20px var(--linli-page);
      }
      .title {
        flex: 1 1 auto;
        min-inline-size: 0;
      }
      h1 {
        margin: 0;
        font-size: var(--linli-display);
        line-height: 1.15;
      }
      .tagline {
        font-size: var(--linli-body);
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        margin-inline-start: auto;
      }
      .btn {
        background: transparent;
        border-color: var(--linli-on-red);
        color: var(--linli-on-red);
      }
      .btn[aria-pressed="true"] {
        background: var(--linli-on-red);
        border-color: var(--linli-on-red);
        color: var(--linli-red);
      }
      :focus-visible {
        outline-color: var(--linli-on-red);
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare atHome: boolean;
  declare speaking: boolean;
  declare canSpeak: boolean;
  declare now: Date;
  #clock: number | undefined;

  constructor() {
    super();
    this.atHome = true;
    this.speaking = false;
    this.canSpeak = false;
    this.now = new Date();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = window.setInterval(() => {
      this.now = new Date();
    }, CLOCK_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.#clock);
  }

  #emit(type: string): void {
    this.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
  }

  #clockText(): string {
    const date = new Intl.DateTimeFormat(this.kiosk.lang, {
      month: "long",
      day: "numeric",
      weekday: "short",
    }).format(this.now);
    const time = new Intl.DateTimeFormat(this.kiosk.lang, {
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(this.now);
    return `${date} ${time}`;
  }

  override render() {
    const { t, lang, elderly } = this.kiosk;
    return html`<header>
      ${
        this.atHome
          ? null
          : html`<button class="btn main" @click=${() => this.#emit("linli-home")}>
            <linli-icon name="home"></linli-icon>${t("home")}
          </button>`
      }
      <div class="title">
        <h1>${this.kiosk.health.kiosk.name}</h1>
        <p class="tagline">${t("appTagline")} · <time>${this.#clockText()}</time></p>
      </div>
      <div class="controls">
        ${
          this.canSpeak
            ? html`<button
              class="btn"
              aria-pressed=${this.speaking ? "true" : "false"}
              @click=${() => this.#emit("linli-read-aloud")}
            >
              <linli-icon name=${this.speaking ? "stop" : "speaker"}></linli-icon>${
                this.speaking ? t("stopReading") : t("readAloud")
              }
            </button>`
            : null
        }
        <button
          class="btn"
          aria-pressed=${elderly ? "true" : "false"}
          @click=${() => this.#emit("linli-elderly-toggle")}
        >
          <linli-icon name="elderly"></linli-icon>${t("elderlyMode")}
        </button>
        <button
          class="btn"
          lang=${lang === "en" ? "zh-CN" : "en"}
          @click=${() => this.#emit("linli-lang-toggle")}
        >
          <linli-icon name="globe"></linli-icon>${t("switchLanguage")}
        </button>
      </div>
    </header>`;
  }
}

customElements.define("linli-top-bar", LinliTopBar);

declare global {
  interface HTMLElementTagNameMap {
    "linli-top-bar": LinliTopBar;
  }
}
