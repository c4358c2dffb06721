/**
 * A tiny history router. Paths are the app's state: what a resident searched
 * for lives in the query, so going back restores it and a reset clears it.
 * Panels are declared in routes.ts; this file only knows paths.
 */

export interface Location {
  path: string;
  params: URLSearchParams;
}

export const LOCATION_CHANGED = "linli-location-changed";

interface HistoryState {
  /** How many app screens lie behind this one; 0 at home after a reset. */
  depth: number;
}

function currentDepth(): number {
  const state = history.state as Partial<HistoryState> | null;
  return typeof state?.depth === "number" ? state.depth : 0;
}

export function currentLocation(): Location {
  return { path: window.location.pathname, params: new URLSearchParams(window.location.search) };
}

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  const target = new URL(url, window.location.origin);
  const next = `${target.pathname}${target.search}`;
  if (next === `${window.location.pathname}${window.location.search}`) return;
  if (options.replace) {
    history.replaceState({ depth: currentDepth() } satisfies HistoryState, "", next);
  } else {
    history.pushState({ depth: currentDepth() + 1 } satisfies HistoryState, "", next);
  }
  window.dispatchEvent(new Event(LOCATION_CHANGED));
}

/** Back within the app, never past the start of this resident's session. */
export function goBack(): void {
  if (currentDepth() > 0) history.back();
  else navigate("/", { replace: true });
}

/** A new session starts at home with nothing behind it. */
export function resetHistory(): void {
  history.replaceState({ depth: 0 } satisfies HistoryState, "", "/");
  window.dispatchEvent(new Event(LOCATION_CHANGED));
}

/** Replaces the query of the current screen (live search) without a new history entry. */
export function replaceParams(params: URLSearchParams): void {
  const search = params.toString();
  navigate(`${window.location.pathname}${search ? `?${search}` : ""}`, { replace: true });
}
