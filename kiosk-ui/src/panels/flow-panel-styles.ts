import { css } from "lit";

/**
 * What the print, rate and report panels share: a page of cards under the
 * back button and title, a row of actions, a problem said plainly, and the
 * big outcome card (thanks, a reference number) a flow ends on.
 */
export const flowPanelStyles = css`
  :host {
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
  .card.step {
    display: grid;
    gap: 14px;
    padding: 24px 28px;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--linli-gap);
  }
  .actions .primary {
    min-inline-size: min(360px, 100%);
  }
  .btn:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  .problem {
    padding: 20px 28px;
    border: 3px solid var(--linli-red);
    background: var(--linli-red-soft);
    font-size: var(--linli-action);
    font-weight: 700;
  }
  .outcome {
    display: grid;
    justify-items: center;
    gap: 16px;
    padding: 48px 32px;
    text-align: center;
    --linli-icon-size: 96px;
  }
  .outcome linli-icon {
    color: var(--linli-green);
  }
  .outcome h3 {
    font-size: var(--linli-display);
  }
`;
