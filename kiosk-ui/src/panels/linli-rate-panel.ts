import type {
  RatingCreated,
  RatingOptions,
  RatingRequest,
  RatingSubjectInput,
} from "@linli/protocols/api";
import { css, html, nothing, type PropertyValues } from "lit";
import "../components/linli-icon.js";
import "../components/linli-rating-face.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError, ApiError, isStoreFull } from "../data/api.js";
import { fetchOutlet } from "../data/outlets.js";
import {
  fetchRatingOptions,
  needsReason,
  ratedInSession,
  ratingSubjectFrom,
  submitRating,
} from "../data/ratings.js";
import { localName, type MessageKey } from "../i18n/i18n.js";
import { goBack, navigate } from "../router.js";
import { flowPanelStyles } from "./flow-panel-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

type Screen = "loading" | "failed" | "form" | "thanks" | "already" | "gone";
type Reason = NonNullable<RatingRequest["reasons"]>[number];

/**
 * Rate (好差评): the kiosk by default, an outlet (`/rate?outlet=ID`) or one of
 * the centre's services (`/rate?service=CODE`). Five faces from 非常满意 to
 * 非常不满意; a rating of 不满意 or below asks what was wrong; then thanks.
 * One rating per subject per session: a second try is told so kindly, and
 * the next resident (a new session after the idle reset) can rate again.
 */
export class LinliRatePanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    screen: { state: true },
    options: { state: true },
    subjectName: { state: true },
    score: { state: true },
    reasons: { state: true },
    reasonMissing: { state: true },
    sending: { state: true },
    rating: { state: true },
    sendFailed: { state: true },
  };

  static override styles = [
    sharedStyles,
    flowPanelStyles,
    css`
      :host {
        --linli-face-size: 76px;
      }
      :host([elderly]) {
        --linli-face-size: 96px;
      }
      .subject {
        font-size: var(--linli-title);
        font-weight: 700;
        line-height: 1.3;
      }
      .faces {
        display: grid;
        grid-template-columns: repeat(5, minmax(0, 1fr));
        gap: 12px;
      }
      .face {
        display: grid;
        justify-items: center;
        align-content: start;
        gap: 10px;
        min-block-size: calc(var(--linli-target) * 2.4);
        padding: 16px 8px;
        border: 3px solid var(--linli-line);
        border-radius: calc(var(--linli-radius) + 4px);
        background: var(--linli-surface);
        color: var(--linli-ink);
        font-size: var(--linli-action);
        font-weight: 700;
        line-height: 1.2;
        text-align: center;
        cursor: pointer;
        touch-action: manipulation;
      }
      .face[aria-pressed="true"] {
        border-color: var(--linli-red);
        background: var(--linli-red);
        color: var(--linli-on-red);
      }
      .face[aria-pressed="true"] linli-rating-face {
        /* The face keeps dark features on its own fill, inside the chosen (red) button. */
        color: var(--linli-ink);
      }
      .face:active {
        transform: scale(0.97);
      }
    `,
  ];

  declare screen: Screen;
  declare options: RatingOptions | undefined;
  declare subjectName: string;
  declare score: number;
  declare reasons: ReadonlySet<Reason>;
  declare reasonMissing: boolean;
  declare sending: boolean;
  declare rating: RatingCreated | undefined;
  /** Why sending failed, in words for the resident; false while it has not. */
  declare sendFailed: false | MessageKey;
  #subject: RatingSubjectInput = { kind: "kiosk" };
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.screen = "loading";
    this.subjectName = "";
    this.score = 0;
    this.reasons = new Set();
    this.reasonMissing = false;
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
    this.#subject = ratingSubjectFrom(this.route.params);
    this.score = 0;
    this.reasons = new Set();
    this.reasonMissing = false;
    this.rating = undefined;
    this.sendFailed = false;
    this.subjectName = "";
    if (ratedInSession(this.kiosk.sessionId, this.#subject)) {
      this.screen = "already";
      return;
    }
    this.screen = "loading";
    try {
      const subject = this.#subject;
      const [options, outlet] = await Promise.all([
        this.options ?? fetchRatingOptions(abort.signal),
        subject.kind === "outlet" ? fetchOutlet(subject.id ?? "", abort.signal) : undefined,
      ]);
      this.options = options;
      if (subject.kind === "service" && !this.#service()) {
        this.screen = "gone";
        return;
      }
      this.subjectName = outlet?.name ?? "";
      this.screen = "form";
    } catch (error) {
      if (abort.signal.aborted || error instanceof AgentUnreachableError) return;
      this.screen = error instanceof ApiError && error.status === 404 ? "gone" : "failed";
    }
  }

  // —— choosing ——

  #chooseScore(score: number): void {
    this.score = score;
    if (!this.options || !needsReason(score, this.options)) this.reasons = new Set();
    this.reasonMissing = false;
  }

  #toggleReason(code: Reason): void {
    const reasons = new Set(this.reasons);
    if (reasons.has(code)) reasons.delete(code);
    else reasons.add(code);
    this.reasons = reasons;
    if (reasons.size > 0) this.reasonMissing = false;
  }

  async #submit(): Promise<void> {
    const options = this.options;
    if (!options || this.score === 0 || this.sending) return;
    const lowScore = needsReason(this.score, options);
    if (lowScore && this.reasons.size === 0) {
      this.reasonMissing = true;
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    this.sending = true;
    this.sendFailed = false;
    try {
      const outcome = await submitRating(
        {
          sessionId: this.kiosk.sessionId,
          score: this.score,
          subject: this.#subject,
          ...(lowScore ? { reasons: [...this.reasons] } : {}),
        },
        abort.signal,
      );
      if (outcome.kind === "rated") {
        this.rating = outcome.rating;
        this.screen = "thanks";
      } else {
        this.screen = outcome.kind === "already-rated" ? "already" : "gone";
      }
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

  #levelName(score: number): string {
    const level = this.options?.levels.find((entry) => entry.score === score);
    return level ? localName(level, this.kiosk.lang) : String(score);
  }

  #service(): RatingOptions["services"][number] | undefined {
    const subject = this.#subject;
    if (subject.kind !== "service") return undefined;
    return this.options?.services.find((entry) => entry.code === subject.id);
  }

  #subjectLine(): string {
    const { t, lang } = this.kiosk;
    const subject = this.#subject;
    if (subject.kind === "outlet") return t("rateSubjectOutlet", { name: this.subjectName });
    const service = this.#service();
    if (service) return t("rateSubjectService", { name: localName(service, lang) });
    return t("rateSubjectKiosk");
  }

  speechText(): string {
    const { t, lang } = this.kiosk;
    const options = this.options;
    switch (this.screen) {
      case "thanks":
        return t("speechRateThanks", { level: this.#levelName(this.rating?.score ?? this.score) });
      case "already":
        return [t("rateAlready"), t("rateAlreadyDetail")].join(lang === "en" ? ". " : "。");
      case "gone":
        return t("rateSubjectGone");
      case "form":
        if (options && this.score > 0 && needsReason(this.score, options)) {
          return t("speechRateReasons", {
            level: this.#levelName(this.score),
            list: options.reasons.map((reason) => localName(reason, lang)).join(t("listSeparator")),
          });
        }
        return t("speechRate", { subject: this.#subjectLine() });
      default:
        return t(this.screen === "failed" ? "loadFailed" : "loading");
    }
  }

  // —— screens ——

  #form(options: RatingOptions) {
    const { t, lang } = this.kiosk;
    const lowScore = this.score > 0 && needsReason(this.score, options);
    return html`<p class="subject" lang=${this.#subject.kind === "outlet" ? "zh-CN" : nothing}>
        ${this.#subjectLine()}
      </p>
      <div class="faces" role="group" aria-label=${t("rateFacesLabel")}>
        ${options.levels.map(
          (level) => html`<button
            class="face"
            data-score=${level.score}
            aria-pressed=${this.score === level.score ? "true" : "false"}
            @click=${() => this.#chooseScore(level.score)}
          >
            <linli-rating-face score=${level.score}></linli-rating-face>
            <span>${localName(level, lang)}</span>
          </button>`,
        )}
      </div>
      ${
        lowScore
          ? html`<section class="card step" aria-labelledby="reasons">
            <h3 id="reasons">${t("rateReasonsTitle")}</h3>
            <p class="muted">${t("rateReasonsHint")}</p>
            <div class="chips" role="group" aria-labelledby="reasons">
              ${options.reasons.map(
                (reason) => html`<button
                  class="chip"
                  data-reason=${reason.code}
                  aria-pressed=${this.reasons.has(reason.code as Reason) ? "true" : "false"}
                  @click=${() => this.#toggleReason(reason.code as Reason)}
                >
                  ${localName(reason, lang)}
                </button>`,
              )}
            </div>
          </section>`
          : nothing
      }
      ${this.reasonMissing ? html`<p class="card problem" role="alert">${t("rateReasonsNeeded")}</p>` : nothing}
      ${this.sendFailed ? html`<p class="card problem" role="alert">${t(this.sendFailed)}</p>` : nothing}
      ${
        this.score > 0
          ? html`<div class="actions">
            <button class="btn main primary" ?disabled=${this.sending} @click=${() => void this.#submit()}>
              ${this.sending ? t("rateSending") : t("rateSubmit")}
            </button>
          </div>`
          : nothing
      }`;
  }

  #outcome(icon: string, title: string, lines: string[], role: "status" | "alert" = "status") {
    const { t } = this.kiosk;
    return html`<div class="card outcome" role=${role}>
        ${icon ? html`<linli-icon name=${icon}></linli-icon>` : nothing}
        <h3>${title}</h3>
        ${lines.map((line) => html`<p>${line}</p>`)}
      </div>
      <div class="actions">
        <button class="btn main primary" @click=${() => navigate("/")}>
          <linli-icon name="home"></linli-icon>${t("rateBackHome")}
        </button>
        ${
          this.screen === "gone"
            ? html`<button class="btn main" @click=${() => navigate("/rate", { replace: true })}>
              ${t("rateKioskInstead")}
            </button>`
            : nothing
        }
      </div>`;
  }

  #body() {
    const { t } = this.kiosk;
    switch (this.screen) {
      case "form":
        return this.options ? this.#form(this.options) : nothing;
      case "thanks": {
        const score = this.rating?.score ?? this.score;
        const bad = this.options ? needsReason(score, this.options) : false;
        return this.#outcome("check", t("rateThanks"), [
          t("rateYourRating", { level: this.#levelName(score) }),
          ...(bad ? [t("rateFollowUp")] : []),
        ]);
      }
      case "already":
        return this.#outcome("check", t("rateAlready"), [t("rateAlreadyDetail")]);
      case "gone":
        return this.#outcome("", t("rateSubjectGone"), [], "alert");
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
        <h2>${t("rateTitle")}</h2>
      </div>
      ${this.#body()}`;
  }
}

customElements.define("linli-rate-panel", LinliRatePanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-rate-panel": LinliRatePanel;
  }
}
