import type { RatingReport, RatingSubject } from "@linli/protocols/api";
import type { BarChartConfig, LineChartConfig } from "../charts/chart-engine.js";
import type { Translate } from "../i18n/i18n.js";

/** The ratings page's two charts, as charting-library configurations built from the report. */

const RATE_COLOR = "#1f4e79";
const TARGET_COLOR = "#a4262c";
const MEETS_COLOR = "#1d6b38";
const BELOW_COLOR = "#a4262c";

const percentAxis = {
  min: 0,
  max: 100,
  ticks: { callback: (value: number | string) => `${value} %` },
};

const asPercent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function byDayChart(t: Translate, report: RatingReport): LineChartConfig {
  const target = report.target * 100;
  return {
    type: "line",
    data: {
      labels: report.byDay.map((day) => day.day.slice(5)),
      datasets: [
        {
          label: t("seriesRate"),
          data: report.byDay.map((day) => asPercent(day.satisfactionRate)),
          borderColor: RATE_COLOR,
          backgroundColor: RATE_COLOR,
          pointRadius: 4,
          spanGaps: true,
        },
        {
          label: t("seriesTarget"),
          data: report.byDay.map(() => target),
          borderColor: TARGET_COLOR,
          backgroundColor: TARGET_COLOR,
          borderDash: [8, 6],
          pointRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: percentAxis },
      plugins: { legend: { display: true, position: "top" } },
    },
  };
}

export function bySubjectChart(
  t: Translate,
  report: RatingReport,
  nameOf: (subject: RatingSubject) => string,
): BarChartConfig {
  const rows = report.bySubject;
  return {
    type: "bar",
    data: {
      labels: rows.map((row) => nameOf(row.subject)),
      datasets: [
        {
          label: t("seriesRate"),
          data: rows.map((row) => asPercent(row.satisfactionRate)),
          backgroundColor: rows.map((row) =>
            row.satisfactionRate !== null && row.satisfactionRate >= report.target
              ? MEETS_COLOR
              : BELOW_COLOR,
          ),
          borderColor: RATE_COLOR,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: "y",
      scales: { x: percentAxis },
      plugins: { legend: { display: false } },
    },
  };
}
