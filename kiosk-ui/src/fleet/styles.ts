import { css } from "lit";

/**
 * The fleet view's scale, set on its shell over the kiosk's palette
 * (components/theme.ts): dense enough for a laptop's 1366 × 768, with type
 * ≥ 18 px and every target ≥ 48 px for the kiosk's touchscreen.
 */
export const fleetScale = css`
  :host {
    --linli-body: 18px;
    --linli-small: 18px;
    --linli-action: 20px;
    --linli-title: 24px;
    --linli-display: 28px;
    --linli-target: 48px;
    --linli-radius: 10px;
    --linli-gap: 14px;
    --linli-page: 20px;
    --fleet-critical: #a4262c;
    --fleet-critical-soft: #fbe9e7;
    --fleet-warning: #7a4100;
    --fleet-warning-soft: #fff1d6;
    --fleet-ok: #1d6b38;
    --fleet-ok-soft: #e6f2ea;
    --fleet-unknown: #4a4f57;
    --fleet-unknown-soft: #eceae6;
  }
`;

/** Badges for presence and severity: a dot and a word, never colour alone. */
export const badgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 0 10px;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 700;
    white-space: nowrap;
    line-height: 1.6;
    color: var(--tone, var(--fleet-unknown));
    background: var(--tone-soft, var(--fleet-unknown-soft));
  }
  .badge::before {
    content: "";
    inline-size: 10px;
    block-size: 10px;
    border-radius: 50%;
    background: currentColor;
    flex: none;
  }
  .online,
  .ok {
    --tone: var(--fleet-ok);
    --tone-soft: var(--fleet-ok-soft);
  }
  .offline,
  .critical {
    --tone: var(--fleet-critical);
    --tone-soft: var(--fleet-critical-soft);
  }
  .warning {
    --tone: var(--fleet-warning);
    --tone-soft: var(--fleet-warning-soft);
  }
  .unknown {
    --tone: var(--fleet-unknown);
    --tone-soft: var(--fleet-unknown-soft);
  }
`;

/** Text fields and selects at touch size. */
export const fieldStyles = css`
  label.field {
    display: grid;
    gap: 4px;
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    min-block-size: var(--linli-target);
    padding: 6px 12px;
    border: 2px solid var(--linli-line);
    border-radius: var(--linli-radius);
    background: var(--linli-surface);
    color: var(--linli-ink);
  }
`;
