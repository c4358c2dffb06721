import type { GuideJobResponse, GuidePreviewResponse, GuideRequest } from "@linli/protocols/api";
import { css, html, nothing, type PropertyValues } from "lit";
import "../components/linli-icon.js";
import "../components/linli-guide-chooser.js";
import "../components/linli-print-progress.js";
import "../components/linli-receipt-preview.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError, ApiError, LatestRequest } from "../data/api.js";
import {
  fetchGuideJob,
  type GuideChoice,
  guideRefusal,
  guideRequest,
  isFinalJobState,
  MAX_GUIDE_OUTLETS,
  newPrintRequestId,
  previewGuide,
  printGuide,
  printProgress,
} from "../data/guides.js";
import type { MessageKey } from "../i18n/i18n.js";
import { goBack, navigate } from "../router.js";
import { flowPanelStyles } from "./flow-panel-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

type Step = "choose" | "preview" | "job";
type Candidate = GuidePreviewResponse["outlets"][number];

/** How often a print's state is asked for; the job route is the truth, so a missed answer costs one beat. */
const POLL_MS = 1_000;

/**
 * Print a service guide: choose a category (or come with outlets from an
 * outlet's page, `/print?outlet=ID`), leave out any of its outlets, normal or
 * large print, see the preview line for line, print, and follow the print
 * until it is taken — with what staff must fix said in plain words. The
 * print's state is polled from the agent's job route (GET
 * /api/v1/guides/jobs/:id): it is authoritative, survives a dropped
 * connection, and needs no event filtering.
 */
export class LinliPrintPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    step: { state: true },
    choice: { state: true },
    candidates: { state: true },
    largePrint: { state: true },
    preview: { state: true },
    job: { state: true },
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
      .preview-head {
        display: grid;
        gap: 6px;
      }
    `,
  ];

  declare step: Step;
  declare choice: GuideChoice | undefined;
  declare candidates: readonly Candidate[];
  declare largePrint: boolean;
  declare preview: GuidePreviewResponse | undefined;
  declare job: GuideJobResponse | undefined;
  declare busy: boolean;
  declare problem: MessageKey | "";
  /** Until the resident picks a size, large print follows 长辈模式. */
  #sizeChosen = false;
  #requestId = "";
  /** What the preview showed: exactly what 打印 prints, whatever changed on screen since. */
  #previewed: GuideRequest | undefined;
  #jobId = "";
  /** The request the screen waits on; a newer one drops it. */
  readonly #requests = new LatestRequest();
  #pollTimer: number | undefined;

  constructor() {
    super();
    this.step = "choose";
    this.candidates = [];
    this.largePrint = false;
    this.busy = false;
    this.problem = "";
  }

  // —— what the URL brings ——

  override willUpdate(changed: PropertyValues<this>): void {
    this.toggleAttribute("elderly", this.kiosk.elderly);
    if (!this.#sizeChosen) this.largePrint = this.kiosk.elderly;
    if (!changed.has("route")) return;
    const before = changed.get("route");
    if (before && before.params.toString() === this.route.params.toString()) return;
    this.#startOver();
    const outletIds = [...new Set(this.route.params.getAll("outlet").filter(Boolean))];
    const category = this.route.params.get("category") ?? "";
    if (outletIds.length > 0) void this.#choose({ kind: "outlets", ids: outletIds });
    else if (category) void this.#choose({ kind: "category", code: category });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.step === "job" && this.#jobId && !(this.job && isFinalJobState(this.job.state))) {
      this.#poll(this.#jobId, 0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#requests.cancel();
    window.clearTimeout(this.#pollTimer);
  }

  #startOver(): void {
    this.#requests.cancel();
    window.clearTimeout(this.#pollTimer);
    this.step = "choose";
    this.choice = undefined;
    this.candidates = [];
    this.preview = undefined;
    this.#previewed = undefined;
    this.job = undefined;
    this.busy = false;
    this.problem = "";
    this.#jobId = "";
  }

  /** An agent's refusal in the resident's words; an unreachable agent is the shell's to show. */
  #refused(error: unknown): void {
    if (error instanceof AgentUnreachableError) return;
    this.problem = error instanceof ApiError ? guideRefusal(error.code) : "loadFailed";
  }

  // —— choosing ——

  /** Loads what a category or the given outlets would print, and chooses all of it. */
  async #choose(
    what: { kind: "category"; code: string } | { kind: "outlets"; ids: string[] },
  ): Promise<void> {
    const signal = this.#requests.next();
    this.busy = true;
    this.problem = "";
    this.choice =
      what.kind === "category"
        ? { kind: "category", code: what.code, outletIds: [], chosen: new Set() }
        : undefined;
    this.candidates = [];
    try {
      const request =
        what.kind === "category"
          ? { category: what.code }
          : { outletIds: what.ids.slice(0, MAX_GUIDE_OUTLETS) };
      const preview = await previewGuide({ ...request, elderly: this.kiosk.elderly }, signal);
      const outletIds = preview.outlets.map((outlet) => outlet.id);
      this.candidates = preview.outlets;
      this.choice =
        what.kind === "category"
          ? { kind: "category", code: what.code, outletIds, chosen: new Set(outletIds) }
          : { kind: "outlets", outletIds, chosen: new Set(outletIds) };
    } catch (error) {
      if (signal.aborted) return;
      this.#refused(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  #toggleOutlet(id: string): void {
    const choice = this.choice;
    if (!choice) return;
    const chosen = new Set(choice.chosen);
    if (chosen.has(id)) chosen.delete(id);
    else chosen.add(id);
    this.choice = { ...choice, chosen };
    if (chosen.size > 0 && this.problem === "printNothingChosen") this.problem = "";
  }

  #chooseSize(large: boolean): void {
    this.#sizeChosen = true;
    this.largePrint = large;
  }

  // —— preview and print ——

  async #showPreview(): Promise<void> {
    const request = this.choice
      ? guideRequest(this.choice, { largePrint: this.largePrint, elderly: this.kiosk.elderly })
      : undefined;
    if (!request) {
      this.problem = "printNothingChosen";
      return;
    }
    const signal = this.#requests.next();
    this.busy = true;
    this.problem = "";
    try {
      this.preview = await previewGuide(request, signal);
      this.#previewed = request;
      this.#requestId = newPrintRequestId();
      this.step = "preview";
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (signal.aborted) return;
      this.#refused(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  async #print(): Promise<void> {
    const request = this.#previewed;
    if (!request || this.busy) return;
    const signal = this.#requests.next();
    this.busy = true;
    this.problem = "";
    try {
      // The same requestId on a second tap or a retry answers the same job: one guide, not two.
      const accepted = await printGuide({ ...request, requestId: this.#requestId }, signal);
      this.#jobId = accepted.jobId;
      this.job = undefined;
      this.step = "job";
      this.#poll(accepted.jobId, 0);
    } catch (error) {
      if (signal.aborted) return;
      this.#refused(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  #poll(jobId: string, delay: number): void {
    window.clearTimeout(this.#pollTimer);
    this.#pollTimer = window.setTimeout(async () => {
      const signal = this.#requests.next();
      try {
        this.job = await fetchGuideJob(jobId, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) {
          this.problem = "printFailed";
          return;
        }
        // Unreachable for a moment: the shell shows it; keep asking.
      }
      if (jobId !== this.#jobId) return;
      if (!this.job || !isFinalJobState(this.job.state)) this.#poll(jobId, POLL_MS);
    }, delay);
  }

  #printAnother(): void {
    if (this.route.params.toString() === "") this.#startOver();
    else navigate("/print", { replace: true });
  }

  // —— words ——

  #names(limit: number): string {
    const { t } = this.kiosk;
    const outlets = this.step === "preview" ? (this.preview?.outlets ?? []) : this.#chosenOutlets();
    return outlets
      .slice(0, limit)
      .map((outlet) => outlet.name)
      .join(t("listSeparator"));
  }

  #chosenOutlets(): readonly Candidate[] {
    const chosen = this.choice?.chosen;
    return chosen ? this.candidates.filter((outlet) => chosen.has(outlet.id)) : [];
  }

  speechText(): string {
    const { t, lang } = this.kiosk;
    if (this.step === "job") {
      const progress = printProgress(this.job);
      return [t("printTitle"), t(progress.message), progress.resumes ? t("printResumes") : ""]
        .filter(Boolean)
        .join(lang === "en" ? ". " : "。");
    }
    if (this.step === "preview") {
      return t("speechPrintPreview", {
        n: this.preview?.outlets.length ?? 0,
        list: this.#names(MAX_GUIDE_OUTLETS),
      });
    }
    if (this.choice && this.candidates.length > 0) {
      return t("speechPrintOutlets", { n: this.#chosenOutlets().length, list: this.#names(5) });
    }
    return t("speechPrintChoose");
  }

  // —— screens ——

  #chooseScreen() {
    const { t } = this.kiosk;
    return html`<p class="lead">${t("printLead")}</p>
      <linli-guide-chooser
        .kiosk=${this.kiosk}
        .category=${this.choice?.kind === "category" ? this.choice.code : ""}
        .outlets=${this.choice ? this.candidates : []}
        .chosen=${this.choice?.chosen ?? new Set<string>()}
        .largePrint=${this.largePrint}
        @linli-category=${(event: CustomEvent<string>) =>
          void this.#choose({ kind: "category", code: event.detail })}
        @linli-toggle=${(event: CustomEvent<string>) => this.#toggleOutlet(event.detail)}
        @linli-size=${(event: CustomEvent<boolean>) => this.#chooseSize(event.detail)}
      ></linli-guide-chooser>
      <div class="actions">
        <button class="btn main primary" ?disabled=${this.busy} @click=${() => void this.#showPreview()}>
          ${t("printPreviewButton")}
        </button>
      </div>`;
  }

  #previewScreen(preview: GuidePreviewResponse) {
    const { t, lang } = this.kiosk;
    return html`<div class="preview-head">
        <h3>${t("printPreviewTitle")}</h3>
        <p class="muted">
          ${t("printPreviewHint")}${lang === "en" ? ` · ${t("printPreviewChinese")}` : ""} ·
          ${t("printGuideOutlets", { n: preview.outlets.length })}
        </p>
      </div>
      <div class="actions">
        <button class="btn main primary" ?disabled=${this.busy} @click=${() => void this.#print()}>
          <linli-icon name="printer"></linli-icon>${t("printNow")}
        </button>
        <button class="btn main" @click=${() => {
          this.step = "choose";
          this.problem = "";
        }}>${t("printChangeChoice")}</button>
      </div>
      <linli-receipt-preview
        .text=${preview.text}
        .columns=${preview.columns}
        .largePrint=${this.#previewed?.largePrint ?? false}
        .label=${t("printPreviewLabel")}
      ></linli-receipt-preview>
      <p class="muted">${t("printQrNote")}</p>`;
  }

  #jobScreen() {
    const { t } = this.kiosk;
    const final = this.job !== undefined && isFinalJobState(this.job.state);
    return html`<linli-print-progress .t=${t} .job=${this.job}></linli-print-progress>
      ${
        final
          ? html`<div class="actions">
            <button class="btn main primary" @click=${() => navigate("/")}>
              <linli-icon name="home"></linli-icon>${t("printBackHome")}
            </button>
            ${
              this.job?.state === "done"
                ? html`<button class="btn main" @click=${() => navigate("/rate?service=printing")}>
                  <linli-icon name="smile"></linli-icon>${t("printRateService")}
                </button>
                <button class="btn main" @click=${() => this.#printAnother()}>${t("printAgain")}</button>`
                : nothing
            }
          </div>`
          : nothing
      }`;
  }

  override render() {
    const { t } = this.kiosk;
    const body =
      this.step === "job"
        ? this.#jobScreen()
        : this.step === "preview" && this.preview
          ? this.#previewScreen(this.preview)
          : this.#chooseScreen();
    return html`<div class="head">
        <button class="btn main" @click=${goBack}><linli-icon name="back"></linli-icon>${t("back")}</button>
        <h2>${t("printTitle")}</h2>
      </div>
      ${this.problem ? html`<p class="card problem" role="alert">${t(this.problem)}</p>` : nothing}
      ${this.busy && this.step !== "job" ? html`<p class="muted" aria-busy="true">${t("loading")}</p>` : nothing}
      ${body}`;
  }
}

customElements.define("linli-print-panel", LinliPrintPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-print-panel": LinliPrintPanel;
  }
}
