import type { VendingOrder } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { vendProgress, yuan } from "../data/vending.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

const STEPS: readonly MessageKey[] = ["vendStepPaid", "vendStepVending", "vendStepTake"];

/**
 * A paid order as the resident follows it: three steps (已付款 → 正在出货 →
 * 请取走商品) and what is happening in plain words — or, when the vend failed,
 * the refund said as an alert (no steps: nothing is being dispensed); when
 * the order closed unpaid, why.
 */
export class LinliVendProgress extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    order: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
      }
      ol {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 12px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 10px;
        min-block-size: var(--linli-target);
        padding: 8px 12px;
        border: 2px solid var(--linli-line);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
        color: var(--linli-muted);
        font-size: var(--linli-action);
        font-weight: 600;
        text-align: center;
      }
      li.past {
        color: var(--linli-green);
        border-color: var(--linli-green);
      }
      li[aria-current="step"] {
        background: var(--linli-red);
        border-color: var(--linli-red);
        color: var(--linli-on-red);
      }
      .message {
        display: grid;
        gap: 12px;
        padding: 28px 32px;
        font-size: var(--linli-title);
        font-weight: 700;
        line-height: 1.3;
      }
      .message.problem {
        border: 4px solid var(--linli-red);
        background: var(--linli-red-soft);
        color: var(--linli-ink);
      }
      .message.done {
        border: 4px solid var(--linli-green);
        background: var(--linli-green-soft);
      }
      .message .hint {
        font-size: var(--linli-body);
        font-weight: 400;
      }
      .working {
        display: flex;
        align-items: center;
        gap: 20px;
      }
      .spinner {
        inline-size: 1.2em;
        block-size: 1.2em;
        flex: none;
        border: 5px solid var(--linli-line);
        border-block-start-color: var(--linli-red);
        border-radius: 50%;
        animation: spin 1.1s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(1turn);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation: none;
        }
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare order: VendingOrder;

  /**
   * What to say: a refund still on its way in the agent's own words where
   * they are the resident's language ("出货没有成功，正在退款 ¥3.00，将原路退回"),
   * everything else from the kiosk's dictionary.
   */
  #message(message: MessageKey): string {
    const { order } = this;
    const pendingRefund = order.state === "vend_failed" || order.state === "refunding";
    if (pendingRefund && this.lang !== "en" && order.outcome.message) return order.outcome.message;
    return this.t(message, { amount: yuan(order.amountFen) });
  }

  override render() {
    const { t, order } = this;
    const progress = vendProgress(order.state);
    const message = this.#message(progress.message);
    const steps =
      progress.screen === "progress"
        ? html`<ol aria-label=${t("vendProgressLabel")}>
            ${STEPS.map((step, index) => {
              const past = index < progress.step || progress.tone === "done";
              const current = index === progress.step && progress.tone !== "done";
              return html`<li class=${past ? "past" : ""} aria-current=${current ? "step" : nothing}>
                ${past ? html`<linli-icon name="check"></linli-icon>` : nothing}${t(step)}
              </li>`;
            })}
          </ol>`
        : nothing;
    if (progress.tone === "problem") {
      return html`${steps}
        <div class="card message problem" role="alert" data-state=${order.state}>
          <p>${message}</p>
          ${progress.screen === "refund" ? html`<p class="hint">${t("vendRefundHint")}</p>` : nothing}
        </div>`;
    }
    return html`${steps}
      <div class="card message ${progress.tone}" role="status" data-state=${order.state}>
        ${
          progress.tone === "working"
            ? html`<p class="working"><span class="spinner" aria-hidden="true"></span>${message}</p>`
            : html`<p>${message}</p>`
        }
      </div>`;
  }
}

customElements.define("linli-vend-progress", LinliVendProgress);

declare global {
  interface HTMLElementTagNameMap {
    "linli-vend-progress": LinliVendProgress;
  }
}
