import { css } from "lit";

/**
 * The console's scale, set on its shell over the kiosk's palette (theme.ts):
 * denser than the resident screens, so a page fits a laptop's 1366 × 768,
 * with every target still ≥ 48 px for the kiosk's touchscreen.
 */
export const consoleScale = css`
  :host {
    --linli-body: 18px;
    --linli-small: 18px;
    --linli-action: 20px;
    --linli-title: 26px;
    --linli-display: 30px;
    --linli-target: 48px;
    --linli-radius: 10px;
    --linli-gap: 16px;
    --linli-page: 24px;
    --op-critical: #a4262c;
    --op-critical-soft: #fbe9e7;
    --op-warning: #7a4100;
    --op-warning-soft: #fff1d6;
    --op-notice: #1f4e79;
    --op-notice-soft: #e7eef7;
    --op-ok: #1d6b38;
    --op-ok-soft: #e6f2ea;
    --op-mono: "Noto Sans Mono CJK SC", "Sarasa Mono SC", "DejaVu Sans Mono", monospace;
  }
`;

/** What the console's pages share: sections, tables, badges, chip rows and notes. */
export const consoleStyles = css`
  :host {
    display: block;
  }
  .page {
    display: grid;
    gap: var(--linli-gap);
    padding: var(--linli-gap) var(--linli-page) 48px;
    max-inline-size: 1600px;
    margin-inline: auto;
  }
  .page-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px 20px;
  }
  .page-head h2 {
    margin-inline-end: auto;
  }
  section.card {
    padding: 16px 20px;
    display: grid;
    gap: 12px;
    align-content: start;
    min-inline-size: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 10px;
  }
  .chip {
    min-block-size: var(--linli-target);
    padding-inline: 18px;
  }
  a.btn {
    text-decoration: none;
  }
  .btn:disabled,
  .chip:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: var(--linli-body);
  }
  th,
  td {
    text-align: start;
    padding: 8px 10px;
    border-block-end: 1px solid var(--linli-line);
    vertical-align: top;
  }
  th {
    color: var(--linli-muted);
    font-weight: 600;
    white-space: nowrap;
  }
  .table-wrap {
    overflow-x: auto;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 12px;
    border-radius: 999px;
    font-weight: 700;
    white-space: nowrap;
    border: 1px solid currentColor;
  }
  .critical {
    --tone: var(--op-critical);
    --tone-soft: var(--op-critical-soft);
  }
  .warning {
    --tone: var(--op-warning);
    --tone-soft: var(--op-warning-soft);
  }
  .notice {
    --tone: var(--op-notice);
    --tone-soft: var(--op-notice-soft);
  }
  .ok {
    --tone: var(--op-ok);
    --tone-soft: var(--op-ok-soft);
  }
  .badge.critical,
  .badge.warning,
  .badge.notice,
  .badge.ok {
    color: var(--tone);
    background: var(--tone-soft);
  }
  tr.overdue td,
  li.overdue {
    background: var(--op-critical-soft);
  }
  .error {
    color: var(--op-critical);
    font-weight: 600;
  }
  .empty {
    color: var(--linli-muted);
    padding: 8px 0;
  }
  details > summary {
    display: flex;
    align-items: center;
    min-block-size: var(--linli-target);
    cursor: pointer;
    font-weight: 600;
  }
  label.field {
    display: grid;
    gap: 6px;
    font-weight: 600;
  }
  input[type="text"],
  input[type="tel"],
  input[type="password"],
  select,
  textarea {
    font: inherit;
    min-block-size: var(--linli-target);
    padding: 6px 12px;
    border: 2px solid var(--linli-line);
    border-radius: var(--linli-radius);
    background: var(--linli-surface);
    color: var(--linli-ink);
  }
  textarea {
    min-block-size: 96px;
    resize: vertical;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 8px;
    font-weight: 600;
  }
`;

/**
 * A status card (a device, the uplink, the screen, the store): a border in
 * its tone, a head with the title and its badge, and a list of terms.
 * `article.card`: the shared `.card` border would win over a plain `article`'s.
 */
export const statusCardStyles = css`
  article.card {
    display: grid;
    gap: 10px;
    padding: 16px 18px;
    border-inline-start: 8px solid var(--tone, var(--linli-line));
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 6px 12px;
  }
  h3 {
    margin-inline-end: auto;
  }
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    color: var(--linli-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
