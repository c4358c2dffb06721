import type { FollowUp, FollowUpState, RatingOptions } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import { sharedStyles } from "../../components/shared-styles.js";
import { dateTimeText } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import { consoleStyles } from "../styles.js";

export interface FollowUpUpdateDetail {
  id: string;
  state: "contacted" | "resolved";
  note: string;
}

const STATE_TEXT: Record<FollowUpState, MessageKey> = {
  open: "followUpOpen",
  contacted: "followUpContacted",
  resolved: "followUpResolved",
};
const PRESETS: readonly MessageKey[] = ["notePreset1", "notePreset2", "notePreset3"];
const NOTE_MAX = 500;

/**
 * The follow-up queue (回访) of bad ratings: soonest deadline first, overdue
 * ones marked in words and colour, each with what the resident said. An
 * operator records a contact or resolves one with a note; the component
 * only reports it (`linli-follow-up-update`), the page saves it.
 */
export class LinliOpFollowUps extends LitElement {
  static override properties = {
    t: { attribute: false },
    lang: { attribute: false },
    items: { attribute: false },
    options: { attribute: false },
    saving: { attribute: false },
    error: { attribute: false },
    editing: { state: true },
    note: { state: true },
    noteError: { state: true },
  };

  static override styles = [
    sharedStyles,
    consoleStyles,
    css`
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 10px;
      }
      li {
        display: grid;
        gap: 6px;
        padding: 12px 16px;
        border: 1px solid var(--linli-line);
        border-inline-start: 8px solid var(--op-notice);
        border-radius: var(--linli-radius);
      }
      li.overdue {
        border-inline-start-color: var(--op-critical);
      }
      li.resolved {
        border-inline-start-color: var(--op-ok);
      }
      .history {
        margin: 0;
        padding-inline-start: 1.2em;
        color: var(--linli-muted);
      }
      form {
        display: grid;
        gap: 10px;
      }
    `,
  ];

  declare t: Translate;
  declare lang: Lang;
  declare items: FollowUp[];
  declare options: RatingOptions | undefined;
  declare saving: boolean;
  declare error: string;
  declare editing: string | undefined;
  declare note: string;
  declare noteError: string;

  constructor() {
    super();
    this.items = [];
    this.saving = false;
    this.error = "";
    this.note = "";
    this.noteError = "";
  }

  /** Closes the open form after the page saved it. */
  saved(): void {
    this.editing = undefined;
    this.note = "";
    this.noteError = "";
  }

  #subject(item: FollowUp): string {
    const { subject } = item.rating;
    const service = this.options?.services.find((entry) => entry.code === subject.id);
    if (subject.kind === "service" && service) return this.lang === "en" ? service.en : service.zh;
    if (subject.name) return subject.name;
    if (subject.kind === "kiosk") return this.t("subjectKiosk");
    return this.t(subject.kind === "outlet" ? "subjectOutlet" : "subjectService", {
      id: subject.id ?? "",
    });
  }

  #level(score: number, fallback: string): string {
    const level = this.options?.levels.find((entry) => entry.score === score);
    return level ? (this.lang === "en" ? level.en : level.zh) : fallback;
  }

  #reasons(codes: string[]): string {
    return codes
      .map((code) => {
        const reason = this.options?.reasons.find((entry) => entry.code === code);
        return reason ? (this.lang === "en" ? reason.en : reason.zh) : code;
      })
      .join(this.t("listSeparator"));
  }

  #update(id: string, state: "contacted" | "resolved"): void {
    const note = this.note.trim();
    if (!note) {
      this.noteError = this.t("noteMissing");
      return;
    }
    this.noteError = "";
    this.dispatchEvent(
      new CustomEvent<FollowUpUpdateDetail>("linli-follow-up-update", {
        detail: { id, state, note: note.slice(0, NOTE_MAX) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const { t } = this;
    if (this.items.length === 0) return html`<p class="empty">${t("noFollowUps")}</p>`;
    return html`<ol>
      ${this.items.map((item) => this.#item(item))}
    </ol>`;
  }

  #item(item: FollowUp) {
    const { t, lang } = this;
    const { rating } = item;
    const tone = item.state === "resolved" ? "resolved" : item.overdue ? "overdue" : "";
    return html`<li class=${tone} data-followup=${item.id} data-overdue=${String(item.overdue)}>
      <div class="row">
        <strong>${this.#subject(item)}</strong>
        <span class="badge critical">${this.#level(rating.score, rating.level)}</span>
        <span class="badge ${item.state === "resolved" ? "ok" : "notice"}">${t(STATE_TEXT[item.state])}</span>
        ${item.overdue ? html`<span class="badge critical">${t("followUpOverdue")}</span>` : nothing}
      </div>
      <p class=${item.overdue ? "error" : ""}>${t("followUpDue", { time: dateTimeText(item.dueAt, lang) })}</p>
      <p class="muted">
        ${t("followUpFrom", {
          source: rating.source === "kiosk" ? t("sourceKiosk") : t("sourceRatingBox"),
          time: dateTimeText(rating.createdAt, lang),
        })}
      </p>
      ${
        rating.reasons.length > 0
          ? html`<p>${t("followUpReasons", { list: this.#reasons(rating.reasons) })}</p>`
          : nothing
      }
      ${rating.text ? html`<p>${t("followUpText", { text: rating.text })}</p>` : nothing}
      ${
        item.history.length > 0
          ? html`<ul class="history">
            ${item.history.map(
              (entry) =>
                html`<li>
                  ${t("historyLine", {
                    time: dateTimeText(entry.at, lang),
                    state: t(STATE_TEXT[entry.state]),
                    note: entry.note,
                  })}
                </li>`,
            )}
          </ul>`
          : nothing
      }
      ${item.state === "resolved" ? nothing : this.#form(item)}
    </li>`;
  }

  #form(item: FollowUp) {
    const { t } = this;
    if (this.editing !== item.id) {
      return html`<div class="row">
        <button
          class="btn"
          @click=${() => {
            this.editing = item.id;
            this.note = "";
            this.noteError = "";
          }}
        >
          ${t("followUpHandle")}
        </button>
      </div>`;
    }
    const noteId = `note-${item.id}`;
    return html`<form @submit=${(event: Event) => event.preventDefault()}>
      <label class="field" for=${noteId}>${t("followUpNote")}</label>
      <div class="row">
        ${PRESETS.map(
          (key) => html`<button
            type="button"
            class="chip"
            @click=${() => {
              this.note = t(key);
            }}
          >
            ${t(key)}
          </button>`,
        )}
      </div>
      <textarea
        id=${noteId}
        maxlength=${NOTE_MAX}
        .value=${this.note}
        @input=${(event: Event) => {
          this.note = (event.target as HTMLTextAreaElement).value;
        }}
      ></textarea>
      <p class="error" role="alert">${this.noteError || this.error}</p>
      <div class="row">
        ${
          item.state === "open"
            ? html`<button
              type="button"
              class="btn"
              ?disabled=${this.saving}
              @click=${() => this.#update(item.id, "contacted")}
            >
              ${t("markContacted")}
            </button>`
            : nothing
        }
        <button
          type="button"
          class="btn primary"
          ?disabled=${this.saving}
          @click=${() => this.#update(item.id, "resolved")}
        >
          ${t("markResolved")}
        </button>
      </div>
    </form>`;
  }
}

customElements.define("linli-op-follow-ups", LinliOpFollowUps);

declare global {
  interface HTMLElementTagNameMap {
    "linli-op-follow-ups": LinliOpFollowUps;
  }
}
