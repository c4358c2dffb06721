import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { brokerUrl, type ConnectionSettings } from "../data/connection-settings.js";
import type { Translate } from "../i18n.js";
import { fieldStyles } from "../styles.js";

export const FLEET_CONNECT = "fleet-connect";
export const FLEET_CONNECT_CANCEL = "fleet-connect-cancel";

/**
 * The broker's address and a read-only account, typed in by the operator
 * when neither the page's query nor the agent says where the fleet is.
 */
export class LinliFleetConnect extends LitElement {
  static override properties = {
    t: { attribute: false },
    initial: { attribute: false },
    cancellable: { type: Boolean },
    problem: { state: true },
  };

  static override styles = [
    sharedStyles,
    fieldStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 14px;
        max-inline-size: 640px;
        padding: 20px;
      }
      input {
        inline-size: 100%;
      }
      .actions {
        display: flex;
        gap: 10px;
      }
      .problem {
        color: var(--linli-red);
        font-weight: 600;
      }
    `,
  ];

  declare t: Translate;
  declare initial: ConnectionSettings | undefined;
  declare cancellable: boolean;
  declare problem: string;

  constructor() {
    super();
    this.initial = undefined;
    this.cancellable = false;
    this.problem = "";
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const url = brokerUrl(data.get("url"));
    if (!url) {
      this.problem = this.t("badUrl");
      return;
    }
    const username = String(data.get("username") ?? "");
    const password = String(data.get("password") ?? "");
    const detail: ConnectionSettings = {
      url,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    };
    this.dispatchEvent(new CustomEvent(FLEET_CONNECT, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const { t } = this;
    return html`<form class="card" aria-labelledby="connect-title" @submit=${this.#submit}>
      <h2 id="connect-title">${t("connectTitle")}</h2>
      <p class="muted">${t("connectHint")}</p>
      <label class="field">
        ${t("urlLabel")}
        <input
          name="url"
          type="url"
          required
          autocomplete="url"
          placeholder="wss://broker.example.cn/mqtt"
          .value=${this.initial?.url ?? ""}
        />
      </label>
      <label class="field">
        ${t("usernameLabel")}
        <input name="username" type="text" autocomplete="username" .value=${this.initial?.username ?? ""} />
      </label>
      <label class="field">
        ${t("passwordLabel")}
        <input name="password" type="password" autocomplete="current-password" />
      </label>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="btn primary">${t("connect")}</button>
        ${
          this.cancellable
            ? html`<button
              type="button"
              class="btn"
              @click=${() =>
                this.dispatchEvent(
                  new CustomEvent(FLEET_CONNECT_CANCEL, { bubbles: true, composed: true }),
                )}
            >
              ${t("cancel")}
            </button>`
            : nothing
        }
      </div>
    </form>`;
  }
}

customElements.define("linli-fleet-connect", LinliFleetConnect);

declare global {
  interface HTMLElementTagNameMap {
    "linli-fleet-connect": LinliFleetConnect;
  }
}
