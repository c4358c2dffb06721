import type { CoverageResponse } from "@linli/protocols/api";
import { css, html, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import {
  type CoverageReport,
  fetchCategories,
  fetchCoverageReport,
  printCoverageReport,
} from "../data/coverage.js";
import { onLiveMessage } from "../data/live.js";
import { dateTimeText, percentText } from "../format.js";
import type { MessageKey } from "../i18n/i18n.js";
import { jobStateText, jobTone } from "../labels.js";
import { OperatorPage } from "../operator-context.js";
import { consoleStyles } from "../styles.js";
import { errorText } from "./page-errors.js";

type CircleClass = NonNullable<CoverageResponse["circleClass"]>;
type CategoryCoverage = CoverageResponse["categories"][number];

const CLASS_TEXT: Record<CircleClass, MessageKey> = {
  基础型: "classBasicName",
  提升型: "classImprovedName",
  品质型: "classQualityName",
};

interface PrintLine {
  jobId: string;
  printerId: string;
  state: string;
  detail?: string;
}

/**
 * Coverage ("有没有"): the circle's class and why, the basic share, the gap
 * list first (缺什么补什么), then every category with its nearest outlet and
 * walk. Printed on the kiosk's receipt printer for a community meeting, or
 * from a laptop's browser (the print styles drop the console around it).
 */
export class LinliOpCoveragePage extends OperatorPage {
  static override properties = {
    ...OperatorPage.properties,
    report: { state: true },
    error: { state: true },
    englishNames: { state: true },
    printing: { state: true },
    printLine: { state: true },
    printError: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      .class-name {
        font-size: var(--linli-display);
        font-weight: 700;
      }
      ul.plain {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 6px;
      }
      ul.gaps li {
        padding: 8px 12px;
        border-inline-start: 6px solid var(--op-critical);
        background: var(--op-critical-soft);
        border-radius: var(--linli-radius);
      }
      tr.gap td,
      tr.gap th {
        background: var(--op-critical-soft);
      }
      .job {
        padding: 8px 12px;
        border-inline-start: 6px solid var(--tone);
        background: var(--tone-soft);
        border-radius: var(--linli-radius);
      }
      details.card {
        padding: 4px 20px 12px;
      }
      pre {
        margin: 0;
        padding: 12px;
        overflow-x: auto;
        font-family: var(--op-mono);
        font-size: 16px;
        background: #ffffff;
        border: 1px solid var(--linli-line);
      }
      @media print {
        :host {
          color: #000000;
          background: #ffffff;
        }
        .page {
          padding: 0;
          max-inline-size: none;
        }
        .no-print {
          display: none !important;
        }
        section.card,
        .card {
          box-shadow: none;
          border: 1px solid #000000;
          background: #ffffff;
          color: #000000;
          break-inside: avoid;
        }
        ul.gaps li,
        tr.gap td,
        tr.gap th,
        .badge {
          background: #ffffff !important;
          color: #000000 !important;
          border-color: #000000 !important;
        }
        th,
        td,
        .muted {
          color: #000000;
          border-color: #000000;
        }
        .table-wrap {
          overflow: visible;
        }
      }
    `,
  ];

  declare report: CoverageReport | undefined;
  declare error: string;
  declare englishNames: ReadonlyMap<string, string>;
  declare printing: boolean;
  declare printLine: PrintLine | undefined;
  declare printError: string;

  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.error = "";
    this.englishNames = new Map();
    this.printing = false;
    this.printError = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    this.#unsubscribe = onLiveMessage(this.op.live, (message) => {
      if (message.type !== "job.state" || message.jobId !== this.printLine?.jobId) return;
      const line: PrintLine = { ...this.printLine, state: message.state };
      if (message.detail !== undefined) line.detail = message.detail;
      this.printLine = line;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async #load(): Promise<void> {
    try {
      this.report = await fetchCoverageReport();
      this.error = "";
    } catch (error) {
      this.error = errorText(this.op.t, error);
    }
    try {
      const { categories } = await fetchCategories();
      this.englishNames = new Map(categories.map((category) => [category.code, category.en]));
    } catch {
      // Without the catalog the categories keep their Chinese names.
    }
  }

  async #print(): Promise<void> {
    const { t } = this.op;
    this.printing = true;
    this.printError = "";
    try {
      const { jobId, printerId } = await printCoverageReport();
      // The job may have moved on before the answer came: take the state already heard.
      this.printLine = { jobId, printerId, state: "queued", ...this.op.live.jobState(jobId) };
    } catch (error) {
      this.printError = t("actionFailed", { message: errorText(t, error) });
    } finally {
      this.printing = false;
    }
  }

  #name(category: CategoryCoverage): string {
    return this.op.lang === "en"
      ? (this.englishNames.get(category.code) ?? category.zh)
      : category.zh;
  }

  override render() {
    const { t, lang } = this.op;
    const coverage = this.report?.coverage;
    return html`<div class="page">
      <div class="page-head">
        <h2>${t("coverageTitle")}</h2>
        ${coverage ? html`<p>${t("coverageGenerated", { time: dateTimeText(coverage.generatedAt, lang) })}</p>` : nothing}
        <div class="row no-print">
          <button class="btn primary" ?disabled=${this.printing || !coverage} @click=${() => void this.#print()}>
            ${t("printOnKiosk")}
          </button>
          <button class="btn" ?disabled=${!coverage} @click=${() => window.print()}>${t("printInBrowser")}</button>
          <button class="btn" @click=${() => void this.#load()}>${t("refresh")}</button>
        </div>
      </div>
      ${this.#printStatus()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${coverage ? this.#report(coverage) : this.error ? nothing : html`<p aria-busy="true">${t("loading")}</p>`}
    </div>`;
  }

  #printStatus() {
    const { t } = this.op;
    const line = this.printLine;
    return html`<div class="no-print" role="status" aria-live="polite">
      ${this.printError ? html`<p class="error">${this.printError}</p>` : nothing}
      ${
        line
          ? html`<p class="job ${jobTone(line.state)}" data-job=${line.jobId} data-state=${line.state}>
            ${t("printSent", { printer: line.printerId, state: jobStateText(t, line.state) })}
            ${line.detail ? html`· ${line.detail}` : nothing}
          </p>`
          : nothing
      }
    </div>`;
  }

  #report(coverage: CoverageResponse) {
    const { t } = this.op;
    return html`<section class="card" aria-labelledby="class-title">
        <h3 id="class-title">${t("circleClassLabel")}</h3>
        <p class="class-name" data-class=${coverage.circleClass ?? "none"}>
          ${coverage.circleClass ? t(CLASS_TEXT[coverage.circleClass]) : t("classNone")}
        </p>
        <p><strong>${t("classWhy")}</strong>${coverage.explanation}</p>
        <ul class="plain">
          ${coverage.rules.map(
            (rule) => html`<li>
              ${
                rule.met
                  ? t("ruleMet", { class: t(CLASS_TEXT[rule.class]) })
                  : t("ruleShortfalls", {
                      class: t(CLASS_TEXT[rule.class]),
                      list: rule.shortfalls.join(t("listSeparator")),
                    })
              }
            </li>`,
          )}
        </ul>
        <p data-basic-share>
          ${t("basicShare", {
            covered: coverage.basic.covered,
            total: coverage.basic.total,
            pct: percentText(coverage.basic.share),
          })}
        </p>
        <p>${t("qualityShare", { covered: coverage.quality.covered, total: coverage.quality.total })}</p>
      </section>
      ${this.#gaps(coverage)} ${this.#categories(coverage)} ${this.#preview()}`;
  }

  #gaps(coverage: CoverageResponse) {
    const { t } = this.op;
    return html`<section class="card" aria-labelledby="gaps-title">
      <h3 id="gaps-title">${t("gapsTitle", { n: coverage.gaps.length })}</h3>
      ${
        coverage.gaps.length === 0
          ? html`<p class="empty">${t("noGaps")}</p>`
          : html`<ul class="plain gaps">
            ${coverage.gaps.map(
              (gap) => html`<li data-gap=${gap.code}>
                <strong>${t("gapLine", { name: this.#name(gap), radius: gap.radiusMinutes })}</strong>
                <br />
                <span>
                  ${
                    gap.nearest
                      ? t("gapNearest", {
                          name: gap.nearest.name,
                          minutes: Math.round(gap.nearest.walkMinutes.normal),
                        })
                      : t("gapNone")
                  }
                </span>
              </li>`,
            )}
          </ul>`
      }
    </section>`;
  }

  #categories(coverage: CoverageResponse) {
    const { t } = this.op;
    return html`<section class="card" aria-labelledby="categories-title">
      <h3 id="categories-title">${t("categoriesTitle")}</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t("colCategory")}</th>
              <th scope="col">${t("colCategoryClass")}</th>
              <th scope="col">${t("colRadius")}</th>
              <th scope="col">${t("colCovered")}</th>
              <th scope="col">${t("colNearest")}</th>
              <th scope="col">${t("colWalk")}</th>
              <th scope="col">${t("colWithin")}</th>
            </tr>
          </thead>
          <tbody>
            ${coverage.categories.map(
              (category) => html`<tr
                class=${category.covered ? "" : "gap"}
                data-category=${category.code}
                data-covered=${category.covered ? "true" : "false"}
              >
                <th scope="row">${this.#name(category)}</th>
                <td>${t(category.class === "basic" ? "categoryBasic" : "categoryQuality")}</td>
                <td>${t("withinMinutes", { n: category.radiusMinutes })}</td>
                <td>
                  <span class="badge ${category.covered ? "ok" : "critical"}">
                    ${t(category.covered ? "coveredYes" : "coveredNo")}
                  </span>
                </td>
                <td>${category.nearest?.name ?? t("none")}</td>
                <td>
                  ${
                    category.nearest
                      ? t("walkMinutes", { n: Math.round(category.nearest.walkMinutes.normal) })
                      : t("none")
                  }
                </td>
                <td>${category.withinRadius}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #preview() {
    const report = this.report;
    if (!report) return nothing;
    return html`<details class="card no-print">
      <summary>${this.op.t("previewTitle", { n: report.columns })}</summary>
      <pre lang="zh-CN">${report.text}</pre>
    </details>`;
  }
}

customElements.define("linli-op-coverage-page", LinliOpCoveragePage);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-coverage-page": LinliOpCoveragePage;
  }
}
