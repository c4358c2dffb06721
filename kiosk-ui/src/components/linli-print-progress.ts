import type { GuideJobResponse } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { printProgress } from "../data/guides.js";
import type { MessageKey, Translate } from "../i18n/i18n.js";
import "./linli-progress-steps.js";
import { progressMessageStyles } from "./progress-message-styles.js";
import { sharedStyles } from "./shared-styles.js";

const STEPS: readonly MessageKey[] = ["printStepQueued", "printStepPrinting", "printStepDone"];

/**
 * A guide's print as the resident follows it: three steps (排队 → 打印 → 取走)
 * and, in plain words, what is happening — or what a member of staff must
 * fix ("打印机缺纸，请联系工作人员"), said as an alert.
 */
export class LinliPrintProgress extends LitElement {
  static override properties = { t: { attribute: false }, job: { attribute: false } };

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
  declare job: GuideJobResponse | undefined;

  override render() {
    const { t } = this;
    const progress = printProgress(this.job);
    const message = t(progress.message);
    return html`<linli-progress-steps
        .steps=${STEPS.map((step) => t(step))}
        .current=${progress.step}
        ?done=${progress.tone === "done"}
        label=${t("printProgressLabel")}
      ></linli-progress-steps>
      ${
        progress.tone === "problem"
          ? html`<div class="card message problem" role="alert" data-state=${this.job?.state ?? "queued"}>
            <p>${message}</p>
            ${progress.resumes ? html`<p class="hint">${t("printResumes")}</p>` : nothing}
          </div>`
          : html`<div
            class="card message ${progress.tone}"
            role="status"
            data-state=${this.job?.state ?? "queued"}
          >
            ${
              progress.tone === "working"
                ? html`<p class="working"><span class="spinner" aria-hidden="true"></span>${message}</p>`
                : html`<p>${message}</p>`
            }
          </div>`
      }`;
  }
}

customElements.define("linli-print-progress", LinliPrintProgress);

declare global {
  interface HTMLElementTagNameMap {
    "linli-print-progress": LinliPrintProgress;
  }
}
