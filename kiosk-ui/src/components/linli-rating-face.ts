import { css, html, LitElement, svg } from "lit";

/** The mouth for each score, on the same 24 × 24 grid as the icons: a wide smile down to a deep frown. */
const MOUTHS: Readonly<Record<number, string>> = {
  5: "M7.5 13.5q4.5 5 9 0",
  4: "M8.5 14.5q3.5 2.5 7 0",
  3: "M8.5 15.5h7",
  2: "M8.5 16.5q3.5-2.5 7 0",
  1: "M7.5 17.5q4.5-5 9 0",
};

/**
 * A face for one of the five rating levels (非常满意 5 … 非常不满意 1).
 * Decorative: the button it sits in carries the level's name, so the face
 * never has to be read by its colour or its mouth alone.
 */
export class LinliRatingFace extends LitElement {
  static override properties = { score: { type: Number, reflect: true } };

  static override styles = css`
    :host {
      display: inline-block;
      inline-size: var(--linli-face-size, 72px);
      block-size: var(--linli-face-size, 72px);
      flex: none;
      line-height: 0;
    }
    svg {
      inline-size: 100%;
      block-size: 100%;
      stroke: currentColor;
      stroke-width: 1.6;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .head {
      fill: var(--linli-surface, #fff);
    }
    :host([score="5"]) .head,
    :host([score="4"]) .head {
      fill: var(--linli-green-soft, #e6f2ea);
    }
    :host([score="2"]) .head,
    :host([score="1"]) .head {
      fill: var(--linli-red-soft, #fbe9e7);
    }
    .features {
      fill: none;
      stroke-width: 2;
    }
  `;

  declare score: number;

  constructor() {
    super();
    this.score = 3;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute("aria-hidden", "true");
  }

  override render() {
    const mouth = MOUTHS[this.score] ?? MOUTHS[3] ?? "";
    return html`<svg viewBox="0 0 24 24">
      ${svg`<circle class="head" cx="12" cy="12" r="10"></circle>
        <path class="features" d=${`M9 9.5h.01M15 9.5h.01${mouth}`}></path>`}
    </svg>`;
  }
}

customElements.define("linli-rating-face", LinliRatingFace);

declare global {
  interface HTMLElementTagNameMap {
    "linli-rating-face": LinliRatingFace;
  }
}
