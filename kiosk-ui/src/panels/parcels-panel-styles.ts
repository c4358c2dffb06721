import { css } from "lit";

/** The parcels panel's layout: one column in portrait, the keypad beside the rest in landscape. */
export const parcelsPanelStyles = css`
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
  .layout {
    display: grid;
    gap: calc(var(--linli-gap) * 1.4);
    align-items: start;
  }
  .side {
    display: grid;
    gap: var(--linli-gap);
  }
  .card {
    display: grid;
    gap: 12px;
    padding: 24px 28px;
  }
  .card h3 {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .card linli-icon {
    --linli-icon-size: 1.4em;
    color: var(--linli-red);
  }
  .wide {
    inline-size: 100%;
    justify-content: flex-start;
    text-align: start;
  }
  .wide .hint {
    display: block;
    font-size: var(--linli-small);
    font-weight: 400;
  }
  .refusal {
    padding: 18px 24px;
    border: 3px solid var(--linli-red);
    border-radius: var(--linli-radius);
    background: var(--linli-red-soft);
    color: var(--linli-ink);
    font-size: var(--linli-action);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: var(--linli-gap);
  }
  .actions .btn {
    min-inline-size: 240px;
  }
  .choices {
    display: grid;
    gap: var(--linli-gap);
  }
  .choices .btn {
    min-block-size: calc(var(--linli-target) * 1.8);
  }
  @media (orientation: landscape) {
    .layout.keypad {
      grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr);
    }
    .choices {
      grid-template-columns: 1fr 1fr;
    }
  }
`;
