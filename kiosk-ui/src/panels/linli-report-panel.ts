import { html } from "lit";
import { sharedStyles } from "../components/shared-styles.js";
import { KioskPanel } from "./kiosk-panel.js";

/** The report flow (placeholder: the flow is being built). */
export class LinliReportPanel extends KioskPanel {
  static override styles = [sharedStyles];

  speechText(): string {
    return "";
  }

  override render() {
    return html`<h1>report</h1>`;
  }
}

customElements.define("linli-report-panel", LinliReportPanel);

declare global {
  interface HTMLElementTagNameMap {
    "linli-report-panel": LinliReportPanel;
  }
}
