import type { VendingCatalogueResponse, VendingOrder } from "@linli/protocols/api";
import { css, html, nothing } from "lit";
import "../components/linli-icon.js";
import "../components/linli-product-grid.js";
import "../components/linli-vend-payment.js";
import "../components/linli-vend-progress.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError, ApiError, LatestRequest } from "../data/api.js";
import {
  cancelVendingOrder,
  clockText,
  fetchVendingCatalogue,
  fetchVendingOrder,
  isUnpaid,
  type Offer,
  offersOf,
  pageOf,
  payOnDemoPhone,
  placeVendingOrder,
  secondsLeft,
  unitNotice,
  vendingRefusal,
  vendProgress,
  vendScreen,
  yuan,
} from "../data/vending.js";
import type { MessageKey } from "../i18n/i18n.js";
import { goBack, navigate } from "../router.js";
import { flowPanelStyles } from "./flow-panel-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

type Step = "choose" | "confirm" | "order";

/** How often an order's state is asked for while something may still happen to it. */
const POLL_MS = 1_000;
/** How often the products are refreshed while the resident is choosing (a unit may come back). */
const CATALOGUE_MS = 5_000;
/** Products per screen: fewer and larger in 长辈模式. */
const PAGE_SIZE = { normal: 12, elderly: 4 } as const;

/**
 * Buy from a vending unit: the products with their prices (sold out greyed),
 * confirm one, pay by scanning the code within the time shown, and follow the
 * vend until the product is taken — or, if it fails, the refund said plainly.
 * The order's state is polled every second from the agent's order route (GET
 * /api/v1/vending/orders/:id), as the print panel polls its job: the route is
 * the truth, survives a dropped connection and needs no event filtering.
 * An order left unpaid (back, home, an idle reset: the shell drops this
 * panel) is cancelled, so it holds no stock and takes no late payment.
 */
export class LinliVendingPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    step: { state: true },
    catalogue: { state: true },
    chosen: { state: true },
    order: { state: true },
    page: { state: true },
    busy: { state: true },
    problem: { state: true },
  };

  static override styles = [
    sharedStyles,
    flowPanelStyles,
    css`
      .lead {
        font-size: var(--linli-body);
      }
      .notice {
        padding: 20px 28px;
        border: 3px solid var(--linli-amber);
        font-size: var(--linli-action);
        font-weight: 700;
      }
      .confirm {
        display: grid;
        gap: 14px;
        padding: 32px;
      }
      .confirm .name {
        font-size: var(--linli-title);
        font-weight: 700;
      }
      .confirm .price {
        color: var(--linli-red);
        font-size: var(--linli-display);
        font-weight: 800;
      }
      .demo {
        display: grid;
        gap: 12px;
        padding: 20px 24px;
        border: 3px dashed var(--linli-quality);
        border-radius: var(--linli-radius);
      }
      .demo h3 {
        color: var(--linli-quality);
      }
    `,
  ];

  declare step: Step;
  declare catalogue: VendingCatalogueResponse | undefined;
  declare chosen: Offer | undefined;
  declare order: VendingOrder | undefined;
  declare page: number;
  declare busy: boolean;
  declare problem: MessageKey | "";
  /** The request the screen waits on; a newer one drops it. */
  readonly #requests = new LatestRequest();
  #pollTimer: number | undefined;
  #catalogueTimer: number | undefined;

  constructor() {
    super();
    this.step = "choose";
    this.page = 0;
    this.busy = false;
    this.problem = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back from the offline screen: carry on where the resident was.
    if (this.step === "order" && this.order && !this.order.outcome.finished) {
      this.#poll(this.order.id, 0);
    } else if (this.step === "choose") {
      void this.#loadCatalogue();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#requests.cancel();
    window.clearTimeout(this.#pollTimer);
    window.clearTimeout(this.#catalogueTimer);
    const order = this.order;
    // Nobody is left to pay it: close it now rather than at its deadline.
    if (order && isUnpaid(order.state)) void cancelVendingOrder(order.id).catch(() => undefined);
  }

  /** An agent's refusal in the resident's words; an unreachable agent is the shell's to show. */
  #refused(error: unknown): void {
    if (error instanceof AgentUnreachableError) return;
    this.problem = error instanceof ApiError ? vendingRefusal(error.code) : "loadFailed";
  }

  // —— choosing ——

  async #loadCatalogue(): Promise<void> {
    window.clearTimeout(this.#catalogueTimer);
    const signal = this.#requests.next();
    if (!this.catalogue) this.busy = true;
    try {
      this.catalogue = await fetchVendingCatalogue(signal);
    } catch (error) {
      if (signal.aborted) return;
      if (!this.catalogue) this.#refused(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
    if (this.step === "choose" && this.isConnected) {
      this.#catalogueTimer = window.setTimeout(() => void this.#loadCatalogue(), CATALOGUE_MS);
    }
  }

  #choose(offer: Offer): void {
    if (!offer.buyable) return;
    window.clearTimeout(this.#catalogueTimer);
    this.#requests.cancel();
    this.busy = false;
    this.chosen = offer;
    this.problem = "";
    this.step = "confirm";
    window.scrollTo({ top: 0 });
  }

  #startOver(): void {
    this.#requests.cancel();
    window.clearTimeout(this.#pollTimer);
    this.step = "choose";
    this.chosen = undefined;
    this.order = undefined;
    this.busy = false;
    this.problem = "";
    window.scrollTo({ top: 0 });
    void this.#loadCatalogue();
  }

  // —— ordering and paying ——

  async #placeOrder(): Promise<void> {
    const offer = this.chosen;
    if (!offer || this.busy) return;
    const signal = this.#requests.next();
    this.busy = true;
    this.problem = "";
    try {
      const order = await placeVendingOrder(
        { deviceId: offer.deviceId, slot: offer.slot, sessionId: this.kiosk.sessionId },
        signal,
      );
      this.order = order;
      this.step = "order";
      this.#poll(order.id, POLL_MS);
    } catch (error) {
      if (signal.aborted) return;
      this.#refused(error);
      // What was refused (sold out meanwhile, the unit gone) shows on the fresh product list.
      if (error instanceof ApiError) {
        this.step = "choose";
        this.chosen = undefined;
        this.busy = false;
        void this.#loadCatalogue();
      }
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  #poll(orderId: string, delay: number): void {
    window.clearTimeout(this.#pollTimer);
    this.#pollTimer = window.setTimeout(async () => {
      const signal = this.#requests.next();
      try {
        const order = await fetchVendingOrder(orderId, signal);
        if (orderId === this.order?.id) this.order = order;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) {
          this.problem = "loadFailed";
          return;
        }
        // Unreachable for a moment: the shell shows it; keep asking.
      }
      if (orderId !== this.order?.id || this.order.outcome.finished) return;
      this.#poll(orderId, POLL_MS);
    }, delay);
  }

  async #cancel(): Promise<void> {
    const order = this.order;
    if (!order || this.busy) return;
    window.clearTimeout(this.#pollTimer);
    const signal = this.#requests.next();
    this.busy = true;
    try {
      this.order = await cancelVendingOrder(order.id, signal);
    } catch (error) {
      if (signal.aborted) return;
      // Paid just now (LINLI_ERR_VENDING_ALREADY_PAID): it vends, and the screen follows it.
      if (!(error instanceof ApiError && error.status === 409)) this.#refused(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
    if (this.order && !this.order.outcome.finished) this.#poll(this.order.id, 0);
  }

  /** Demo mode: the resident's phone pays, then the screen looks again at once. */
  async #demoPay(): Promise<void> {
    const chargeId = this.order?.payment?.chargeId;
    if (!chargeId || !this.order || this.busy) return;
    this.busy = true;
    try {
      await payOnDemoPhone(chargeId);
    } catch (error) {
      this.#refused(error);
    } finally {
      this.busy = false;
    }
    this.#poll(this.order.id, 0);
  }

  #back(): void {
    if (this.step === "confirm") {
      this.#startOver();
    } else if (this.step === "order" && this.order && isUnpaid(this.order.state)) {
      void this.#cancel();
    } else {
      goBack();
    }
  }

  // —— words ——

  #name(product: { nameZh: string; nameEn: string }): string {
    return this.kiosk.lang === "en" ? product.nameEn : product.nameZh;
  }

  #pageOfOffers() {
    const offers = offersOf(this.catalogue?.units ?? []);
    const size = this.kiosk.elderly ? PAGE_SIZE.elderly : PAGE_SIZE.normal;
    return pageOf(offers, this.page, size);
  }

  /** Paying with a phone and the vend itself take time without touches: no idle reset meanwhile. */
  override holdsSession(): boolean {
    return this.step === "order" && this.order !== undefined && !this.order.outcome.finished;
  }

  speechText(): string {
    const { t, lang } = this.kiosk;
    const stop = lang === "en" ? ". " : "。";
    const order = this.order;
    if (this.step === "order" && order) {
      const amount = yuan(order.amountFen);
      if (vendScreen(order.state) === "pay" && order.payment) {
        const time = clockText(secondsLeft(order.payment.expiresAt, Date.now()));
        return t("speechVendPay", { amount, time });
      }
      const progress = vendProgress(order.state);
      return [
        t("vendTitle"),
        t(progress.message, { amount }),
        progress.screen === "refund" ? t("vendRefundHint") : "",
      ]
        .filter(Boolean)
        .join(stop);
    }
    if (this.step === "confirm" && this.chosen) {
      return t("speechVendConfirm", {
        name: this.#name(this.chosen),
        amount: yuan(this.chosen.priceFen),
      });
    }
    const buyable = this.#pageOfOffers().items.filter((offer) => offer.buyable);
    if (buyable.length === 0) {
      const units = this.catalogue?.units ?? [];
      const notice = units.map(unitNotice).find(Boolean);
      return t("speechVendNothing", {
        notice: t(notice || (units.length === 0 ? "vendNoUnits" : "vendSoldOut")),
      });
    }
    const list = buyable
      .map((offer) =>
        t("speechVendProduct", { name: this.#name(offer), price: yuan(offer.priceFen) }),
      )
      .join(t("listSeparator"));
    return t("speechVendChoose", { list });
  }

  // —— screens ——

  #chooseScreen() {
    const { t, lang } = this.kiosk;
    const catalogue = this.catalogue;
    if (!catalogue) return nothing;
    const notices = catalogue.units
      .map((unit) => ({ unit, notice: unitNotice(unit) }))
      .filter(({ notice }) => notice !== "");
    const { items, page, pages } = this.#pageOfOffers();
    return html`<p class="lead">${t("vendLead")}</p>
      ${catalogue.units.length === 0 ? html`<p class="card notice" role="status">${t("vendNoUnits")}</p>` : nothing}
      ${notices.map(
        ({ unit, notice }) =>
          html`<p class="card notice" role="status" data-unit=${unit.deviceId}>
            ${notice ? t(notice) : nothing}
          </p>`,
      )}
      <linli-product-grid
        .t=${t}
        .lang=${lang}
        .offers=${items}
        .page=${page}
        .pages=${pages}
        ?elderly=${this.kiosk.elderly}
        @linli-choose=${(event: CustomEvent<Offer>) => this.#choose(event.detail)}
        @linli-page=${(event: CustomEvent<number>) => {
          this.page = event.detail;
        }}
      ></linli-product-grid>`;
  }

  #confirmScreen(offer: Offer) {
    const { t } = this.kiosk;
    return html`<div class="card confirm">
        <h3>${t("vendConfirmTitle")}</h3>
        <p class="name">${this.#name(offer)}</p>
        <p class="price">${yuan(offer.priceFen)}</p>
        <p>${t("vendConfirmHint")}</p>
      </div>
      <div class="actions">
        <button class="btn main primary" ?disabled=${this.busy} @click=${() => void this.#placeOrder()}>
          <linli-icon name="qr"></linli-icon>${t("vendPayButton", { amount: yuan(offer.priceFen) })}
        </button>
        <button class="btn main" @click=${() => this.#startOver()}>${t("vendChooseAgain")}</button>
      </div>`;
  }

  #orderScreen(order: VendingOrder) {
    const { t, lang } = this.kiosk;
    const screen = vendScreen(order.state);
    if (screen === "pay") {
      return html`<linli-vend-payment .t=${t} .lang=${lang} .order=${order}></linli-vend-payment>
        <div class="actions">
          <button class="btn main" ?disabled=${this.busy} @click=${() => void this.#cancel()}>
            ${t("vendCancelOrder")}
          </button>
        </div>
        ${
          this.kiosk.health.demo && order.payment
            ? html`<section class="demo" aria-label=${t("vendDemoLabel")}>
              <h3>${t("vendDemoLabel")}</h3>
              <div class="actions">
                <button class="btn main" data-demo="pay" ?disabled=${this.busy} @click=${() => void this.#demoPay()}>
                  <linli-icon name="phone"></linli-icon>${t("vendDemoPay")}
                </button>
              </div>
            </section>`
            : nothing
        }`;
    }
    return html`<linli-vend-progress .t=${t} .lang=${lang} .order=${order}></linli-vend-progress>
      ${order.outcome.finished ? this.#finishedActions(order) : nothing}`;
  }

  #finishedActions(order: VendingOrder) {
    const { t } = this.kiosk;
    const home = html`<button class="btn main" @click=${() => navigate("/")}>
      <linli-icon name="home"></linli-icon>${t("vendBackHome")}
    </button>`;
    if (order.state === "vended") {
      return html`<div class="actions">
        <button class="btn main primary" @click=${() => this.#startOver()}>${t("vendBuyAnother")}</button>
        <button class="btn main" @click=${() => navigate("/rate?service=vending")}>
          <linli-icon name="smile"></linli-icon>${t("vendRateService")}
        </button>
        ${home}
      </div>`;
    }
    return html`<div class="actions">
      <button class="btn main primary" @click=${() => this.#startOver()}>${t("vendTryAgain")}</button>
      ${home}
    </div>`;
  }

  override render() {
    const { t } = this.kiosk;
    const body =
      this.step === "order" && this.order
        ? this.#orderScreen(this.order)
        : this.step === "confirm" && this.chosen
          ? this.#confirmScreen(this.chosen)
          : this.#chooseScreen();
    return html`<div class="head">
        <button class="btn main" @click=${() => this.#back()}>
          <linli-icon name="back"></linli-icon>${t("back")}
        </button>
        <h2>${t("vendTitle")}</h2>
      </div>
      ${this.problem ? html`<p class="card problem" role="alert">${t(this.problem)}</p>` : nothing}
      ${this.busy && this.step === "choose" ? html`<p class="muted" aria-busy="true">${t("loading")}</p>` : nothing}
      ${body}`;
  }
}

customElements.define("linli-vending-panel", LinliVendingPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-vending-panel": LinliVendingPanel;
  }
}
