import { css } from "lit";

/**
 * The palette and scale, set on the shell's host. Normal mode keeps text at
 * ≥ 4.5:1 on its background and targets ≥ 44 px; 长辈模式 (the `elderly`
 * attribute) keeps text at ≥ 7:1, body type ≥ 24 px, main actions ≥ 30 px and
 * every target ≥ 60 px.
 */
export const theme = css`
  :host {
    --linli-bg: #f7f4ee;
    --linli-surface: #ffffff;
    --linli-ink: #1f2328;
    --linli-muted: #5b5249;
    --linli-red: #a4262c;
    --linli-red-soft: #fbe9e7;
    --linli-on-red: #ffffff;
    --linli-green: #1d6b38;
    --linli-green-soft: #e6f2ea;
    --linli-amber: #8a4b00;
    --linli-quality: #1f4e79;
    --linli-line: #d9cfc2;
    --linli-mark: #ffe08a;
    --linli-focus: #1a56c4;
    --linli-body: 20px;
    --linli-small: 18px;
    --linli-action: 24px;
    --linli-title: 32px;
    --linli-display: 44px;
    --linli-target: 56px;
    --linli-radius: 14px;
    --linli-gap: 20px;
    --linli-page: 32px;
  }
  :host([elderly]) {
    --linli-bg: #fffdf9;
    --linli-ink: #111111;
    --linli-muted: #3d3630;
    --linli-red: #8c1c22;
    --linli-red-soft: #fbeceb;
    --linli-green: #0f5a2a;
    --linli-green-soft: #e6f2ea;
    --linli-amber: #7a3f00;
    --linli-quality: #173d5f;
    --linli-line: #8a8178;
    --linli-body: 26px;
    --linli-small: 24px;
    --linli-action: 32px;
    --linli-title: 40px;
    --linli-display: 52px;
    --linli-target: 72px;
    --linli-radius: 16px;
    --linli-gap: 24px;
  }
`;
