import { html } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

/** The parcels flow (placeholder: the flow is being built). */
export class LinliParcelsPanel extends KioskPanel {
  static override styles = [sharedStyles];

  speechText(): string {
    return "";
  }

  override render() {
    return html`<h1>parcels</h1>`;
  }
}

customElements.define("linli-parcels-panel", LinliParcelsPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-parcels-panel": LinliParcelsPanel;
  }
}
