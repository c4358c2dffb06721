import type { OperatorUplinkResponse } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { agoText, timeText } from "../format.js";
import type { Lang, Translate } from "../i18n/i18n.js";
import { consoleStyles, statusCardStyles } from "../styles.js";

/**
 * The uplink as the operator needs it: connected or not, to which broker
 * (never with credentials), since when and why it was lost; what waits in the
 * outbox, how old the oldest event is, and what a full outbox dropped.
 */
export class LinliOpUplinkCard extends LitElement {
  static override properties = {
    uplink: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    now: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    statusCardStyles,
    css`
      .url {
        font-family: var(--op-mono);
      }
    `,
  ];

  declare uplink: OperatorUplinkResponse;
  declare t: Translate;
  declare lang: Lang;
  declare now: number;

  override render() {
    const { t, lang, uplink } = this;
    const tone = !uplink.enabled ? "warning" : uplink.connected ? "ok" : "critical";
    const { outbox } = uplink;
    return html`<article
      class="card ${tone}"
      aria-labelledby="uplink-title"
      data-connected=${uplink.connected ? "true" : "false"}
    >
      <div class="head">
        <h3 id="uplink-title">${t("uplinkTitle")}</h3>
        <span class="badge ${tone}">
          ${uplink.connected ? t("uplinkConnected") : t("uplinkDisconnected")}
        </span>
      </div>
      ${uplink.enabled ? nothing : html`<p>${t("uplinkOff")}</p>`}
      <dl>
        ${
          uplink.brokerUrl
            ? html`<dt>${t("uplinkBroker")}</dt>
              <dd>
                <span class="url" data-broker>${uplink.brokerUrl}</span>
                ${uplink.embedded ? html`<span class="muted">${t("uplinkEmbedded")}</span>` : nothing}
              </dd>`
            : nothing
        }
        ${
          uplink.since
            ? html`<dt>${t("uplinkSince")}</dt>
              <dd>${timeText(uplink.since, lang)} · ${agoText(t, uplink.since, this.now)}</dd>`
            : nothing
        }
        ${
          uplink.lastError
            ? html`<dt>${t("uplinkLastError")}</dt>
              <dd class="error">${uplink.lastError.message}</dd>`
            : nothing
        }
        <dt>${t("outboxDepth")}</dt>
        <dd data-outbox-depth=${outbox.depth}>
          ${
            outbox.depth === 0
              ? t("outboxEmpty")
              : html`${t("outboxDepthValue", { n: outbox.depth })} ·
                ${t("outboxByPriority", { ...outbox.byPriority })}`
          }
        </dd>
        ${
          outbox.oldestAt
            ? html`<dt>${t("outboxOldest")}</dt>
              <dd>${agoText(t, outbox.oldestAt, this.now)}</dd>`
            : nothing
        }
        ${
          outbox.dropped.telemetry + outbox.dropped.normal > 0
            ? html`<dt>${t("outboxDropped")}</dt>
              <dd>${t("outboxDroppedValue", { ...outbox.dropped })}</dd>`
            : nothing
        }
      </dl>
    </article>`;
  }
}

customElements.define("linli-op-uplink-card", LinliOpUplinkCard);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-uplink-card": LinliOpUplinkCard;
  }
}
