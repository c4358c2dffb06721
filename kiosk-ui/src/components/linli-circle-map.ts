import type { OutletSummary } from "@linli/protocols/api";
import { css, html, LitElement, nothing, svg } from "lit";
import {
  type CircleGeometry,
  type Pace,
  ringRadiusMeters,
  toLocalMeters,
} from "../data/circle-geometry.js";
import { categoryByCode, type KioskContext, minutesFor } from "../kiosk-context.js";
import { sharedStyles } from "./shared-styles.js";

export const RING_MINUTES = [15, 10, 5] as const;

/**
 * The circle drawn from the outlets' own coordinates — no tiles, no network:
 * the kiosk in the middle, the 5/10/15-minute rings, and a dot per outlet
 * that opens it when tapped (`linli-select` with its id). The SVG's units are
 * CSS pixels, so type and touch targets are their true size.
 */
export class LinliCircleMap extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    geometry: { attribute: false },
    outlets: { attribute: false },
    focusId: { type: String },
    size: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        position: relative;
        min-block-size: 320px;
        border-radius: calc(var(--linli-radius) + 6px);
        background: #efe9df;
        overflow: hidden;
      }
      svg {
        position: absolute;
        inset: 0;
        inline-size: 100%;
        block-size: 100%;
      }
      .ring {
        fill: none;
        stroke: var(--linli-red);
        stroke-width: 2;
        stroke-dasharray: 10 8;
      }
      .ring-fill {
        fill: #ffffff;
        stroke: none;
      }
      .ring-label,
      .kiosk-label,
      .focus-label {
        fill: var(--linli-ink);
        font-size: var(--linli-small);
        font-weight: 700;
        paint-order: stroke;
        stroke: #ffffff;
        stroke-width: 6px;
        stroke-linejoin: round;
      }
      .ring-label {
        fill: var(--linli-red);
      }
      .kiosk {
        fill: var(--linli-red);
        stroke: #ffffff;
        stroke-width: 4;
      }
      .marker {
        cursor: pointer;
        outline: none;
      }
      .hit {
        fill: transparent;
      }
      .dot {
        stroke: #ffffff;
        stroke-width: 2.5;
      }
      .dot.basic {
        fill: var(--linli-red);
      }
      .dot.quality {
        fill: var(--linli-quality);
      }
      .marker:focus-visible .hit,
      .marker.focus .hit {
        fill: rgb(26 86 196 / 0.15);
        stroke: var(--linli-focus);
        stroke-width: 3;
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare geometry: CircleGeometry;
  declare outlets: readonly OutletSummary[];
  declare focusId: string;
  declare size: { width: number; height: number };
  #resize = new ResizeObserver(([entry]) => {
    if (!entry) return;
    const { width, height } = entry.contentRect;
    if (width !== this.size.width || height !== this.size.height) this.size = { width, height };
  });

  constructor() {
    super();
    this.outlets = [];
    this.focusId = "";
    this.size = { width: 0, height: 0 };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  #select(id: string): void {
    this.dispatchEvent(new CustomEvent<string>("linli-select", { detail: id }));
  }

  override render() {
    const { width, height } = this.size;
    if (width === 0 || height === 0) return nothing;
    const { t, elderly } = this.kiosk;
    const pace: Pace = elderly ? "elderly" : "normal";
    const cx = width / 2;
    const cy = height / 2;
    const outer = ringRadiusMeters(this.geometry, RING_MINUTES[0], pace);
    const scale = (Math.min(width, height) / 2 - 16) / outer;
    // Target sizes follow the mode: 44 px normally, 60 px and more in 长辈模式.
    const hit = elderly ? 32 : 24;
    const place = (outlet: OutletSummary) => {
      const { x, y } = toLocalMeters(this.geometry.kiosk, outlet);
      return { x: cx + x * scale, y: cy - y * scale };
    };
    // The nearest are drawn last, so they stay on top where dots crowd together.
    const ordered = [...this.outlets].sort((a, b) => b.distanceMeters - a.distanceMeters);
    const focused = this.outlets.find((outlet) => outlet.id === this.focusId);
    return html`<svg
      viewBox="0 0 ${width} ${height}"
      role="group"
      aria-label=${t("mapLabel")}
    >
      ${RING_MINUTES.map((minutes) => {
        const r = ringRadiusMeters(this.geometry, minutes, pace) * scale;
        return svg`<circle class="ring-fill" cx=${cx} cy=${cy} r=${r} opacity=${minutes === 15 ? 0.45 : 0.6}></circle>`;
      })}
      ${RING_MINUTES.map((minutes) => {
        const r = ringRadiusMeters(this.geometry, minutes, pace) * scale;
        return svg`<circle class="ring" data-ring=${minutes} cx=${cx} cy=${cy} r=${r}></circle>`;
      })}
      ${ordered.map((outlet) => {
        const { x, y } = place(outlet);
        const category = categoryByCode(this.kiosk, outlet.category);
        const minutes = minutesFor(this.kiosk, outlet.walkMinutes);
        const label = `${outlet.name}，${t("walkMinutes", { n: minutes })}`;
        return svg`<g
          class=${`marker ${outlet.id === this.focusId ? "focus" : ""}`}
          role="button"
          tabindex="0"
          aria-label=${label}
          data-outlet=${outlet.id}
          data-minutes=${minutes}
          transform="translate(${x.toFixed(1)} ${y.toFixed(1)})"
          @click=${() => this.#select(outlet.id)}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === "Enter" || event.key === " ") this.#select(outlet.id);
          }}
        >
          <circle class="hit" r=${hit}></circle>
          <circle class=${`dot ${category?.class ?? "basic"}`} r=${outlet.id === this.focusId ? 14 : 9}></circle>
        </g>`;
      })}
      ${RING_MINUTES.map((minutes) => {
        const r = ringRadiusMeters(this.geometry, minutes, pace) * scale;
        return svg`<text class="ring-label" aria-hidden="true" x=${cx} y=${cy - r + 28} text-anchor="middle">${t("ringLabel", { n: minutes })}</text>`;
      })}
      <g class="kiosk-mark" data-kiosk transform="translate(${cx} ${cy})" aria-hidden="true">
        <circle class="kiosk" r="16"></circle>
        <circle r="5" fill="#ffffff"></circle>
        <text class="kiosk-label" y="44" text-anchor="middle">${t("youAreHere")}</text>
      </g>
      ${
        focused
          ? svg`<text class="focus-label" aria-hidden="true" x=${place(focused).x} y=${place(focused).y - hit - 8} text-anchor="middle">${focused.name}</text>`
          : nothing
      }
    </svg>`;
  }
}

customElements.define("linli-circle-map", LinliCircleMap);

declare global {
  interface HTMLElementTagNameMap {
    "linli-circle-map": LinliCircleMap;
  }
}
