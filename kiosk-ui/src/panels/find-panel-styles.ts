import { css } from "lit";

/** The find panel's layout: filters and results, with the keyboard below (portrait) or beside (landscape). */
export const findPanelStyles = css`
      :host {
        display: flex;
        flex-direction: column;
      }
      .content {
        flex: 1;
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
      .search {
        display: flex;
        gap: 12px;
      }
      input {
        flex: 1;
        min-inline-size: 0;
        min-block-size: calc(var(--linli-target) * 1.2);
        padding: 8px 24px;
        border: 3px solid var(--linli-red);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
        color: var(--linli-ink);
        font: inherit;
        font-size: var(--linli-title);
        letter-spacing: 0.05em;
      }
      input::placeholder {
        color: var(--linli-muted);
        font-size: var(--linli-action);
        letter-spacing: 0;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 10px 24px;
        align-items: center;
      }
      .summary {
        font-size: var(--linli-body);
      }
      ol {
        display: grid;
        gap: 14px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .empty {
        display: grid;
        gap: 8px;
        padding: 32px;
        text-align: center;
      }
      .more {
        justify-self: center;
        min-inline-size: 50%;
      }
      linli-pinyin-keyboard {
        position: sticky;
        bottom: 0;
        z-index: 5;
      }
      /* Side by side on a landscape screen: results on the left, keys on the right. */
      @media (orientation: landscape) {
        :host([keyboard]) {
          display: grid;
          grid-template-columns: minmax(0, 1fr) minmax(0, 0.8fr);
        }
        :host([keyboard]) linli-pinyin-keyboard {
          align-self: end;
          border-block-start: none;
          border-inline-start: 2px solid var(--linli-line);
          border-start-start-radius: var(--linli-radius);
        }
      }
    `;
