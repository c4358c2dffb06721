import { LitElement } from "lit";
import type { KioskContext } from "../kiosk-context.js";
import type { RouteMatch } from "../routes.js";

/**
 * What the shell expects of a panel: it is given the kiosk context and its
 * route, and can say in a few sentences what is on screen for read-aloud.
 */
export abstract class KioskPanel extends LitElement {
  static override properties = {
    kiosk: { attribute: false },
    route: { attribute: false },
  };

  declare kiosk: KioskContext;
  declare route: RouteMatch;

  /** The current screen in plain sentences, for read-aloud. */
  abstract speechText(): string;

  /**
   * True while the resident waits on something that needs no touch (a phone
   * payment, a vend): the idle warning and reset hold off until it is over.
   */
  holdsSession(): boolean {
    return false;
  }
}
