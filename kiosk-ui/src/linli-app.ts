import type { HealthResponse } from "@linli/protocols/api";
import { css, html, LitElement } from "lit";
import { fetchHealth } from "./data/api.js";

const RETRY_MS = 5_000;

/** The app shell: shows the circle's home once the agent answers, a friendly offline screen until then. */
export class LinliApp extends LitElement {
  static override properties = { health: { state: true }, offline: { state: true } };

  static override styles = css`
    :host { display: block; min-height: 100vh; }
    header { background: #a4262c; color: #fff; padding: 24px 32px; }
    h1 { margin: 0; font-size: 40px; }
    p { font-size: 24px; margin: 16px 32px; }
    .offline { padding: 64px 32px; text-align: center; }
    .offline h1 { color: #a4262c; }
  `;

  declare health: HealthResponse | undefined;
  declare offline: boolean;
  #timer: number | undefined;

  constructor() {
    super();
    this.health = undefined;
    this.offline = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.#timer);
  }

  async #refresh(): Promise<void> {
    try {
      this.health = await fetchHealth();
      this.offline = false;
    } catch {
      this.offline = true;
      this.#timer = window.setTimeout(() => void this.#refresh(), RETRY_MS);
    }
  }

  override render() {
    if (this.offline) {
      return html`<section class="offline" role="alert">
        <h1>暂时无法连接</h1>
        <p>自助服务终端正在重新连接，请稍候。The kiosk is reconnecting, please wait.</p>
      </section>`;
    }
    if (!this.health) return html`<p aria-busy="true">正在加载…</p>`;
    return html`<header><h1>${this.health.kiosk.name}</h1></header>
      <main><p>一刻钟便民生活圈 · 欢迎使用邻里自助服务</p></main>`;
  }
}

customElements.define("linli-app", LinliApp);

declare global {
  interface HTMLElementTagNameMap {
    "linli-app": LinliApp;
  }
}
