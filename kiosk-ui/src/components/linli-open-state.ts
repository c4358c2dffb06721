import { css, html, LitElement } from "lit";
import { type OpenStateLike, openStateText } from "../i18n/format.js";
import type { Translate } from "../i18n/i18n.js";
import { sharedStyles } from "./shared-styles.js";

/** 营业中 / 已打烊 with when it closes or opens next, in words and colour. */
export class LinliOpenState extends LitElement {
  static override properties = { t: { attribute: false }, outlet: { attribute: false } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 12px;
        font-size: var(--linli-small);
      }
      .label {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        font-weight: 700;
      }
      .label::before {
        content: "";
        inline-size: 0.7em;
        block-size: 0.7em;
        border-radius: 50%;
        background: currentColor;
      }
      [data-tone="open"] {
        color: var(--linli-green);
      }
      [data-tone="closed"] {
        color: var(--linli-amber);
      }
      [data-tone="unknown"] {
        color: var(--linli-muted);
      }
      [data-tone="closed"]::before {
        background: transparent;
        border: 3px solid currentColor;
      }
    `,
  ];

  declare t: Translate;
  declare outlet: OpenStateLike;

  override render() {
    const state = openStateText(this.t, this.outlet);
    return html`<span class="label" data-tone=${state.tone}>${state.label}</span>${
      state.detail ? html`<span class="detail muted">${state.detail}</span>` : null
    }`;
  }
}

customElements.define("linli-open-state", LinliOpenState);

declare global {
  interface HTMLElementTagNameMap {
    "linli-open-state": LinliOpenState;
  }
}
