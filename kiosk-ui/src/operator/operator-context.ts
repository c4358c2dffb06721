import type { HealthResponse } from "@linli/protocols/api";
import { LitElement } from "lit";
import type { LiveFeed } from "./data/live.js";
import type { Lang, Translate } from "./i18n/i18n.js";

/**
 * What the console shell gives every page: the language, the kiosk (and
 * whether it runs in demo mode), and the live event feed. A new object when
 * any of it changes, so lit re-renders.
 */
export interface OperatorContext {
  lang: Lang;
  t: Translate;
  health: HealthResponse;
  live: LiveFeed;
}

/** A console page: the shell sets `op`, the page loads its own data. */
export abstract class OperatorPage extends LitElement {
  static override properties = {
    op: { attribute: false },
  };

  declare op: OperatorContext;
}
