import type {
  FollowUp,
  FollowUpQuery,
  RatingOptions,
  RatingReport,
  RatingSubject,
} from "@linli/protocols/api";
import { css, html, nothing, type PropertyValues } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import type { BarChartConfig, LineChartConfig } from "../charts/chart-engine.js";
import "../components/linli-op-chart.js";
import type { FollowUpUpdateDetail, LinliOpFollowUps } from "../components/linli-op-follow-ups.js";
import "../components/linli-op-follow-ups.js";
import {
  fetchFollowUps,
  fetchRatingOptions,
  fetchRatingReport,
  updateFollowUp,
} from "../data/ratings.js";
import { addDays, percentText } from "../format.js";
import type { MessageKey } from "../i18n/i18n.js";
import { OperatorPage } from "../operator-context.js";
import { consoleStyles } from "../styles.js";
import { errorText } from "./page-errors.js";
import { byDayChart, bySubjectChart } from "./rating-charts.js";

type Range = 7 | 30;
type QueueFilter = "unresolved" | "overdue" | "resolved";

const RANGES: readonly { days: Range; key: MessageKey }[] = [
  { days: 7, key: "range7" },
  { days: 30, key: "range30" },
];
const QUEUE_FILTERS: readonly { filter: QueueFilter; key: MessageKey }[] = [
  { filter: "unresolved", key: "filterUnresolved" },
  { filter: "overdue", key: "filterOverdue" },
  { filter: "resolved", key: "filterResolved" },
];
const QUEUE_LIMIT = 200;

/**
 * Ratings (好差评): the satisfaction rate against the 90 % target, by day
 * and by subject (charts, with the numbers in tables), the levels, and the
 * follow-up queue with deadlines, overdue ones first in colour and words.
 */
export class LinliOpRatingsPage extends OperatorPage {
  static override properties = {
    ...OperatorPage.properties,
    range: { state: true },
    report: { state: true },
    error: { state: true },
    options: { state: true },
    queueFilter: { state: true },
    followUps: { state: true },
    queueError: { state: true },
    saving: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 28px;
      }
      .rate {
        font-size: 56px;
        font-weight: 800;
        line-height: 1;
        font-variant-numeric: tabular-nums;
      }
      .charts {
        display: grid;
        gap: var(--linli-gap);
      }
      @media (min-width: 1200px) {
        .charts {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
      td.below {
        color: var(--op-critical);
        font-weight: 700;
      }
    `,
  ];

  declare range: Range;
  declare report: RatingReport | undefined;
  declare error: string;
  declare options: RatingOptions | undefined;
  declare queueFilter: QueueFilter;
  declare followUps: FollowUp[] | undefined;
  declare queueError: string;
  declare saving: boolean;
  #today: string | undefined;
  #charts: { byDay: LineChartConfig; bySubject: BarChartConfig } | undefined;

  constructor() {
    super();
    this.range = 30;
    this.error = "";
    this.queueFilter = "unresolved";
    this.queueError = "";
    this.saving = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadReport();
    void this.#loadQueue();
    fetchRatingOptions().then(
      (options) => {
        this.options = options;
      },
      () => undefined,
    );
  }

  async #loadReport(): Promise<void> {
    try {
      const query = this.#today
        ? { from: addDays(this.#today, 1 - this.range), to: this.#today }
        : {};
      const report = await fetchRatingReport(query);
      this.#today ??= report.to;
      this.report = report;
      this.error = "";
    } catch (error) {
      this.error = errorText(this.op.t, error);
    }
  }

  async #loadQueue(): Promise<void> {
    const query: FollowUpQuery = { limit: QUEUE_LIMIT };
    if (this.queueFilter === "overdue") query.overdue = true;
    if (this.queueFilter === "resolved") query.state = "resolved";
    try {
      const { items } = await fetchFollowUps(query);
      this.followUps =
        this.queueFilter === "unresolved"
          ? items.filter((item) => item.state !== "resolved")
          : items;
      this.queueError = "";
    } catch (error) {
      this.queueError = errorText(this.op.t, error);
    }
  }

  async #update(detail: FollowUpUpdateDetail): Promise<void> {
    this.saving = true;
    this.queueError = "";
    try {
      await updateFollowUp(detail.id, { state: detail.state, note: detail.note });
      this.renderRoot.querySelector<LinliOpFollowUps>("linli-op-follow-ups")?.saved();
      await Promise.all([this.#loadQueue(), this.#loadReport()]);
    } catch (error) {
      this.queueError = this.op.t("actionFailed", { message: errorText(this.op.t, error) });
    } finally {
      this.saving = false;
    }
  }

  /** The charts are rebuilt (and redrawn) only when what they show changes. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const { report } = this;
    if (!report) return;
    if (changed.has("report") || changed.has("options") || changed.has("op")) {
      this.#charts = {
        byDay: byDayChart(this.op.t, report),
        bySubject: bySubjectChart(this.op.t, report, this.#subjectName),
      };
    }
  }

  #subjectName = (subject: RatingSubject): string => {
    const { t, lang } = this.op;
    const service = this.options?.services.find((entry) => entry.code === subject.id);
    if (subject.kind === "service" && service) return lang === "en" ? service.en : service.zh;
    if (subject.name) return subject.name;
    if (subject.kind === "kiosk") return t("subjectKiosk");
    return t(subject.kind === "outlet" ? "subjectOutlet" : "subjectService", {
      id: subject.id ?? "",
    });
  };

  override render() {
    const { t } = this.op;
    return html`<div class="page">
      <div class="page-head">
        <h2>${t("ratingsTitle")}</h2>
        <div class="row" role="group" aria-label=${t("rangeLabel")}>
          ${RANGES.map(
            ({ days, key }) => html`<button
              class="chip"
              aria-pressed=${this.range === days ? "true" : "false"}
              @click=${() => {
                this.range = days;
                void this.#loadReport();
              }}
            >
              ${t(key)}
            </button>`,
          )}
        </div>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.report ? this.#report(this.report) : html`<p aria-busy="true">${t("loading")}</p>`}
      ${this.#queue()}
    </div>`;
  }

  #report(report: RatingReport) {
    const { t } = this.op;
    const target = Math.round(report.target * 100);
    const verdict =
      report.meetsTarget === null
        ? { text: t("rateNone"), tone: "notice" }
        : report.meetsTarget
          ? { text: t("rateMeets"), tone: "ok" }
          : { text: t("rateBelow"), tone: "critical" };
    return html`<section class="card" aria-labelledby="rate-title">
        <h3 id="rate-title">${t("rateLabel")} · ${t("rateRange", { from: report.from, to: report.to })}</h3>
        <div class="summary">
          <p class="rate" data-rate>
            ${report.satisfactionRate === null ? t("none") : t("percent", { n: percentText(report.satisfactionRate) })}
          </p>
          <p>${t("rateTarget", { n: target })}</p>
          <p class="badge ${verdict.tone}" data-verdict=${verdict.tone}>${verdict.text}</p>
        </div>
        <p>${t("rateCounts", { counted: report.counted, satisfied: report.satisfied, misuse: report.misuse })}</p>
      </section>
      <div class="charts">
        <section class="card" aria-labelledby="by-day-title">
          <h3 id="by-day-title">${t("byDayTitle")}</h3>
          <linli-op-chart
            data-chart="by-day"
            .config=${this.#charts?.byDay}
            label=${t("byDayChart", { from: report.from, to: report.to, target })}
          ></linli-op-chart>
          <details>
            <summary>${t("showTable")}</summary>
            ${this.#dayTable(report)}
          </details>
        </section>
        <section class="card" aria-labelledby="by-subject-title">
          <h3 id="by-subject-title">${t("bySubjectTitle")}</h3>
          ${
            report.bySubject.length === 0
              ? html`<p class="empty">${t("noRatings")}</p>`
              : html`<linli-op-chart
                  data-chart="by-subject"
                  .height=${Math.max(160, 48 * report.bySubject.length + 60)}
                  .config=${this.#charts?.bySubject}
                  label=${t("bySubjectChart", { target })}
                ></linli-op-chart>
                ${this.#subjectTable(report)}`
          }
        </section>
      </div>
      <section class="card" aria-labelledby="by-score-title">
        <h3 id="by-score-title">${t("byScoreTitle")}</h3>
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">${t("colLevel")}</th><th scope="col">${t("colCount")}</th></tr>
            </thead>
            <tbody>
              ${report.byScore.map((row) => {
                const level = this.options?.levels.find((entry) => entry.score === row.score);
                const name = level ? (this.op.lang === "en" ? level.en : level.zh) : row.level;
                return html`<tr><td>${row.score} · ${name}</td><td>${row.count}</td></tr>`;
              })}
            </tbody>
          </table>
        </div>
      </section>`;
  }

  #rateCell(share: number | null, target: number) {
    const below = share !== null && share < target;
    const { t } = this.op;
    return html`<td class=${below ? "below" : ""}>
      ${share === null ? t("none") : t("percent", { n: percentText(share) })}
    </td>`;
  }

  #dayTable(report: RatingReport) {
    const { t } = this.op;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t("colDay")}</th>
            <th scope="col">${t("colCounted")}</th>
            <th scope="col">${t("colSatisfied")}</th>
            <th scope="col">${t("colRate")}</th>
          </tr>
        </thead>
        <tbody>
          ${[...report.byDay].reverse().map(
            (day) => html`<tr>
              <td>${day.day}</td>
              <td>${day.counted}</td>
              <td>${day.satisfied}</td>
              ${this.#rateCell(day.satisfactionRate, report.target)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #subjectTable(report: RatingReport) {
    const { t } = this.op;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t("colSubject")}</th>
            <th scope="col">${t("colCounted")}</th>
            <th scope="col">${t("colRate")}</th>
          </tr>
        </thead>
        <tbody>
          ${report.bySubject.map(
            (row) => html`<tr data-subject=${row.key}>
              <td>${this.#subjectName(row.subject)}</td>
              <td>${row.counted}</td>
              ${this.#rateCell(row.satisfactionRate, report.target)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #queue() {
    const { t, lang } = this.op;
    const counts = this.report?.followUps;
    return html`<section class="card" aria-labelledby="queue-title">
      <div class="row">
        <h3 id="queue-title">${t("followUpsTitle")}</h3>
        ${
          counts
            ? html`<span class="badge ${counts.overdue > 0 ? "critical" : "notice"}"
              >${t("followUpsSummary", { open: counts.open, overdue: counts.overdue })}</span
            >`
            : nothing
        }
      </div>
      <div class="row" role="group" aria-label=${t("followUpsTitle")}>
        ${QUEUE_FILTERS.map(
          ({ filter, key }) => html`<button
            class="chip"
            data-filter=${filter}
            aria-pressed=${this.queueFilter === filter ? "true" : "false"}
            @click=${() => {
              this.queueFilter = filter;
              void this.#loadQueue();
            }}
          >
            ${t(key)}
          </button>`,
        )}
      </div>
      ${this.queueError ? html`<p class="error" role="alert">${this.queueError}</p>` : nothing}
      ${
        this.followUps
          ? html`<linli-op-follow-ups
            .t=${t}
            .lang=${lang}
            .items=${this.followUps}
            .options=${this.options}
            .saving=${this.saving}
            @linli-follow-up-update=${(event: CustomEvent<FollowUpUpdateDetail>) =>
              void this.#update(event.detail)}
          ></linli-op-follow-ups>`
          : html`<p aria-busy="true">${t("loading")}</p>`
      }
    </section>`;
  }
}

customElements.define("linli-op-ratings-page", LinliOpRatingsPage);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-ratings-page": LinliOpRatingsPage;
  }
}
