import { html } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

/** The rate flow (placeholder: the flow is being built). */
export class LinliRatePanel extends KioskPanel {
  static override styles = [sharedStyles];

  speechText(): string {
    return "";
  }

  override render() {
    return html`<h1>rate</h1>`;
  }
}

customElements.define("linli-rate-panel", LinliRatePanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-rate-panel": LinliRatePanel;
  }
}
