import { css } from "lit";

/**
 * The kiosk's look: civic red on warm neutrals, large type, large targets.
 * Every value is a custom property set by the shell (theme.ts), so 长辈模式
 * changes sizes and contrast in one place and shadow roots inherit it.
 */
export const sharedStyles = css`
  :host {
    color: var(--linli-ink);
    font-size: var(--linli-body);
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: var(--linli-title);
    line-height: 1.2;
  }
  h3 {
    font-size: var(--linli-action);
    line-height: 1.25;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .btn,
  .chip {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.45em;
    min-block-size: var(--linli-target);
    min-inline-size: var(--linli-target);
    padding: 6px 22px;
    border: 2px solid var(--linli-line);
    border-radius: var(--linli-radius);
    background: var(--linli-surface);
    color: var(--linli-ink);
    font-size: var(--linli-body);
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
  }
  .chip {
    border-radius: 999px;
    white-space: nowrap;
  }
  .btn.primary,
  .btn[aria-pressed="true"],
  .chip[aria-pressed="true"] {
    background: var(--linli-red);
    border-color: var(--linli-red);
    color: var(--linli-on-red);
  }
  .btn.main {
    font-size: var(--linli-action);
  }
  .btn:active,
  .chip:active {
    transform: scale(0.97);
  }
  :focus-visible {
    outline: 4px solid var(--linli-focus);
    outline-offset: 2px;
  }
  .muted {
    color: var(--linli-muted);
  }
  .card {
    background: var(--linli-surface);
    border: 1px solid var(--linli-line);
    border-radius: calc(var(--linli-radius) + 4px);
  }
  mark {
    background: var(--linli-mark);
    color: var(--linli-ink);
    border-radius: 4px;
    padding: 0 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
