import type {
  BookingView,
  CentreDirectory,
  CommunitySession,
  Notice,
  SessionsResponse,
} from "@linli/protocols/api";
import { html, nothing, type PropertyValues } from "lit";
import "../components/linli-icon.js";
import "../components/linli-notice-list.js";
import { noticesSpeech } from "../components/linli-notice-list.js";
import { sharedStyles } from "../components/shared-styles.js";
import { AgentUnreachableError, ApiError, isStoreFull } from "../data/api.js";
import {
  bookSession,
  cancelBooking,
  fetchBooking,
  fetchDirectory,
  fetchNotices,
  fetchSessions,
  isMobile,
  maskedPhone,
  printDirectory,
} from "../data/community.js";
import type { MessageKey } from "../i18n/i18n.js";
import { goBack } from "../router.js";
import { communityPanelStyles } from "./community-panel-styles.js";
import { flowPanelStyles } from "./flow-panel-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

type Screen = "loading" | "failed" | "list" | "book" | "phone" | "outcome" | "cancel" | "directory";

const AUDIENCE_KEYS: Readonly<Record<string, MessageKey>> = {
  elderly: "audienceElderly",
  "job-seekers": "audienceJobSeekers",
  residents: "audienceResidents",
};
const KIND_ICONS: Readonly<Record<string, string>> = {
  meal: "canteen",
  course: "book",
  employment: "school",
  other: "clock",
};
const POLL_MS = 800;

/** "06-01 11:30-12:30" on the Beijing clock. */
function when(session: { startsAt: string; endsAt: string }): string {
  const local = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  const start = local(session.startsAt);
  const end = local(session.endsAt);
  return `${start.slice(5, 10)} ${start.slice(11, 16)}-${end.slice(11, 16)}`;
}

/**
 * Community services (社区预约): the notices, the sessions with seats left,
 * booking one with a printed ticket or a phone number (only its last four
 * digits are kept), the pending state while another kiosk confirms, the
 * outcome in words, cancelling by the ticket's code, and the centre's
 * directory with a print button.
 */
export class LinliCommunityPanel extends KioskPanel {
  static override properties = {
    ...KioskPanel.properties,
    screen: { state: true },
    notices: { state: true },
    sessions: { state: true },
    chosen: { state: true },
    eligible: { state: true },
    seats: { state: true },
    digits: { state: true },
    busy: { state: true },
    problem: { state: true },
    booking: { state: true },
    outcomeText: { state: true },
    directory: { state: true },
    printed: { state: true },
  };

  static override styles = [sharedStyles, flowPanelStyles, communityPanelStyles];

  declare screen: Screen;
  declare notices: readonly Notice[];
  declare sessions: SessionsResponse | undefined;
  declare chosen: CommunitySession | undefined;
  declare eligible: boolean;
  declare seats: number;
  declare digits: string;
  declare busy: boolean;
  declare problem: string;
  declare booking: BookingView | undefined;
  declare outcomeText: string;
  declare directory: CentreDirectory | undefined;
  declare printed: boolean;
  #abort: AbortController | undefined;
  #poll: number | undefined;

  constructor() {
    super();
    this.screen = "loading";
    this.notices = [];
    this.eligible = false;
    this.seats = 1;
    this.digits = "";
    this.busy = false;
    this.problem = "";
    this.outcomeText = "";
    this.printed = false;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.toggleAttribute("elderly", this.kiosk.elderly);
    if (changed.has("route") && !changed.get("route")) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    window.clearTimeout(this.#poll);
  }

  #signal(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  async #load(): Promise<void> {
    const signal = this.#signal();
    window.clearTimeout(this.#poll);
    this.screen = "loading";
    this.problem = "";
    try {
      const [notices, sessions] = await Promise.all([fetchNotices(signal), fetchSessions(signal)]);
      this.notices = notices.items;
      this.sessions = sessions;
      this.screen = "list";
    } catch (error) {
      if (!signal.aborted && !(error instanceof AgentUnreachableError)) this.screen = "failed";
    }
  }

  #choose(session: CommunitySession): void {
    this.chosen = session;
    this.eligible = session.audience === "everyone";
    this.seats = 1;
    this.digits = "";
    this.problem = "";
    this.screen = "book";
    window.scrollTo({ top: 0 });
  }

  async #book(phone?: string): Promise<void> {
    const session = this.chosen;
    if (!session || this.busy) return;
    const signal = this.#signal();
    this.busy = true;
    this.problem = "";
    try {
      const booking = await bookSession(
        {
          sessionId: session.id,
          seats: this.seats,
          eligible: this.eligible,
          ...(phone === undefined ? { print: true } : { phone }),
        },
        signal,
      );
      this.#show(booking);
    } catch (error) {
      if (signal.aborted || error instanceof AgentUnreachableError) return;
      this.booking = undefined;
      this.outcomeText = this.#refusalText(error);
      this.screen = "outcome";
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  /** The agent's own words for a refusal; a full store's in the resident's language. */
  #refusalText(error: unknown): string {
    if (isStoreFull(error)) return this.kiosk.t("storeFull");
    return error instanceof ApiError ? error.message : this.kiosk.t("loadFailed");
  }

  #show(booking: BookingView): void {
    this.booking = booking;
    this.outcomeText = booking.message;
    this.screen = "outcome";
    window.clearTimeout(this.#poll);
    if (booking.state === "pending") {
      this.#poll = window.setTimeout(() => void this.#follow(booking.id), POLL_MS);
    }
  }

  async #follow(id: string): Promise<void> {
    try {
      this.#show(await fetchBooking(id, this.#abort?.signal));
    } catch {
      this.#poll = window.setTimeout(() => void this.#follow(id), POLL_MS);
    }
  }

  async #cancel(): Promise<void> {
    if (this.busy || this.digits.length !== 8) return;
    const signal = this.#signal();
    this.busy = true;
    this.problem = "";
    try {
      const cancelled = await cancelBooking(this.digits, signal);
      this.booking = cancelled;
      this.outcomeText = cancelled.message;
      this.screen = "outcome";
    } catch (error) {
      if (signal.aborted || error instanceof AgentUnreachableError) return;
      this.problem = this.#refusalText(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  async #openDirectory(): Promise<void> {
    const signal = this.#signal();
    this.printed = false;
    this.problem = "";
    try {
      this.directory = await fetchDirectory(signal);
      this.screen = "directory";
    } catch (error) {
      if (signal.aborted || error instanceof AgentUnreachableError) return;
      this.problem = this.#refusalText(error);
    }
  }

  async #printDirectory(): Promise<void> {
    const signal = this.#signal();
    this.busy = true;
    try {
      await printDirectory(signal);
      this.printed = true;
    } catch (error) {
      if (signal.aborted || error instanceof AgentUnreachableError) return;
      this.problem = this.#refusalText(error);
    } finally {
      if (!signal.aborted) this.busy = false;
    }
  }

  #key(key: string, max: number): void {
    if (key === "clear") this.digits = "";
    else if (key === "backspace") this.digits = this.digits.slice(0, -1);
    else if (this.digits.length < max) this.digits += key;
  }

  // —— words ——

  speechText(): string {
    const { t } = this.kiosk;
    switch (this.screen) {
      case "list": {
        const items = this.sessions?.items ?? [];
        const list = items.map((s) => `${s.titleZh} ${when(s)}`).join("；");
        const notices = noticesSpeech(this.notices, this.kiosk);
        return `${items.length > 0 ? t("speechCommunity", { list }) : t("speechCommunityNone")} ${notices}`;
      }
      case "book":
      case "phone":
        return this.chosen
          ? t("speechBook", {
              title: this.chosen.titleZh,
              time: when(this.chosen),
              place: this.chosen.placeZh,
            })
          : "";
      case "outcome":
        return t("speechBookingDone", { message: this.outcomeText });
      case "cancel":
        return t("speechCancel");
      case "directory":
        return t("speechDirectory", {
          list: (this.directory?.entries ?? [])
            .map((entry) => `${entry.nameZh}${entry.whereZh ? `，${entry.whereZh}` : ""}`)
            .join("；"),
        });
      default:
        return t(this.screen === "failed" ? "loadFailed" : "loading");
    }
  }

  // —— screens ——

  #keypad(max: number) {
    const { t } = this.kiosk;
    const key = (value: string, label: string, word = false) =>
      html`<button
        class=${`btn ${word ? "word" : ""}`}
        data-key=${value}
        ?disabled=${this.busy}
        @click=${() => this.#key(value, max)}
      >
        ${label}
      </button>`;
    return html`<div class="keys" role="group" aria-label=${t("phonePrompt")}>
      ${["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((digit) => key(digit, digit))}
      ${key("clear", t("keyClear"), true)} ${key("0", "0")} ${key("backspace", t("keyBackspace"), true)}
    </div>`;
  }

  #list(sessions: SessionsResponse) {
    const { t } = this.kiosk;
    return html`${
      this.notices.length > 0
        ? html`<section class="step" aria-labelledby="notices">
          <h3 id="notices">${t("noticesTitle")}</h3>
          <linli-notice-list .kiosk=${this.kiosk} .notices=${this.notices} .limit=${5}></linli-notice-list>
        </section>`
        : nothing
    }
      <div class="actions">
        <button class="btn main" data-action="cancel" @click=${() => this.#openCancel()}>
          <linli-icon name="backspace"></linli-icon>${t("cancelTile")}
        </button>
        <button class="btn main" data-action="directory" @click=${() => void this.#openDirectory()}>
          <linli-icon name="pin"></linli-icon>${t("directoryTile")}
        </button>
      </div>
      ${this.problem ? html`<p class="card problem" role="alert">${this.problem}</p>` : nothing}
      ${sessions.uplinkConnected ? nothing : html`<p class="card step">${t("offlineWaits")}</p>`}
      <h3 id="sessions">${t("sessionsTitle")}</h3>
      ${
        sessions.items.length === 0
          ? html`<p>${t("sessionsNone")}</p>`
          : html`<div class="sessions" role="list" aria-labelledby="sessions">
            ${sessions.items.map((session) => this.#session(session))}
          </div>`
      }`;
  }

  #session(session: CommunitySession) {
    const { t, lang } = this.kiosk;
    const full = session.seatsLeft === 0 || session.status !== "open";
    const blocked = !session.ownerReachable;
    return html`<article class="card session" role="listitem" data-session=${session.id} data-kind=${session.kind}>
      <h3>
        <linli-icon name=${KIND_ICONS[session.kind] ?? "clock"}></linli-icon>
        <span>${lang === "en" ? session.titleEn : session.titleZh}</span>
      </h3>
      <p>${when(session)} · ${lang === "en" ? session.placeEn : session.placeZh}</p>
      ${session.noteZh ? html`<p class="muted">${lang === "en" ? (session.noteEn ?? session.noteZh) : session.noteZh}</p>` : nothing}
      <p class="seats">${full ? t("sessionFull") : t("sessionSeatsLeft", { n: session.seatsLeft })}</p>
      ${
        session.local
          ? nothing
          : html`<p class="muted">
            ${blocked ? t("sessionUnreachable") : t("sessionRemote", { owner: session.owner })}
          </p>`
      }
      <button
        class="btn main primary"
        data-book=${session.id}
        ?disabled=${full || blocked}
        @click=${() => this.#choose(session)}
      >
        ${t("sessionBook")}
      </button>
    </article>`;
  }

  #bookScreen(session: CommunitySession) {
    const { t, lang } = this.kiosk;
    const audienceKey = AUDIENCE_KEYS[session.audience];
    return html`<section class="card step summary" aria-labelledby="chosen">
        <h3 id="chosen">${lang === "en" ? session.titleEn : session.titleZh}</h3>
        <p>${when(session)} · ${lang === "en" ? session.placeEn : session.placeZh}</p>
        <p class="seats">${t("sessionSeatsLeft", { n: session.seatsLeft })}</p>
      </section>
      ${
        audienceKey
          ? html`<section class="card step" aria-labelledby="audience">
            <h3 id="audience">${t("audienceHint")}</h3>
            <div class="chips">
              <button
                class="chip"
                data-eligible
                aria-pressed=${this.eligible ? "true" : "false"}
                @click=${() => {
                  this.eligible = !this.eligible;
                }}
              >
                ${t(audienceKey)}
              </button>
            </div>
          </section>`
          : nothing
      }
      ${
        session.maxSeatsPerBooking > 1
          ? html`<section class="card step" aria-labelledby="seats">
            <h3 id="seats">${t("seatsLabel")}</h3>
            <div class="chips">
              ${Array.from(
                { length: Math.min(session.maxSeatsPerBooking, session.seatsLeft) },
                (_, i) => i + 1,
              ).map(
                (n) => html`<button
                  class="chip"
                  data-seats=${n}
                  aria-pressed=${this.seats === n ? "true" : "false"}
                  @click=${() => {
                    this.seats = n;
                  }}
                >
                  ${t("seatsN", { n })}
                </button>`,
              )}
            </div>
          </section>`
          : nothing
      }
      <h3>${t("bookHow")}</h3>
      <div class="actions">
        <button
          class="btn main primary"
          data-action="ticket"
          ?disabled=${this.busy || !this.eligible}
          @click=${() => void this.#book()}
        >
          <linli-icon name="printer"></linli-icon>${t("bookTicket")}
        </button>
        <button
          class="btn main"
          data-action="phone"
          ?disabled=${this.busy || !this.eligible}
          @click=${() => {
            this.digits = "";
            this.screen = "phone";
          }}
        >
          <linli-icon name="phone"></linli-icon>${t("bookPhone")}
        </button>
      </div>`;
  }

  #phoneScreen() {
    const { t } = this.kiosk;
    const last = this.digits.length === 11 ? this.digits.slice(-4) : "";
    return html`<section class="card step" aria-labelledby="phone">
        <h3 id="phone">${t("phonePrompt")}</h3>
        <p class="typed" data-typed aria-live="polite">${maskedPhone(this.digits) || "\u00a0"}</p>
        <p>${last ? t("phoneKeptHint", { last }) : t("phoneKeptHintEmpty")}</p>
        ${this.#keypad(11)}
      </section>
      <div class="actions">
        <button
          class="btn main primary"
          data-action="submit-phone"
          ?disabled=${this.busy || !isMobile(this.digits)}
          @click=${() => void this.#book(this.digits)}
        >
          ${t("phoneSubmit")}
        </button>
      </div>`;
  }

  #outcome() {
    const { t } = this.kiosk;
    const booking = this.booking;
    const pending = booking?.state === "pending";
    const ok = booking?.state === "confirmed" || booking?.state === "cancelled";
    const heading = pending
      ? t("bookingPending")
      : booking?.state === "confirmed"
        ? t("bookingConfirmed")
        : booking?.state === "cancelled"
          ? t("cancelDone")
          : booking
            ? t("bookingRefused")
            : t("bookingUnavailable");
    return html`<div
        class="card outcome"
        role=${ok || pending ? "status" : "alert"}
        data-state=${booking?.state ?? "refused"}
        aria-busy=${pending ? "true" : "false"}
      >
        ${ok ? html`<linli-icon name="check"></linli-icon>` : nothing}
        <h3>${heading}</h3>
        ${pending ? html`<p>${t("bookingPendingHint")}</p>` : nothing}
        ${
          booking?.code
            ? html`<p>${t("bookingCode")}</p>
              <p class="code" data-code=${booking.code}>${booking.code.slice(0, 4)} ${booking.code.slice(4)}</p>`
            : nothing
        }
        <p data-message>${this.outcomeText}</p>
      </div>
      <div class="actions">
        <button class="btn main primary" @click=${() => void this.#load()}>${t("bookingAnother")}</button>
      </div>`;
  }

  #openCancel(): void {
    this.digits = "";
    this.problem = "";
    this.screen = "cancel";
  }

  #cancelScreen() {
    const { t } = this.kiosk;
    return html`<section class="card step" aria-labelledby="cancel">
        <h3 id="cancel">${t("cancelPrompt")}</h3>
        <p class="typed" data-typed aria-live="polite">${this.digits || "\u00a0"}</p>
        ${this.#keypad(8)}
      </section>
      ${this.problem ? html`<p class="card problem" role="alert">${this.problem}</p>` : nothing}
      <div class="actions">
        <button
          class="btn main primary"
          data-action="submit-cancel"
          ?disabled=${this.busy || this.digits.length !== 8}
          @click=${() => void this.#cancel()}
        >
          ${t("cancelSubmit")}
        </button>
      </div>`;
  }

  #directoryScreen(directory: CentreDirectory) {
    const { t, lang } = this.kiosk;
    const en = lang === "en";
    return html`<section class="card step summary" aria-labelledby="directory">
        <h3 id="directory">${en ? directory.nameEn : directory.nameZh}</h3>
        <p>${directory.addressZh}</p>
        <p>${t("directoryHours", { hours: en ? directory.hoursEn : directory.hoursZh })}</p>
        <p>${t("directoryPhone", { phone: directory.phone })}</p>
      </section>
      <div class="entries">
        ${directory.entries.map(
          (entry) => html`<article class="card entry" data-entry=${entry.id}>
            <h3>${en ? entry.nameEn : entry.nameZh}</h3>
            ${entry.whereZh ? html`<p>${t("directoryWhere", { where: en ? (entry.whereEn ?? entry.whereZh) : entry.whereZh })}</p>` : nothing}
            ${entry.hoursZh ? html`<p>${t("directoryHours", { hours: en ? (entry.hoursEn ?? entry.hoursZh) : entry.hoursZh })}</p>` : nothing}
            ${entry.phone ? html`<p>${t("directoryPhone", { phone: entry.phone })}</p>` : nothing}
            ${entry.descriptionZh ? html`<p class="muted">${en ? (entry.descriptionEn ?? entry.descriptionZh) : entry.descriptionZh}</p>` : nothing}
          </article>`,
        )}
      </div>
      ${this.problem ? html`<p class="card problem" role="alert">${this.problem}</p>` : nothing}
      ${this.printed ? html`<p class="card step" role="status">${t("directoryPrinted")}</p>` : nothing}
      <div class="actions">
        <button class="btn main primary" data-action="print-directory" ?disabled=${this.busy} @click=${() => void this.#printDirectory()}>
          <linli-icon name="printer"></linli-icon>${t("directoryPrint")}
        </button>
      </div>`;
  }

  #body() {
    const { t } = this.kiosk;
    switch (this.screen) {
      case "list":
        return this.sessions ? this.#list(this.sessions) : nothing;
      case "book":
        return this.chosen ? this.#bookScreen(this.chosen) : nothing;
      case "phone":
        return this.#phoneScreen();
      case "outcome":
        return this.#outcome();
      case "cancel":
        return this.#cancelScreen();
      case "directory":
        return this.directory ? this.#directoryScreen(this.directory) : nothing;
      case "failed":
        return html`<div class="card outcome" role="alert">
          <p>${t("loadFailed")}</p>
          <button class="btn main" @click=${() => void this.#load()}>${t("retry")}</button>
        </div>`;
      default:
        return html`<p aria-busy="true">${t("loading")}</p>`;
    }
  }

  #back(): void {
    if (this.screen === "list" || this.screen === "loading" || this.screen === "failed") goBack();
    else if (this.screen === "phone") this.screen = "book";
    else void this.#load();
  }

  override render() {
    const { t } = this.kiosk;
    return html`<div class="head">
        <button class="btn main" @click=${() => this.#back()}><linli-icon name="back"></linli-icon>${t("back")}</button>
        <h2>${t("communityTitle")}</h2>
      </div>
      ${this.#body()}`;
  }
}

customElements.define("linli-community-panel", LinliCommunityPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-community-panel": LinliCommunityPanel;
  }
}
