import type { OutletDetail } from "@linli/protocols/api";
import { css, html, nothing, type PropertyValues } from "lit";
import "../components/linli-icon.js";
import "../components/linli-open-state.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError, ApiError } from "../data/api.js";
import { fetchOutlet } from "../data/outlets.js";
import { hoursText, openStateText, priceText } from "../i18n/format.js";
import { localName } from "../i18n/i18n.js";
import { categoryByCode, minutesFor } from "../kiosk-context.js";
import { goBack, navigate } from "../router.js";
import { KioskPanel } from "./kiosk-panel.js";

type LoadState = "loading" | "loaded" | "not-found" | "failed";

/**
 * One outlet: open now or when it opens, walking minutes at both paces,
 * address, phone, hours, services (一店多能) and its price list (明码标价).
 */
export class LinliOutletPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    outlet: { state: true },
    state: { state: true },
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
        align-items: center;
        gap: 20px;
      }
      .summary {
        display: grid;
        gap: 12px;
        padding: 28px 32px;
      }
      h2 {
        font-size: var(--linli-display);
      }
      linli-open-state {
        font-size: var(--linli-action);
      }
      .walk {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 8px 28px;
      }
      .walk strong {
        font-size: var(--linli-title);
        color: var(--linli-red);
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(480px, 100%), 1fr));
        gap: var(--linli-gap);
        align-items: start;
      }
      section {
        display: grid;
        gap: 14px;
        padding: 24px 32px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 14px 24px;
        margin: 0;
      }
      dt {
        display: flex;
        align-items: center;
        gap: 10px;
        color: var(--linli-muted);
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      ul.services {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.services li {
        padding: 6px 16px;
        border-radius: 999px;
        background: var(--linli-green-soft);
        color: var(--linli-ink);
      }
      table {
        inline-size: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        padding: 12px 8px;
        border-block-end: 1px solid var(--linli-line);
        text-align: start;
      }
      th {
        color: var(--linli-muted);
        font-weight: 600;
      }
      .price {
        text-align: end;
        font-weight: 700;
        white-space: nowrap;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--linli-gap);
      }
    `,
  ];

  declare outlet: OutletDetail | undefined;
  declare state: LoadState;
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.state = "loading";
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("route") && changed.get("route")?.id !== this.route.id) void this.#load();
  }

  async #load(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.state = "loading";
    this.outlet = undefined;
    try {
      this.outlet = await fetchOutlet(this.route.id ?? "", abort.signal);
      this.state = "loaded";
    } catch (error) {
      if (abort.signal.aborted || error instanceof AgentUnreachableError) return;
      this.state = error instanceof ApiError && error.status === 404 ? "not-found" : "failed";
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  speechText(): string {
    const { t } = this.kiosk;
    const outlet = this.outlet;
    if (!outlet) return t(this.state === "not-found" ? "outletNotFound" : "loading");
    const open = openStateText(t, outlet);
    return t("speechDetail", {
      name: outlet.name,
      open: [open.label, open.detail].filter(Boolean).join("，"),
      walk: t("walkMinutes", { n: minutesFor(this.kiosk, outlet.walkMinutes) }),
      address: outlet.address ?? t("notGiven"),
      hours: hoursText(t, outlet.hours),
    });
  }

  #body(outlet: OutletDetail) {
    const { t, lang } = this.kiosk;
    const category = categoryByCode(this.kiosk, outlet.category);
    return html`<div class="card summary">
        <h2 lang="zh-CN">${outlet.name}</h2>
        <p class="muted">${category ? localName(category, lang) : outlet.category}</p>
        <linli-open-state .t=${t} .outlet=${outlet}></linli-open-state>
        <p class="walk">
 ${
   // The pace that matters to this resident comes first and largest.
   this.kiosk.elderly
     ? html`<strong>${t("walkMinutesElderly", { n: outlet.walkMinutes.elderly })}</strong>
                  <span>${t("walkMinutes", { n: outlet.walkMinutes.normal })}</span>`
     : html`<strong>${t("walkMinutes", { n: outlet.walkMinutes.normal })}</strong>
                  <span>${t("walkMinutesElderly", { n: outlet.walkMinutes.elderly })}</span>`
 }
          <span class="muted">${t("meters", { n: outlet.distanceMeters })}</span>
        </p>
      </div>
      <div class="columns">
        <section class="card" aria-labelledby="facts">
          <h3 id="facts" class="visually-hidden">${outlet.name}</h3>
          <dl>
            <dt><linli-icon name="clock"></linli-icon>${t("hours")}</dt>
            <dd data-field="hours">${hoursText(t, outlet.hours)}</dd>
            <dt><linli-icon name="pin"></linli-icon>${t("address")}</dt>
            <dd data-field="address" lang="zh-CN">${outlet.address ?? t("notGiven")}</dd>
            <dt><linli-icon name="phone"></linli-icon>${t("phone")}</dt>
            <dd data-field="phone">${outlet.phone ?? t("notGiven")}</dd>
          </dl>
        </section>
        ${
          outlet.services.length > 0
            ? html`<section class="card" aria-labelledby="services">
              <h3 id="services">${t("services")}</h3>
              <ul class="services" lang="zh-CN">
                ${outlet.services.map((service) => html`<li>${service}</li>`)}
              </ul>
            </section>`
            : nothing
        }
        ${
          outlet.prices.length > 0
            ? html`<section class="card" aria-labelledby="prices">
              <h3 id="prices">${t("prices")}</h3>
              <table>
                <thead>
                  <tr><th scope="col">${t("priceItem")}</th><th scope="col" class="price">${t("price")}</th></tr>
                </thead>
                <tbody lang="zh-CN">
                  ${outlet.prices.map(
                    (price) =>
                      html`<tr>
                        <td>${price.item}</td>
                        <td class="price">${priceText(price.priceFen)}${price.unit ? ` / ${price.unit}` : ""}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </section>`
            : nothing
        }
      </div>
      <div class="actions">
        <button class="btn main" @click=${() => navigate(`/map?focus=${encodeURIComponent(outlet.id)}&category=${encodeURIComponent(outlet.category)}`)}>
          <linli-icon name="map"></linli-icon>${t("viewOnMap")}
        </button>
        <button class="btn main" data-action="print" @click=${() => navigate(`/print?outlet=${encodeURIComponent(outlet.id)}`)}>
          <linli-icon name="printer"></linli-icon>${t("printThisOutlet")}
        </button>
        <button class="btn main" data-action="rate" @click=${() => navigate(`/rate?outlet=${encodeURIComponent(outlet.id)}`)}>
          <linli-icon name="smile"></linli-icon>${t("rateThisOutlet")}
        </button>
        <button class="btn main" data-action="report" @click=${() => navigate(`/report?outlet=${encodeURIComponent(outlet.id)}`)}>
          <linli-icon name="flag"></linli-icon>${t("reportThisOutlet")}
        </button>
      </div>`;
  }

  override render() {
    const { t } = this.kiosk;
    const head = html`<div class="head">
      <button class="btn main" @click=${goBack}><linli-icon name="back"></linli-icon>${t("back")}</button>
    </div>`;
    switch (this.state) {
      case "loaded":
        return html`${head}${this.outlet ? this.#body(this.outlet) : nothing}`;
      case "not-found":
        return html`${head}<div class="card summary" role="alert"><h2>${t("outletNotFound")}</h2></div>`;
      case "failed":
        return html`${head}<div class="card summary" role="alert">
          <p>${t("loadFailed")}</p>
          <button class="btn main" @click=${() => void this.#load()}>${t("retry")}</button>
        </div>`;
      default:
        return html`${head}<p aria-busy="true">${t("loading")}</p>`;
    }
  }
}

customElements.define("linli-outlet-panel", LinliOutletPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-outlet-panel": LinliOutletPanel;
  }
}
