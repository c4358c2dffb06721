import { getText } from "./api.js";

/**
 * Which build the agent serves now: the hashed entry script its index.html
 * names. A kiosk left running across an upgrade compares it with its own.
 */
export async function fetchServedEntry(signal?: AbortSignal): Promise<string | null> {
  return entryScriptOf(await getText("/index.html", signal));
}

export function entryScriptOf(indexHtml: string): string | null {
  const match = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(indexHtml);
  return match?.[1] ?? null;
}

/** The entry script this page was loaded from. */
export function runningEntry(doc: Document = document): string | null {
  return doc.querySelector('script[type="module"][src]')?.getAttribute("src") ?? null;
}
