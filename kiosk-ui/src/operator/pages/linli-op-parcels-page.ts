import type {
  ParcelDepositResponse,
  ParcelListQuery,
  ParcelState,
  ParcelSummary,
} from "@linli/protocols/api";
import { css, html, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import type { DepositDetail } from "../components/linli-op-deposit-form.js";
import "../components/linli-op-deposit-form.js";
import { onLiveMessage } from "../data/live.js";
import { depositParcel, fetchParcels } from "../data/parcels.js";
import { dateTimeText } from "../format.js";
import type { MessageKey } from "../i18n/i18n.js";
import { OperatorPage } from "../operator-context.js";
import { consoleStyles } from "../styles.js";
import { errorText } from "./page-errors.js";

type Filter = "all" | "waiting" | "overdue" | "picked_up";

const FILTERS: readonly { filter: Filter; key: MessageKey }[] = [
  { filter: "all", key: "filterAll" },
  { filter: "waiting", key: "filterWaiting" },
  { filter: "overdue", key: "filterOverdue" },
  { filter: "picked_up", key: "filterPickedUp" },
];

const STATE_TEXT: Record<ParcelState, MessageKey> = {
  depositing: "parcelDepositing",
  waiting: "parcelWaiting",
  opening: "parcelOpening",
  picked_up: "parcelPickedUp",
  cancelled: "parcelCancelled",
  uncertain: "parcelUncertain",
};

/**
 * Parcels: a courier's or operator's deposit (a free door of the size
 * opens; the pickup code is shown this once), and the parcel list by state,
 * overdue ones highlighted and counted.
 */
export class LinliOpParcelsPage extends OperatorPage {
  static override properties = {
    ...OperatorPage.properties,
    depositing: { state: true },
    deposit: { state: true },
    depositError: { state: true },
    filter: { state: true },
    parcels: { state: true },
    overdue: { state: true },
    listError: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      .layout {
        display: grid;
        gap: var(--linli-gap);
        align-items: start;
      }
      @media (min-width: 1200px) {
        .layout {
          grid-template-columns: 440px minmax(0, 1fr);
        }
      }
      .overdue-count {
        font-weight: 700;
      }
    `,
  ];

  declare depositing: boolean;
  declare deposit: ParcelDepositResponse | undefined;
  declare depositError: string;
  declare filter: Filter;
  declare parcels: ParcelSummary[] | undefined;
  declare overdue: number;
  declare listError: string;

  #unsubscribe: (() => void) | undefined;
  #reload: number | undefined;
  #listToken = 0;

  constructor() {
    super();
    this.depositing = false;
    this.depositError = "";
    this.filter = "all";
    this.overdue = 0;
    this.listError = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadList();
    // A door closing or opening moves parcels along (deposited, picked up).
    this.#unsubscribe = onLiveMessage(this.op.live, (message) => {
      if (message.type !== "device.event" || !message.event.startsWith("door_")) return;
      window.clearTimeout(this.#reload);
      this.#reload = window.setTimeout(() => void this.#loadList(), 500);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    window.clearTimeout(this.#reload);
  }

  async #loadList(): Promise<void> {
    const token = ++this.#listToken;
    const state: ParcelListQuery["state"] = this.filter;
    try {
      const [list, overdue] = await Promise.all([
        fetchParcels({ state, limit: 200 }),
        fetchParcels({ state: "overdue", limit: 500 }),
      ]);
      if (token !== this.#listToken) return;
      this.parcels = list.items;
      this.overdue = overdue.items.length;
      this.listError = "";
    } catch (error) {
      if (token === this.#listToken) this.listError = errorText(this.op.t, error);
    }
  }

  async #deposit(request: DepositDetail): Promise<void> {
    const { t } = this.op;
    this.depositing = true;
    this.depositError = "";
    this.deposit = undefined;
    try {
      this.deposit = await depositParcel(request);
      await this.#loadList();
    } catch (error) {
      this.depositError = t("actionFailed", { message: errorText(t, error) });
    } finally {
      this.depositing = false;
    }
  }

  override render() {
    const { t } = this.op;
    return html`<div class="page">
      <div class="page-head"><h2>${t("parcelsTitle")}</h2></div>
      <div class="layout">
        <section class="card" aria-labelledby="deposit-title">
          <h3 id="deposit-title">${t("depositTitle")}</h3>
          <linli-op-deposit-form
            .t=${t}
            .lang=${this.op.lang}
            ?busy=${this.depositing}
            .result=${this.deposit}
            .error=${this.depositError}
            @linli-deposit=${(event: CustomEvent<DepositDetail>) => void this.#deposit(event.detail)}
          ></linli-op-deposit-form>
        </section>
        ${this.#list()}
      </div>
    </div>`;
  }

  #list() {
    const { t, lang } = this.op;
    return html`<section class="card" aria-labelledby="list-title">
      <div class="row">
        <h3 id="list-title">${t("parcelListTitle")}</h3>
        ${
          this.overdue > 0
            ? html`<span class="badge critical overdue-count">${t("overdueCount", { n: this.overdue })}</span>`
            : nothing
        }
      </div>
      <div class="row" role="group" aria-label=${t("colState")}>
        ${FILTERS.map(
          ({ filter, key }) => html`<button
            type="button"
            class="chip"
            data-filter=${filter}
            aria-pressed=${this.filter === filter ? "true" : "false"}
            @click=${() => {
              this.filter = filter;
              void this.#loadList();
            }}
          >
            ${t(key)}
          </button>`,
        )}
        <button class="btn" @click=${() => void this.#loadList()}>${t("refresh")}</button>
      </div>
      ${this.listError ? html`<p class="error" role="alert">${this.listError}</p>` : nothing}
      ${
        !this.parcels
          ? html`<p aria-busy="true">${t("loading")}</p>`
          : this.parcels.length === 0
            ? html`<p class="empty">${t("noParcels")}</p>`
            : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t("colDoor")}</th>
                    <th scope="col">${t("colCarrier")}</th>
                    <th scope="col">${t("colPhone")}</th>
                    <th scope="col">${t("colState")}</th>
                    <th scope="col">${t("colDeposited")}</th>
                    <th scope="col">${t("colDeadline")}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.parcels.map(
                    (parcel) => html`<tr
                      class=${parcel.overdue ? "overdue" : ""}
                      data-parcel=${parcel.id}
                      data-state=${parcel.state}
                    >
                      <td>${parcel.door.deviceId} · ${parcel.door.lock} (${parcel.door.size})</td>
                      <td>${parcel.carrier}</td>
                      <td>****${parcel.phoneLastFour}</td>
                      <td>
                        ${t(STATE_TEXT[parcel.state])}
                        ${
                          parcel.overdue
                            ? html`<span class="badge critical">${t("overdueTag")}</span>`
                            : nothing
                        }
                      </td>
                      <td>${dateTimeText(parcel.depositedAt, lang)}</td>
                      <td>${dateTimeText(parcel.deadlineAt, lang)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }
}

customElements.define("linli-op-parcels-page", LinliOpParcelsPage);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-parcels-page": LinliOpParcelsPage;
  }
}
