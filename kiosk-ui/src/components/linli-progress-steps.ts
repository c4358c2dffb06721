import { css, html, LitElement, nothing } from "lit";
import "./linli-icon.js";
import { sharedStyles } from "./shared-styles.js";

/**
 * A few steps in a row (排队 → 打印 → 取走, 已付款 → 正在出货 → 请取走商品):
 * the ones behind ticked in green, the current one in red, `done` ticks all.
 */
export class LinliProgressSteps extends LitElement {
  static override properties = {
    steps: { attribute: false },
    current: { type: Number },
    done: { type: Boolean },
    label: { type: String },
  };

  static override styles = [
    sharedStyles,
    css`
      ol {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(0, 1fr));
        gap: 12px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 10px;
        min-block-size: var(--linli-target);
        padding: 8px 12px;
        border: 2px solid var(--linli-line);
        border-radius: var(--linli-radius);
        background: var(--linli-surface);
        color: var(--linli-muted);
        font-size: var(--linli-action);
        font-weight: 600;
        text-align: center;
      }
      li.past {
        color: var(--linli-green);
        border-color: var(--linli-green);
      }
      li[aria-current="step"] {
        background: var(--linli-red);
        border-color: var(--linli-red);
        color: var(--linli-on-red);
      }
    `,
  ];

  declare steps: readonly string[];
  declare current: number;
  declare done: boolean;
  declare label: string;

  constructor() {
    super();
    this.steps = [];
    this.current = 0;
    this.done = false;
    this.label = "";
  }

  override render() {
    return html`<ol aria-label=${this.label}>
      ${this.steps.map((step, index) => {
        const past = index < this.current || this.done;
        const current = index === this.current && !this.done;
        return html`<li class=${past ? "past" : ""} aria-current=${current ? "step" : nothing}>
          ${past ? html`<linli-icon name="check"></linli-icon>` : nothing}${step}
        </li>`;
      })}
    </ol>`;
  }
}

customElements.define("linli-progress-steps", LinliProgressSteps);

declare global {
  interface HTMLElementTagNameMap {
    "linli-progress-steps": LinliProgressSteps;
  }
}
