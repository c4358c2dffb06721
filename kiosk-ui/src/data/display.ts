import type { DisplayState } from "@linli/protocols/api";
import { postJson } from "./api.js";

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

const RECONNECT_MS = 3_000;

export interface DisplayWatch {
  close(): void;
}

/**
 * Follows the display's state for the shell: the stream sends it on connect
 * and on every change; after a reconnect, what was missed arrives with the
 * connect. An agent without the stream (an older one) leaves the screen lit.
 */
export function watchDisplay(onState: (state: DisplayState) => void): DisplayWatch {
  const url = new URL("/api/v1/events", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  let socket: WebSocket | undefined;
  let timer: number | undefined;
  let closed = false;
  const connect = () => {
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener("message", (event: MessageEvent) => {
      if (typeof event.data !== "string" || !event.data.includes('"display.state"')) return;
      try {
        const state = displayStateOf(JSON.parse(event.data));
        if (state) onState(state);
      } catch {
        // Not JSON: not for us.
      }
    });
    current.addEventListener("close", () => {
      if (!closed) timer = window.setTimeout(connect, RECONNECT_MS);
    });
  };
  connect();
  return {
    close: () => {
      closed = true;
      window.clearTimeout(timer);
      socket?.close();
    },
  };
}
