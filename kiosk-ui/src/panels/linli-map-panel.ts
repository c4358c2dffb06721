import { css, html, nothing, type PropertyValues } from "lit";
import "../components/linli-category-chips.js";
import "../components/linli-circle-map.js";
import "../components/linli-icon.js";
import "../components/linli-outlet-card.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError } from "../data/api.js";
import { type Circle, loadCircle } from "../data/circle.js";
import { openStateText } from "../i18n/format.js";
import { minutesFor } from "../kiosk-context.js";
import { goBack, navigate, replaceParams } from "../router.js";
import { KioskPanel } from "./kiosk-panel.js";

const NEAREST = { normal: 5, elderly: 3 } as const;
const MAP_MINUTES = 15;

/**
 * The offline map of the circle with its walking rings, narrowed by category;
 * a tap on a dot opens the outlet. Beside it, the nearest few as a list, for
 * anyone who would rather not aim at dots.
 */
export class LinliMapPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    circle: { state: true },
    failed: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        align-content: start;
        gap: var(--linli-gap);
        padding: var(--linli-page);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 20px;
      }
      .body {
        display: grid;
        gap: var(--linli-gap);
      }
      linli-circle-map {
        aspect-ratio: 1;
        inline-size: 100%;
      }
      aside {
        display: grid;
        align-content: start;
        gap: 14px;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: var(--linli-small);
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .swatch {
        inline-size: 22px;
        block-size: 22px;
        border-radius: 50%;
        border: 2px solid #ffffff;
        box-shadow: 0 0 0 1px var(--linli-line);
      }
      ol {
        display: grid;
        gap: 12px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      @media (orientation: landscape) {
        .body {
          grid-template-columns: auto minmax(420px, 1fr);
        }
        linli-circle-map {
          inline-size: auto;
          block-size: calc(100vh - 360px);
          min-block-size: 520px;
        }
      }
    `,
  ];

  declare circle: Circle | undefined;
  declare failed: boolean;

  constructor() {
    super();
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    this.failed = false;
    try {
      this.circle = await loadCircle();
    } catch (error) {
      this.failed = !(error instanceof AgentUnreachableError);
    }
  }

  override willUpdate(_changed: PropertyValues<this>): void {
    this.toggleAttribute("elderly", this.kiosk.elderly);
  }

  get #category(): string {
    return this.route.params.get("category") ?? "";
  }

  /** What the map shows: the chosen category, within 15 minutes at this resident's pace. */
  get #shown() {
    const category = this.#category;
    return (this.circle?.outlets ?? [])
      .filter((outlet) => !category || outlet.category === category)
      .filter((outlet) => minutesFor(this.kiosk, outlet.walkMinutes) <= MAP_MINUTES);
  }

  speechText(): string {
    const { t } = this.kiosk;
    const shown = this.#shown;
    const lines = shown.slice(0, 3).map((outlet) =>
      t("speechOutletLine", {
        name: outlet.name,
        walk: t("walkMinutes", { n: minutesFor(this.kiosk, outlet.walkMinutes) }),
        open: openStateText(t, outlet).label,
      }),
    );
    return [t("speechMap", { count: t("mapCount", { n: shown.length }) }), ...lines].join(" ");
  }

  override render() {
    const { t, elderly } = this.kiosk;
    const shown = this.#shown;
    const nearest = [...shown]
      .sort((a, b) => a.distanceMeters - b.distanceMeters)
      .slice(0, NEAREST[elderly ? "elderly" : "normal"]);
    return html`<div class="head">
        <button class="btn main" @click=${goBack}><linli-icon name="back"></linli-icon>${t("back")}</button>
        <h2>${t("mapTitle")}</h2>
        ${this.circle ? html`<p class="muted">${t("mapCount", { n: shown.length })}</p>` : nothing}
      </div>
      <linli-category-chips
        .kiosk=${this.kiosk}
        .value=${this.#category}
        @linli-change=${(event: CustomEvent<string>) => {
          const params = new URLSearchParams(this.route.params);
          params.delete("focus");
          if (event.detail) params.set("category", event.detail);
          else params.delete("category");
          replaceParams(params);
        }}
      ></linli-category-chips>
      ${
        this.failed
          ? html`<div class="card" role="alert">
            <p>${t("loadFailed")}</p>
            <button class="btn main" @click=${() => void this.#load()}>${t("retry")}</button>
          </div>`
          : nothing
      }
      ${
        this.circle
          ? html`<div class="body">
            <linli-circle-map
              .kiosk=${this.kiosk}
              .geometry=${this.circle.geometry}
              .outlets=${shown}
              focusId=${this.route.params.get("focus") ?? ""}
              @linli-select=${(event: CustomEvent<string>) =>
                navigate(`/outlets/${encodeURIComponent(event.detail)}`)}
            ></linli-circle-map>
            <aside>
              <p>${t("mapHint")}</p>
              <ul class="legend">
                <li><span class="swatch" style="background: var(--linli-red)"></span>${t("basicClass")}</li>
                <li><span class="swatch" style="background: var(--linli-quality)"></span>${t("qualityClass")}</li>
                ${elderly ? html`<li>${t("mapElderlyPace")}</li>` : nothing}
              </ul>
              <h3>${t("nearestList")}</h3>
              <ol>
                ${nearest.map(
                  (outlet) =>
                    html`<li><linli-outlet-card .kiosk=${this.kiosk} .outlet=${outlet}></linli-outlet-card></li>`,
                )}
              </ol>
            </aside>
          </div>`
          : this.failed
            ? nothing
            : html`<p aria-busy="true">${t("loading")}</p>`
      }`;
  }
}

customElements.define("linli-map-panel", LinliMapPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-map-panel": LinliMapPanel;
  }
}
