import { html } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

/** The print flow (placeholder: the flow is being built). */
export class LinliPrintPanel extends KioskPanel {
  static override styles = [sharedStyles];

  speechText(): string {
    return "";
  }

  override render() {
    return html`<h1>print</h1>`;
  }
}

customElements.define("linli-print-panel", LinliPrintPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-print-panel": LinliPrintPanel;
  }
}
