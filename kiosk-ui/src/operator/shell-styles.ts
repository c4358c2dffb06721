import { css } from "lit";

/** The console shell's top bar, page tabs and status screens. */
export const shellStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 100vh;
    background: var(--linli-bg);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 10px 18px;
    padding: 12px var(--linli-page);
    background: var(--linli-ink);
    color: #ffffff;
  }
  .title {
    margin-inline-end: auto;
    min-inline-size: 0;
  }
  h1 {
    margin: 0;
    font-size: var(--linli-display);
    line-height: 1.2;
  }
  .kiosk {
    font-size: var(--linli-body);
  }
  .demo {
    display: inline-block;
    margin-inline-start: 8px;
    padding: 0 10px;
    border-radius: 999px;
    background: var(--linli-mark);
    color: var(--linli-ink);
    font-weight: 700;
  }
  .live {
    display: inline-flex;
    align-items: center;
    gap: 8px;
  }
  .live::before {
    content: "";
    inline-size: 12px;
    block-size: 12px;
    border-radius: 50%;
    background: #f2b8b5;
  }
  .live[data-status="live"]::before {
    background: #7fd69b;
  }
  header .btn {
    background: transparent;
    border-color: #ffffff;
    color: #ffffff;
  }
  header :focus-visible {
    outline-color: #ffffff;
  }
  nav {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 8px;
    padding: 8px var(--linli-page) 0;
    border-block-end: 2px solid var(--linli-line);
    background: var(--linli-surface);
  }
  nav a {
    display: inline-flex;
    align-items: center;
    min-block-size: var(--linli-target);
    min-inline-size: 88px;
    justify-content: center;
    padding: 0 20px;
    border-block-end: 4px solid transparent;
    color: var(--linli-ink);
    font-size: var(--linli-action);
    font-weight: 600;
    text-decoration: none;
  }
  nav a[aria-current="page"] {
    border-block-end-color: var(--linli-red);
    color: var(--linli-red);
  }
  main {
    flex: 1;
  }
  .status {
    padding: 48px var(--linli-page);
    font-size: var(--linli-action);
    display: grid;
    gap: 16px;
    justify-items: start;
  }
  /* Printed from a laptop (the coverage report): the page alone, black on white. */
  @media print {
    :host {
      min-block-size: 0;
      background: #ffffff;
      color: #000000;
    }
    header,
    nav {
      display: none;
    }
  }
`;
