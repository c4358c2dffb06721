import type { VendingOrder } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { vendProgress, yuan } from "../data/vending.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import "./linli-progress-steps.js";
import { progressMessageStyles } from "./progress-message-styles.js";
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
    progressMessageStyles,
    css`
      :host {
        display: grid;
        gap: var(--linli-gap);
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
        ? html`<linli-progress-steps
            .steps=${STEPS.map((step) => t(step))}
            .current=${progress.step}
            ?done=${progress.tone === "done"}
            label=${t("vendProgressLabel")}
          ></linli-progress-steps>`
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
