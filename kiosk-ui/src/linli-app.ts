import type { CategoriesResponse, HealthResponse } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import "./components/linli-idle-warning.js";
import "./components/linli-offline-screen.js";
import "./components/linli-sleep-screen.js";
import "./components/linli-top-bar.js";
import { AgentWatch } from "./agent-watch.js";
import { sharedStyles } from "./components/shared-styles.js";
import { theme } from "./components/theme.js";
import { fetchHealth } from "./data/api.js";
import { fetchCategories } from "./data/outlets.js";
import { DisplaySleep } from "./display-sleep.js";
import { DEFAULT_LANG, type Lang, translator } from "./i18n/i18n.js";
import { IdleMonitor, type IdlePhase } from "./idle.js";
import { type KioskContext, newSessionId } from "./kiosk-context.js";
import type { KioskPanel } from "./panels/kiosk-panel.js";
import { currentLocation, LOCATION_CHANGED, navigate, resetHistory } from "./router.js";
import { matchRoute, PANELS, type RouteMatch } from "./routes.js";
import { readSettings, safeStorage } from "./settings.js";
import { speak, speechSupported, stopSpeaking } from "./speech.js";

const SPEECH_NOTICE_MS = 5_000;

/**
 * The app shell: the top bar, the current panel, and what watches over them —
 * the offline screen while the agent does not answer, the idle warning and
 * reset, the attract screen, the black screen while the display sleeps
 * (with touches reported to the agent), read-aloud, and reloading after an
 * upgrade.
 */
export class LinliApp extends LitElement {
  static override properties = {
    health: { state: true },
    catalog: { state: true },
    offline: { state: true },
    retryIn: { state: true },
    lang: { state: true },
    elderly: { type: Boolean, reflect: true },
    route: { state: true },
    idlePhase: { state: true },
    idleSecondsLeft: { state: true },
    speaking: { state: true },
    speechNotice: { state: true },
    sleeping: { state: true },
  };

  static override styles = [
    theme,
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-block-size: 100vh;
        background: var(--linli-bg);
        font-family: inherit;
      }
      linli-top-bar {
        position: sticky;
        top: 0;
        z-index: 10;
      }
      main {
        flex: 1;
        display: flex;
        flex-direction: column;
      }
      main > * {
        flex: 1;
      }
      .notice {
        position: fixed;
        inset-inline: 0;
        bottom: 32px;
        z-index: 15;
        justify-self: center;
        margin: 0 auto;
        inline-size: fit-content;
        padding: 16px 28px;
        border-radius: var(--linli-radius);
        background: var(--linli-ink);
        color: var(--linli-surface);
        font-size: var(--linli-action);
      }
      .loading {
        padding: 64px var(--linli-page);
        font-size: var(--linli-action);
      }
    `,
  ];

  declare health: HealthResponse | undefined;
  declare catalog: CategoriesResponse | undefined;
  declare offline: boolean;
  declare retryIn: number;
  declare lang: Lang;
  declare elderly: boolean;
  declare route: RouteMatch | undefined;
  declare idlePhase: IdlePhase;
  declare idleSecondsLeft: number;
  declare speaking: boolean;
  declare speechNotice: string;
  /** The black sleep layer is up: the agent said the screen sleeps, and no tap has woken it. */
  declare sleeping: boolean;

  readonly settings = readSettings(
    window.location.search,
    safeStorage(() => window.sessionStorage),
    safeStorage(() => window.localStorage),
  );
  readonly #idle: IdleMonitor;
  readonly #watch: AgentWatch;
  readonly #sleep: DisplaySleep;
  #panel: KioskPanel | undefined;
  #routeToken = 0;
  #noticeTimer: number | undefined;
  #context: KioskContext | undefined;
  #sessionId = newSessionId();

  constructor() {
    super();
    this.offline = false;
    this.retryIn = 0;
    this.lang = DEFAULT_LANG;
    this.elderly = false;
    this.idlePhase = "active";
    this.idleSecondsLeft = 0;
    this.speaking = false;
    this.speechNotice = "";
    this.sleeping = false;
    this.#idle = new IdleMonitor(this.settings, {
      sessionInUse: () => this.#sessionInUse(),
      holding: () => {
        const holding = !this.offline && (this.#panel?.holdsSession() ?? false);
        // A resident waiting on a vend or a payment is using the kiosk, touch or not.
        if (holding) this.#sleep.stillUsed();
        return holding;
      },
      onPhase: (phase, secondsLeft) => this.#onIdlePhase(phase, secondsLeft),
      onReset: () => this.#reset(),
    });
    this.#watch = new AgentWatch(this.settings, {
      offline: () => {
        stopSpeaking();
        this.speaking = false;
        this.offline = true;
      },
      retryIn: (seconds) => {
        this.retryIn = seconds;
      },
      online: async () => {
        if (!this.health || !this.catalog) {
          await this.#boot();
          return;
        }
        this.offline = false;
        await this.#showRoute(true);
      },
      sessionInUse: () => this.#sessionInUse(),
    });
    this.#sleep = new DisplaySleep({
      asleep: () => {
        this.sleeping = true;
        // The next resident, after the night, starts from the home screen.
        this.#reset();
      },
      awake: () => {
        this.sleeping = false;
        this.#idle.touch();
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(LOCATION_CHANGED, this.#onLocation);
    window.addEventListener("popstate", this.#onLocation);
    this.#idle.start();
    this.#watch.start();
    this.#sleep.start();
    void this.#boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(LOCATION_CHANGED, this.#onLocation);
    window.removeEventListener("popstate", this.#onLocation);
    this.#idle.stop();
    this.#watch.stop();
    this.#sleep.stop();
  }

  // —— loading and connectivity ——

  async #boot(): Promise<void> {
    try {
      const [health, catalog] = await Promise.all([fetchHealth(), fetchCategories()]);
      this.health = health;
      this.catalog = catalog;
      this.offline = false;
      await this.#showRoute(true);
    } catch {
      this.#watch.goOffline();
    }
  }

  // —— routing ——

  readonly #onLocation = (): void => {
    void this.#showRoute(false);
  };

  async #showRoute(fresh: boolean): Promise<void> {
    if (!this.health || !this.catalog) return;
    const match = matchRoute(currentLocation());
    if (!match) {
      navigate("/", { replace: true });
      return;
    }
    const token = ++this.#routeToken;
    const panel = PANELS[match.panel];
    try {
      await panel.load();
    } catch {
      this.#watch.chunkFailed();
      return;
    }
    if (token !== this.#routeToken) return;
    stopSpeaking();
    this.speaking = false;
    const changed = fresh || this.#panel?.localName !== panel.tag;
    if (changed) this.#panel = document.createElement(panel.tag) as KioskPanel;
    const element = this.#panel!;
    element.kiosk = this.#kioskContext();
    element.route = match;
    if (changed || this.route?.path !== match.path) window.scrollTo({ top: 0 });
    this.route = match;
  }

  #kioskContext(): KioskContext {
    const context = this.#context;
    if (
      context &&
      context.lang === this.lang &&
      context.elderly === this.elderly &&
      context.health === this.health &&
      context.catalog === this.catalog &&
      context.sessionId === this.#sessionId
    ) {
      return context;
    }
    this.#context = {
      lang: this.lang,
      t: translator(this.lang),
      elderly: this.elderly,
      health: this.health!,
      catalog: this.catalog!,
      settings: this.settings,
      sessionId: this.#sessionId,
    };
    return this.#context;
  }

  // —— session: idle, reset, modes ——

  #sessionInUse(): boolean {
    return (
      (this.route !== undefined && this.route.panel !== "home") ||
      this.lang !== DEFAULT_LANG ||
      this.elderly ||
      this.speaking
    );
  }

  #onIdlePhase(phase: IdlePhase, secondsLeft: number): void {
    if (phase === "attract") {
      import("./components/linli-attract-screen.js").then(
        () => {
          this.idlePhase = phase;
        },
        () => this.#watch.goOffline(),
      );
      this.#watch.reloadIfStale();
      return;
    }
    this.idlePhase = phase;
    this.idleSecondsLeft = secondsLeft;
  }

  /** The next resident starts from scratch: home, Chinese, normal mode, nothing typed. */
  #reset(): void {
    if (this.#watch.reloadIfStale()) return;
    stopSpeaking();
    this.speaking = false;
    this.speechNotice = "";
    this.lang = DEFAULT_LANG;
    this.elderly = false;
    this.#sessionId = newSessionId();
    resetHistory();
    void this.#showRoute(true);
  }

  async #readAloud(): Promise<void> {
    if (this.speaking) {
      stopSpeaking();
      this.speaking = false;
      return;
    }
    const t = translator(this.lang);
    const text =
      this.#panel?.speechText() || t("speechHome", { name: this.health?.kiosk.name ?? "" });
    const outcome = await speak(text, this.lang, () => {
      this.speaking = false;
    });
    this.speaking = outcome === "speaking";
    this.#notify(outcome === "speaking" ? t("speechSpeaking") : t("speechNoVoice"));
  }

  #notify(text: string): void {
    this.speechNotice = text;
    window.clearTimeout(this.#noticeTimer);
    this.#noticeTimer = window.setTimeout(() => {
      this.speechNotice = "";
    }, SPEECH_NOTICE_MS);
  }

  override willUpdate(): void {
    document.documentElement.lang = this.lang;
    if (this.#panel && this.health && this.catalog) this.#panel.kiosk = this.#kioskContext();
  }

  override render() {
    const t = translator(this.lang);
    const otherLang: Lang = this.lang === "en" ? "zh-CN" : "en";
    if (!this.health || !this.catalog) {
      return this.offline
        ? html`<main>${this.#offlineScreen(otherLang)}</main>`
        : html`<p class="loading" aria-busy="true">${t("loading")}</p>`;
    }
    return html`<linli-top-bar
        .kiosk=${this.#kioskContext()}
        .atHome=${this.route?.panel === "home"}
        .speaking=${this.speaking}
        .canSpeak=${speechSupported()}
        @linli-home=${() => navigate("/")}
        @linli-lang-toggle=${() => {
          stopSpeaking();
          this.speaking = false;
          this.lang = otherLang;
        }}
        @linli-elderly-toggle=${() => {
          this.elderly = !this.elderly;
        }}
        @linli-read-aloud=${() => void this.#readAloud()}
      ></linli-top-bar>
      <main>${this.offline ? this.#offlineScreen(otherLang) : (this.#panel ?? nothing)}</main>
      ${
        this.speechNotice ? html`<p class="notice" role="status">${this.speechNotice}</p>` : nothing
      }
      ${
        this.idlePhase === "warning"
          ? html`<linli-idle-warning
            .t=${t}
            .secondsLeft=${this.idleSecondsLeft}
            @click=${() => this.#idle.touch()}
          ></linli-idle-warning>`
          : nothing
      }
      ${
        this.idlePhase === "attract" && !this.offline
          ? html`<linli-attract-screen
            .kiosk=${this.#kioskContext()}
            @click=${() => this.#idle.touch()}
          ></linli-attract-screen>`
          : nothing
      }
      ${
        this.sleeping
          ? html`<linli-sleep-screen
            .t=${t}
            @linli-wake=${() => this.#sleep.tapStarted()}
            @click=${() => this.#sleep.tapEnded()}
            @pointercancel=${() => this.#sleep.tapCancelled()}
          ></linli-sleep-screen>`
          : nothing
      }`;
  }

  #offlineScreen(otherLang: Lang) {
    return html`<linli-offline-screen
      .t=${translator(this.lang)}
      .other=${translator(otherLang)}
      otherLang=${otherLang}
      .secondsLeft=${this.retryIn}
      @linli-retry-now=${() => void this.#watch.retryNow()}
    ></linli-offline-screen>`;
  }
}

customElements.define("linli-app", LinliApp);

declare global {
  interface HTMLElementTagNameMap {
    "linli-app": LinliApp;
  }
}
