import { css } from "lit";

/** The community panel's own look: session cards, the numeric keypad, the big booking code, the directory. */
export const communityPanelStyles = css`
.sessions {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr));
  gap: var(--linli-gap);
}
:host([elderly]) .sessions {
  grid-template-columns: 1fr;
}
.session {
  display: grid;
  gap: 10px;
  padding: 20px 24px;
  --linli-icon-size: 1.4em;
}
.session h3 {
  display: flex;
  gap: 12px;
  align-items: center;
  font-size: var(--linli-action);
}
.session p,
.entry p,
.summary p {
  font-size: var(--linli-body);
}
.seats {
  font-weight: 700;
}
.typed {
  min-block-size: calc(var(--linli-display) * 1.6);
  padding: 8px 20px;
  border: 3px solid var(--linli-line);
  border-radius: var(--linli-radius);
  background: var(--linli-surface);
  font-size: var(--linli-display);
  font-weight: 700;
  font-variant-numeric: tabular-nums;
  letter-spacing: 0.08em;
  text-align: center;
}
.keys {
  display: grid;
  grid-template-columns: repeat(3, 1fr);
  gap: 14px;
  inline-size: min(100%, 640px);
}
.keys .btn {
  min-block-size: calc(var(--linli-target) * 1.3);
  font-size: var(--linli-display);
}
.keys .btn.word {
  font-size: var(--linli-action);
}
.code {
  font-size: calc(var(--linli-display) * 1.3);
  font-weight: 700;
  letter-spacing: 0.1em;
  color: var(--linli-red);
}
.entries {
  display: grid;
  gap: 12px;
}
.entry {
  display: grid;
  gap: 4px;
  padding: 16px 22px;
}
.entry h3 {
  font-size: var(--linli-action);
}
`;
