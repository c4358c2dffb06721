/**
 * The console's charting library (Chart.js), behind one seam: only the parts
 * the ratings page draws are registered, so the console's chunk stays small.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export type LineChartConfig = ChartConfiguration<"line", (number | null)[], string>;
export type BarChartConfig = ChartConfiguration<"bar", (number | null)[], string>;

export interface ChartHandle {
  destroy(): void;
}

export const createChart = (
  canvas: HTMLCanvasElement,
  config: LineChartConfig | BarChartConfig,
): ChartHandle => new Chart(canvas, config as ChartConfiguration);
