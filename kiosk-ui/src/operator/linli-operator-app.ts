import type { HealthResponse } from "@linli/protocols/api";
import { html, LitElement, nothing } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { theme } from "../components/theme.js";
import { AgentUnreachableError, SESSION_EXPIRED, sessionEvents } from "./data/client.js";
import { consoleTouches } from "./data/display.js";
import { LIVE_STATUS, LiveFeed, type LiveStatus } from "./data/live.js";
import { currentSession, fetchHealth, logout } from "./data/session.js";
import { DEFAULT_LANG, type Lang, type MessageKey, translator } from "./i18n/i18n.js";
import type { OperatorContext, OperatorPage } from "./operator-context.js";
import { PAGES } from "./pages.js";
import {
  goTo,
  OPERATOR_LOCATION_CHANGED,
  PAGE_NAMES,
  type PageName,
  pageOf,
  pathOf,
} from "./router.js";
import { shellStyles } from "./shell-styles.js";
import { consoleScale } from "./styles.js";
import "./components/linli-op-login.js";

type Phase = "loading" | "login" | "console" | "unreachable";

const LANG_KEY = "linli.operator.lang";
/**
 * A console left alone logs itself out: its pages refresh on live events,
 * which would otherwise keep the agent's idle timeout from ever ending it.
 */
const IDLE_LOGOUT_MS = 10 * 60_000;
const IDLE_CHECK_MS = 15_000;

const LIVE_TEXT: Record<LiveStatus, MessageKey> = {
  connecting: "liveConnecting",
  live: "liveOn",
  reconnecting: "liveReconnecting",
};

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_KEY) === "en" ? "en" : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/**
 * The operator console's shell: the PIN screen until there is a session,
 * then the top bar (kiosk, live state, language, log out), the page tabs and
 * the current page, each page loaded when first shown. A 401 from any call
 * ends the session here and brings the PIN screen back.
 */
export class LinliOperatorApp extends LitElement {
  static override properties = {
    phase: { state: true },
    health: { state: true },
    lang: { state: true },
    page: { state: true },
    liveStatus: { state: true },
    notice: { state: true },
    pageFailed: { state: true },
  };

  static override styles = [theme, consoleScale, sharedStyles, shellStyles];

  declare phase: Phase;
  declare health: HealthResponse | undefined;
  declare lang: Lang;
  declare page: PageName;
  declare liveStatus: LiveStatus;
  declare notice: string;
  /** A page's code could not be loaded (the agent restarted into a newer build). */
  declare pageFailed: boolean;

  readonly #live = new LiveFeed();
  #element: OperatorPage | undefined;
  #context: OperatorContext | undefined;
  #routeToken = 0;
  #lastActivity = Date.now();
  readonly #touches = consoleTouches();
  #idleTimer: number | undefined;

  constructor() {
    super();
    this.phase = "loading";
    this.lang = storedLang();
    this.page = pageOf(window.location.pathname);
    this.liveStatus = "connecting";
    this.notice = "";
    this.pageFailed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("popstate", this.#onLocation);
    window.addEventListener(OPERATOR_LOCATION_CHANGED, this.#onLocation);
    sessionEvents.addEventListener(SESSION_EXPIRED, this.#onExpired);
    this.#live.addEventListener(LIVE_STATUS, this.#onLiveStatus);
    window.addEventListener("pointerdown", this.#onActivity, { capture: true });
    window.addEventListener("keydown", this.#onActivity, { capture: true });
    this.#idleTimer = window.setInterval(() => this.#checkIdle(), IDLE_CHECK_MS);
    void this.#boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("popstate", this.#onLocation);
    window.removeEventListener(OPERATOR_LOCATION_CHANGED, this.#onLocation);
    sessionEvents.removeEventListener(SESSION_EXPIRED, this.#onExpired);
    this.#live.removeEventListener(LIVE_STATUS, this.#onLiveStatus);
    window.removeEventListener("pointerdown", this.#onActivity, { capture: true });
    window.removeEventListener("keydown", this.#onActivity, { capture: true });
    window.clearInterval(this.#idleTimer);
    this.#live.stop();
  }

  readonly #onActivity = (): void => {
    this.#lastActivity = Date.now();
    this.#touches.activity();
  };

  #checkIdle(): void {
    if (this.phase === "console" && Date.now() - this.#lastActivity > IDLE_LOGOUT_MS) {
      void this.#logout("idleLoggedOut");
    }
  }

  async #boot(): Promise<void> {
    this.phase = "loading";
    try {
      const [health, session] = await Promise.all([fetchHealth(), currentSession()]);
      this.health = health;
      if (session) await this.#enter();
      else this.phase = "login";
    } catch (error) {
      this.phase = error instanceof AgentUnreachableError ? "unreachable" : "login";
    }
  }

  async #enter(): Promise<void> {
    this.notice = "";
    this.#lastActivity = Date.now();
    this.#live.start();
    this.phase = "console";
    await this.#showPage(pageOf(window.location.pathname));
  }

  #leave(notice: MessageKey): void {
    this.#live.stop();
    this.#element = undefined;
    this.#routeToken += 1;
    this.notice = translator(this.lang)(notice);
    this.phase = "login";
  }

  readonly #onExpired = (): void => {
    if (this.phase === "console") this.#leave("sessionEnded");
  };

  readonly #onLiveStatus = (event: Event): void => {
    this.liveStatus = (event as CustomEvent<LiveStatus>).detail;
  };

  readonly #onLocation = (): void => {
    if (this.phase === "console") void this.#showPage(pageOf(window.location.pathname));
  };

  async #showPage(page: PageName): Promise<void> {
    const token = ++this.#routeToken;
    const entry = PAGES[page];
    try {
      await entry.load();
    } catch {
      if (token === this.#routeToken) this.pageFailed = true;
      return;
    }
    if (token !== this.#routeToken) return;
    this.pageFailed = false;
    if (window.location.pathname !== pathOf(page)) history.replaceState(null, "", pathOf(page));
    if (this.#element?.localName !== entry.tag) {
      this.#element = document.createElement(entry.tag) as OperatorPage;
    }
    this.#element.op = this.#operatorContext();
    this.page = page;
    this.requestUpdate();
    document.title = `${translator(this.lang)(entry.title)} · ${translator(this.lang)("appTitle")}`;
  }

  #operatorContext(): OperatorContext {
    const context = this.#context;
    if (context && context.lang === this.lang && context.health === this.health) return context;
    this.#context = {
      lang: this.lang,
      t: translator(this.lang),
      health: this.health!,
      live: this.#live,
    };
    return this.#context;
  }

  async #logout(notice: MessageKey = "loggedOut"): Promise<void> {
    try {
      await logout();
    } catch {
      // The session ends on the agent or it has already ended: the screen goes back either way.
    }
    this.#leave(notice);
  }

  #toggleLang(): void {
    this.lang = this.lang === "en" ? "zh-CN" : "en";
    try {
      window.localStorage.setItem(LANG_KEY, this.lang);
    } catch {
      // A browser without storage keeps the choice for this page only.
    }
  }

  override willUpdate(): void {
    document.documentElement.lang = this.lang;
    if (this.#element && this.health) this.#element.op = this.#operatorContext();
  }

  override render() {
    const t = translator(this.lang);
    const health = this.health;
    return html`<header>
        <div class="title">
          <h1>${t("appTitle")}</h1>
          ${
            health
              ? html`<p class="kiosk">
                ${health.kiosk.name} · ${health.kiosk.id}${
                  health.demo ? html`<span class="demo">${t("demoBadge")}</span>` : nothing
                }
              </p>`
              : nothing
          }
        </div>
        ${
          this.phase === "console"
            ? html`<span class="live" role="status" data-status=${this.liveStatus}
              >${t(LIVE_TEXT[this.liveStatus])}</span
            >`
            : nothing
        }
        <button class="btn" lang=${this.lang === "en" ? "zh-CN" : "en"} @click=${() => this.#toggleLang()}>
          ${t("switchLanguage")}
        </button>
        ${
          this.phase === "console"
            ? html`<button class="btn" @click=${() => void this.#logout()}>${t("logout")}</button>`
            : nothing
        }
      </header>
      ${this.phase === "console" ? this.#nav() : nothing}
      <main>${this.#body()}</main>`;
  }

  #nav() {
    const t = translator(this.lang);
    return html`<nav aria-label=${t("navLabel")}>
      ${PAGE_NAMES.map(
        (page) =>
          html`<a
            href=${pathOf(page)}
            aria-current=${this.page === page ? "page" : "false"}
            @click=${(event: MouseEvent) => {
              if (event.ctrlKey || event.metaKey || event.shiftKey) return;
              event.preventDefault();
              goTo(page);
            }}
            >${t(PAGES[page].title)}</a
          >`,
      )}
    </nav>`;
  }

  #body() {
    const t = translator(this.lang);
    switch (this.phase) {
      case "loading":
        return html`<p class="status" aria-busy="true">${t("loading")}</p>`;
      case "unreachable":
        return html`<div class="status" role="alert">
          <p>${t("unreachable")}</p>
          <button class="btn primary" @click=${() => void this.#boot()}>${t("retry")}</button>
        </div>`;
      case "login":
        return html`<linli-op-login
          .t=${t}
          .kioskName=${this.health?.kiosk.name ?? ""}
          .notice=${this.notice}
          @linli-logged-in=${() => void this.#enter()}
        ></linli-op-login>`;
      case "console":
        if (this.pageFailed) {
          return html`<div class="status" role="alert">
            <p>${t("pageFailed")}</p>
            <button class="btn primary" @click=${() => window.location.reload()}>${t("reload")}</button>
          </div>`;
        }
        return this.#element ?? html`<p class="status" aria-busy="true">${t("loading")}</p>`;
    }
  }
}

customElements.define("linli-operator-app", LinliOperatorApp);

declare global {
  interface HTMLElementTagNameMap {
    "linli-operator-app": LinliOperatorApp;
  }
}
