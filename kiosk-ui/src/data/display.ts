import type { DisplayState } from "@linli/protocols/api";
import { type EventsWatch, postJson, watchEvents } from "./api.js";

/**
 * The screen's power schedule as the UI sees it: the agent says when the
 * screen is dark (`display.state` on /api/v1/events), the UI tells the agent
 * when it is touched (POST /display/touch).
 */

export const reportTouch = () => postJson<DisplayState>("/display/touch", {});

/** The display state in one message of the stream, or undefined for any other message. */
export function displayStateOf(message: unknown): DisplayState | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const { type, display } = message as { type?: unknown; display?: unknown };
  if (type !== "display.state" || typeof display !== "object" || display === null) return undefined;
  const { phase, dark } = display as { phase?: unknown; dark?: unknown };
  const known = phase === "awake" || phase === "asleep" || phase === "woken";
  return known && typeof dark === "boolean" ? (display as DisplayState) : undefined;
}

export type DisplayWatch = EventsWatch;

/**
 * Follows the display's state for the shell: the stream sends it on connect
 * and on every change; after a reconnect, what was missed arrives with the
 * connect. An agent without the stream (an older one) leaves the screen lit.
 */
export function watchDisplay(onState: (state: DisplayState) => void): DisplayWatch {
  return watchEvents(
    (message) => {
      const state = displayStateOf(message);
      if (state) onState(state);
    },
    { reconnectMs: 3_000 },
  );
}
