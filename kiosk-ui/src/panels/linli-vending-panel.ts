import { html } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

/** The vending flow (placeholder: the flow is being built). */
export class LinliVendingPanel extends KioskPanel {
  static override styles = [sharedStyles];

  speechText(): string {
    return "";
  }

  override render() {
    return html`<h1>vending</h1>`;
  }
}

customElements.define("linli-vending-panel", LinliVendingPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-vending-panel": LinliVendingPanel;
  }
}
