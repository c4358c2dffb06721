import type { StoreHealth } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { agoText, timeText } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import { consoleStyles, statusCardStyles } from "../styles.js";

const REASONS: Readonly<Record<NonNullable<StoreHealth["reason"]>, MessageKey>> = {
  full: "storeFull",
  low_space: "storeLowSpace",
  io_error: "storeIoError",
  read_only: "storeReadOnly",
};

const MB = 1024 * 1024;

/**
 * The kiosk's store when it cannot take writes: why (a full disk, low free
 * space, a failing or read-only disk), since when, what residents can and
 * cannot do meanwhile, and what to do about it. Shown only while it is so.
 */
export class LinliOpStoreCard extends LitElement {
  static override properties = {
    store: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    now: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    statusCardStyles,
    css`
      h3 {
        color: var(--tone);
      }
      code {
        font-family: var(--op-mono);
      }
    `,
  ];

  declare store: StoreHealth;
  declare t: Translate;
  declare lang: Lang;
  declare now: number;

  override render() {
    const { t, lang, store } = this;
    if (store.writable) return nothing;
    const disk = store.reason === "io_error" || store.reason === "read_only";
    return html`<article
      class="card critical"
      role="alert"
      aria-labelledby="store-title"
      data-store-reason=${store.reason ?? ""}
    >
      <div class="head">
        <h3 id="store-title">${t("storeTitle")}</h3>
        <span class="badge critical">${t("storePaused")}</span>
      </div>
      <p><strong>${t(REASONS[store.reason ?? "full"])}</strong></p>
      <p>${t("storeRefusing")}</p>
      <dl>
        <dt>${t("storeSince")}</dt>
        <dd>${timeText(store.since, lang)} · ${agoText(t, store.since, this.now)}</dd>
        ${
          store.lastError
            ? html`<dt>${t("storeLastError")}</dt><dd><code>${store.lastError}</code></dd>`
            : nothing
        }
        ${
          store.freeBytes === null
            ? nothing
            : html`<dt>${t("storeFree")}</dt>
              <dd>${t("storeFreeValue", {
                free: Math.floor(store.freeBytes / MB),
                reserve: Math.floor(store.reserveBytes / MB),
              })}</dd>`
        }
      </dl>
      <p>${t(disk ? "storeFixDisk" : "storeFixSpace")}</p>
    </article>`;
  }
}

customElements.define("linli-op-store-card", LinliOpStoreCard);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-store-card": LinliOpStoreCard;
  }
}
