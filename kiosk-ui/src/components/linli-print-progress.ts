import type { GuideJobResponse } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { printProgress } from "../data/guides.js";
import type { MessageKey, Translate } from "../i18n/i18n.js";
import "./linli-icon.js";
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
        counter-reset: step;
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
  declare job: GuideJobResponse | undefined;

  override render() {
    const { t } = this;
    const progress = printProgress(this.job);
    const message = t(progress.message);
    return html`<ol aria-label=${t("printProgressLabel")}>
        ${STEPS.map((step, index) => {
          const past = index < progress.step || progress.tone === "done";
          return html`<li
            class=${past ? "past" : ""}
            aria-current=${index === progress.step && progress.tone !== "done" ? "step" : nothing}
          >
            ${past ? html`<linli-icon name="check"></linli-icon>` : nothing}${t(step)}
          </li>`;
        })}
      </ol>
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
