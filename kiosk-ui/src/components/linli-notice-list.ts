import type { Notice } from "@linli/protocols/api";
import { css, html, LitElement, nothing } from "lit";
import type { KioskContext } from "../kiosk-context.js";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

/** A notice's title and text in the kiosk's language (Chinese when there is no translation). */
export function noticeText(
  notice: Notice,
  lang: KioskContext["lang"],
): { title: string; body: string } {
  return lang === "en"
    ? { title: notice.titleEn ?? notice.titleZh, body: notice.bodyEn ?? notice.bodyZh }
    : { title: notice.titleZh, body: notice.bodyZh };
}

/** The notices read aloud: "title. text" one after the other. */
export function noticesSpeech(notices: readonly Notice[], kiosk: KioskContext): string {
  if (notices.length === 0) return "";
  const list = notices
    .map((notice) => {
      const { title, body } = noticeText(notice, kiosk.lang);
      return `${title}：${body}`;
    })
    .join("；");
  return kiosk.t("speechNotices", { list });
}

/**
 * Community notices (社区通知), most urgent first, each with its priority in
 * words (not only in colour) and when it stops being valid. The owner gives
 * the notices; this only shows them.
 */
export class LinliNoticeList extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    notices: { attribute: false },
    limit: { type: Number },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
      }
      ul {
        display: grid;
        gap: 12px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        gap: 6px;
        padding: 16px 22px;
        border-inline-start: 8px solid var(--linli-line);
        text-align: start;
      }
      li[data-priority="urgent"] {
        border-inline-start-color: var(--linli-red);
      }
      li[data-priority="important"] {
        border-inline-start-color: var(--linli-amber);
      }
      h3 {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 8px 14px;
        font-size: var(--linli-action);
      }
      .badge {
        padding: 2px 10px;
        border-radius: 999px;
        background: var(--linli-red);
        color: #fff;
        font-size: var(--linli-small);
      }
      .badge.important {
        background: var(--linli-amber);
      }
      p {
        font-size: var(--linli-body);
      }
      .until {
        font-size: var(--linli-small);
      }
    `,
  ];

  declare kiosk: KioskContext;
  declare notices: readonly Notice[];
  declare limit: number;

  constructor() {
    super();
    this.notices = [];
    this.limit = 3;
  }

  override render() {
    const { t, lang } = this.kiosk;
    const shown = this.notices.slice(0, this.limit);
    if (shown.length === 0) return nothing;
    return html`<ul>
      ${shown.map((notice) => {
        const { title, body } = noticeText(notice, lang);
        return html`<li class="card" data-notice=${notice.id} data-priority=${notice.priority}>
          <h3>
            ${
              notice.priority === "normal"
                ? nothing
                : html`<span class=${`badge ${notice.priority}`}
                  >${t(notice.priority === "urgent" ? "noticeUrgent" : "noticeImportant")}</span
                >`
            }
            <span>${title}</span>
          </h3>
          <p>${body}</p>
          <p class="until muted">
            ${t("noticeValidUntil", { date: localDate(notice.validUntil) })}
          </p>
        </li>`;
      })}
    </ul>`;
  }
}

/** "2025-06-01" on the Beijing clock. */
function localDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

customElements.define("linli-notice-list", LinliNoticeList);

declare global {
  interface HTMLElementTagNameMap {
    "linli-notice-list": LinliNoticeList;
  }
}
