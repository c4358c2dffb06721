import type {
  ProblemReportCreated,
  ProblemReportOptions,
  ProblemReportRequest,
} from "@linli/protocols/api";
import { css, html, nothing, type PropertyValues } from "lit";
import "../components/linli-icon.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError, ApiError, isStoreFull } from "../data/api.js";
import { fetchOutlet } from "../data/outlets.js";
import { fetchReportOptions, submitReport, UNKNOWN_REPORT_OUTLET } from "../data/reports.js";
import { localName, type MessageKey } from "../i18n/i18n.js";
import { goBack, navigate } from "../router.js";
import { flowPanelStyles } from "./flow-panel-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

type Screen = "loading" | "failed" | "category" | "check" | "done";
type Category = ProblemReportOptions["categories"][number];

const CATEGORY_ICONS: Readonly<Record<string, string>> = {
  facility_damage: "wrench",
  sanitation: "broom",
  noise: "speaker",
  service_quality: "store",
  safety_hazard: "alert",
  other: "more",
};

/**
 * Report a problem (问题上报): what kind of problem, which of its preset
 * reasons, a check of what will be sent, and the reference number to quote.
 * `/report?outlet=ID` reports it about that outlet.
 */
export class LinliReportPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    screen: { state: true },
    options: { state: true },
    outletName: { state: true },
    outletGone: { state: true },
    category: { state: true },
    reasons: { state: true },
    sending: { state: true },
    sendFailed: { state: true },
    created: { state: true },
  };

  static override styles = [
    sharedStyles,
    flowPanelStyles,
    css`
      .about {
        font-size: var(--linli-action);
        font-weight: 700;
      }
      .categories {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr));
        gap: var(--linli-gap);
      }
      :host([elderly]) .categories {
        grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr));
      }
      .category {
        justify-content: flex-start;
        gap: 20px;
        min-block-size: calc(var(--linli-target) * 1.6);
        padding: 16px 24px;
        text-align: start;
        font-size: var(--linli-action);
        --linli-icon-size: 1.6em;
      }
      .summary p {
        font-size: var(--linli-action);
      }
      .reference {
        font-size: calc(var(--linli-display) * 1.2);
        font-weight: 700;
        letter-spacing: 0.06em;
        color: var(--linli-red);
      }
    `,
  ];

  declare screen: Screen;
  declare options: ProblemReportOptions | undefined;
  declare outletName: string;
  declare outletGone: boolean;
  declare category: Category | undefined;
  declare reasons: ReadonlySet<string>;
  declare sending: boolean;
  /** Why sending failed, in words for the resident; false while it has not. */
  declare sendFailed: false | MessageKey;
  declare created: ProblemReportCreated | undefined;
  #outletId = "";
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.screen = "loading";
    this.outletName = "";
    this.outletGone = false;
    this.reasons = new Set();
    this.sending = false;
    this.sendFailed = false;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.toggleAttribute("elderly", this.kiosk.elderly);
    if (!changed.has("route")) return;
    const before = changed.get("route");
    if (before && before.params.toString() === this.route.params.toString()) return;
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  async #load(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#outletId = this.route.params.get("outlet")?.trim() ?? "";
    this.outletName = "";
    this.outletGone = false;
    this.#startOver();
    this.screen = "loading";
    try {
      const [options, outlet] = await Promise.all([
        this.options ?? fetchReportOptions(abort.signal),
        this.#outletId
          ? fetchOutlet(this.#outletId, abort.signal).catch((error: unknown) => {
              if (error instanceof ApiError && error.status === 404) return undefined;
              throw error;
            })
          : undefined,
      ]);
      this.options = options;
      if (this.#outletId && !outlet) this.#forgetOutlet();
      this.outletName = outlet?.name ?? "";
      this.screen = "category";
    } catch (error) {
      if (abort.signal.aborted || error instanceof AgentUnreachableError) return;
      this.screen = "failed";
    }
  }

  #startOver(): void {
    this.category = undefined;
    this.reasons = new Set();
    this.created = undefined;
    this.sendFailed = false;
    this.screen = this.options ? "category" : "loading";
  }

  #forgetOutlet(): void {
    this.#outletId = "";
    this.outletGone = true;
  }

  #chooseCategory(category: Category): void {
    this.category = category;
    this.reasons = new Set();
    this.sendFailed = false;
    this.screen = "check";
    window.scrollTo({ top: 0 });
  }

  #toggleReason(code: string): void {
    const reasons = new Set(this.reasons);
    if (reasons.has(code)) reasons.delete(code);
    else reasons.add(code);
    this.reasons = reasons;
  }

  async #submit(): Promise<void> {
    const category = this.category;
    if (!category || this.sending) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.sending = true;
    this.sendFailed = false;
    // In the order the screen lists them.
    const reasons = this.#chosenReasons().map((reason) => reason.code);
    const send = () =>
      submitReport(
        {
          category: category.code as ProblemReportRequest["category"],
          ...(this.#outletId ? { outletId: this.#outletId } : {}),
          ...(reasons.length > 0 ? { reasons } : {}),
        },
        abort.signal,
      );
    try {
      try {
        this.created = await send();
      } catch (error) {
        // The outlet left the data set since the screen opened: the problem still counts, for the centre.
        if (!(error instanceof ApiError && error.code === UNKNOWN_REPORT_OUTLET)) throw error;
        this.#forgetOutlet();
        this.created = await send();
      }
      this.screen = "done";
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (abort.signal.aborted || error instanceof AgentUnreachableError) return;
      // Never "thank you" for what was not saved: a full store says so plainly.
      this.sendFailed = isStoreFull(error) ? "storeFull" : "loadFailed";
    } finally {
      if (!abort.signal.aborted) this.sending = false;
    }
  }

  // —— words ——

  #list(items: readonly { zh: string; en: string }[]): string {
    const { t, lang } = this.kiosk;
    return items.map((item) => localName(item, lang)).join(t("listSeparator"));
  }

  #chosenReasons(): Category["reasons"] {
    return this.category?.reasons.filter((reason) => this.reasons.has(reason.code)) ?? [];
  }

  speechText(): string {
    const { t, lang } = this.kiosk;
    switch (this.screen) {
      case "category":
        return t("speechReport", { list: this.#list(this.options?.categories ?? []) });
      case "check":
        return t("speechReportReasons", {
          category: this.category ? localName(this.category, lang) : "",
          list: this.#list(this.category?.reasons ?? []) || t("reportNoReasons"),
        });
      case "done":
        return t("speechReportDone", { reference: this.created?.reference ?? "" });
      default:
        return t(this.screen === "failed" ? "loadFailed" : "loading");
    }
  }

  // —— screens ——

  #about() {
    const { t } = this.kiosk;
    if (this.outletGone)
      return html`<p class="card problem" role="alert">${t("reportOutletGone")}</p>`;
    if (!this.outletName) return nothing;
    return html`<p class="about">
      ${t("reportAbout", { name: "" })}<span lang="zh-CN">${this.outletName}</span>
    </p>`;
  }

  #categories(options: ProblemReportOptions) {
    const { t, lang } = this.kiosk;
    return html`<p>${t("reportLead")}</p>
      <h3 id="categories">${t("reportChooseCategory")}</h3>
      <div class="categories" role="group" aria-labelledby="categories">
        ${options.categories.map(
          (category) => html`<button
            class="btn category"
            data-category=${category.code}
            @click=${() => this.#chooseCategory(category)}
          >
            <linli-icon name=${CATEGORY_ICONS[category.code] ?? "flag"}></linli-icon>${localName(category, lang)}
          </button>`,
        )}
      </div>`;
  }

  #check(category: Category) {
    const { t, lang } = this.kiosk;
    const chosen = this.#chosenReasons();
    return html`<section class="card step" aria-labelledby="reasons">
        <h3 id="reasons">${t("reportChooseReasons")}</h3>
        ${
          category.reasons.length > 0
            ? html`<p class="muted">${t("reportReasonsHint")}</p>
              <div class="chips" role="group" aria-labelledby="reasons">
                ${category.reasons.map(
                  (reason) => html`<button
                    class="chip"
                    data-reason=${reason.code}
                    aria-pressed=${this.reasons.has(reason.code) ? "true" : "false"}
                    @click=${() => this.#toggleReason(reason.code)}
                  >
                    ${localName(reason, lang)}
                  </button>`,
                )}
              </div>`
            : html`<p>${t("reportNoReasons")}</p>`
        }
      </section>
      <section class="card step summary" aria-labelledby="check">
        <h3 id="check">${t("reportCheckTitle")}</h3>
        <p>${t("reportCheckCategory", { category: localName(category, lang) })}</p>
        <p>
          ${
            chosen.length > 0
              ? t("reportCheckReasons", { list: this.#list(chosen) })
              : t("reportCheckNoReasons")
          }
        </p>
        ${
          this.outletName && !this.outletGone
            ? html`<p>${t("reportAbout", { name: "" })}<span lang="zh-CN">${this.outletName}</span></p>`
            : nothing
        }
      </section>
      ${this.sendFailed ? html`<p class="card problem" role="alert">${t(this.sendFailed)}</p>` : nothing}
      <div class="actions">
        <button class="btn main primary" ?disabled=${this.sending} @click=${() => void this.#submit()}>
          ${this.sending ? t("reportSending") : t("reportConfirm")}
        </button>
        <button class="btn main" @click=${() => this.#startOver()}>${t("reportChangeCategory")}</button>
      </div>`;
  }

  #done(created: ProblemReportCreated) {
    const { t } = this.kiosk;
    return html`<div class="card outcome" role="status">
        <linli-icon name="check"></linli-icon>
        <h3>${t("reportReceived")}</h3>
        <p>${t("reportReference")}</p>
        <p class="reference" data-reference>${created.reference}</p>
        <p>${t("reportReferenceHint")}</p>
      </div>
      <div class="actions">
        <button class="btn main primary" @click=${() => navigate("/")}>
          <linli-icon name="home"></linli-icon>${t("reportBackHome")}
        </button>
        <button class="btn main" @click=${() => this.#startOver()}>${t("reportAnother")}</button>
      </div>`;
  }

  #body() {
    const { t } = this.kiosk;
    switch (this.screen) {
      case "category":
        return this.options ? this.#categories(this.options) : nothing;
      case "check":
        return this.category ? this.#check(this.category) : nothing;
      case "done":
        return this.created ? this.#done(this.created) : nothing;
      case "failed":
        return html`<div class="card outcome" role="alert">
          <p>${t("loadFailed")}</p>
          <button class="btn main" @click=${() => void this.#load()}>${t("retry")}</button>
        </div>`;
      default:
        return html`<p aria-busy="true">${t("loading")}</p>`;
    }
  }

  override render() {
    const { t } = this.kiosk;
    return html`<div class="head">
        <button class="btn main" @click=${goBack}><linli-icon name="back"></linli-icon>${t("back")}</button>
        <h2>${t("reportTitle")}</h2>
      </div>
      ${this.screen === "category" ? this.#about() : nothing} ${this.#body()}`;
  }
}

customElements.define("linli-report-panel", LinliReportPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-report-panel": LinliReportPanel;
  }
}
