import { css, html, LitElement, type PropertyValues } from "lit";
import {
  type BarChartConfig,
  type ChartHandle,
  createChart,
  type LineChartConfig,
} from "../charts/chart-engine.js";

/**
 * A chart from the charting library, drawn on a canvas that screen readers
 * know as one image with `label` for its name; the page puts the numbers in
 * a table beside it. A new `config` redraws it.
 */
export class LinliOpChart extends LitElement {
  static override properties = {
    config: { attribute: false },
    label: {},
    height: { type: Number },
  };

  static override styles = css`
    :host {
      display: block;
    }
    .box {
      position: relative;
      inline-size: 100%;
    }
    canvas {
      display: block;
    }
  `;

  declare config: LineChartConfig | BarChartConfig | undefined;
  declare label: string;
  declare height: number;
  #chart: ChartHandle | undefined;

  constructor() {
    super();
    this.label = "";
    this.height = 280;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chart?.destroy();
    this.#chart = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after being taken out: draw again.
    if (this.hasUpdated) this.#draw();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("config") || changed.has("height")) this.#draw();
  }

  #draw(): void {
    this.#chart?.destroy();
    this.#chart = undefined;
    const canvas = this.renderRoot.querySelector("canvas");
    if (canvas && this.config) this.#chart = createChart(canvas, this.config);
  }

  override render() {
    return html`<div class="box" style="block-size: ${this.height}px">
      <canvas role="img" aria-label=${this.label}></canvas>
    </div>`;
  }
}

customElements.define("linli-op-chart", LinliOpChart);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-chart": LinliOpChart;
  }
}
