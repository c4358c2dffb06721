import { css } from "lit";

/**
 * The big message under a job's steps: a status while it goes well (with a
 * spinner while working), green when done, an alert in red when a person
 * must act. Shared by the print and the vend progress.
 */
export const progressMessageStyles = css`
  .message {
    display: grid;
    gap: 12px;
    padding: 28px 32px;
    font-size: var(--linli-title);
    font-weight: 700;
    line-height: 1.3;
  }
  .message.problem {
    border: 4px solid var(--linli-red);
    background: var(--linli-red-soft);
    color: var(--linli-ink);
  }
  .message.done {
    border: 4px solid var(--linli-green);
    background: var(--linli-green-soft);
  }
  .message .hint {
    font-size: var(--linli-body);
    font-weight: 400;
  }
  .working {
    display: flex;
    align-items: center;
    gap: 20px;
  }
  .spinner {
    inline-size: 1.2em;
    block-size: 1.2em;
    flex: none;
    border: 5px solid var(--linli-line);
    border-block-start-color: var(--linli-red);
    border-radius: 50%;
    animation: spin 1.1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
