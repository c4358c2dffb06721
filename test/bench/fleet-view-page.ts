// The fleet view in Chromium, as the fleet benches drive it: open the page,
// wait until it knows every kiosk, read what it has on screen, and let the
// retained flood a new subscriber gets drain before measuring it live.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { REPO_ROOT } from "../support/agent-process.js";

/** What the fleet view has rendered (linli-fleet-app's `stats`). */
export interface ViewStats {
  kiosks: number;
  messages: number;
  newestTelemetryAt?: number;
  renders: number;
  connections: number;
}

declare global {
  interface Window {
    __longestTaskMs?: number;
  }
}

export const readStats = (page: Page): Promise<ViewStats | undefined> =>
  page.evaluate(
    () =>
      (document.querySelector("linli-fleet-app") as unknown as { stats?: ViewStats } | null)?.stats,
  );

/**
 * Opens the view at `url` (the page, with its query); resolves with the page
 * and the ms from navigation until it knows `kiosks` kiosks.
 */
export async function openFleetView(
  browser: Browser,
  url: string,
  kiosks: number,
): Promise<{ context: BrowserContext; page: Page; allKnownMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.__longestTaskMs = Math.max(window.__longestTaskMs ?? 0, entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(url);
  // A function, not script text: the agent's Content-Security-Policy forbids eval in the page.
  const known = await page.waitForFunction(
    (kiosks) => {
      const stats = (
        document.querySelector("linli-fleet-app") as unknown as { stats?: ViewStats } | null
      )?.stats;
      return stats !== undefined && stats.kiosks >= kiosks ? performance.now() : false;
    },
    kiosks,
    { polling: "raf", timeout: 120_000 },
  );
  return { context, page, allKnownMs: (await known.jsonValue()) as number };
}

/** The longest main-thread task since the page opened or since `resetLongestTask`. */
export const longestTaskMs = (page: Page): Promise<number> =>
  page.evaluate(() => window.__longestTaskMs ?? 0);

export const resetLongestTask = (page: Page): Promise<void> =>
  page.evaluate(() => {
    window.__longestTaskMs = 0;
  });

/**
 * Waits out the retained flood a new subscriber gets (every status, then
 * about five device states per kiosk): live traffic is a couple of hundred
 * messages a second, the flood several times that.
 */
export async function settled(page: Page, settledPerSecond = 400): Promise<void> {
  let before = (await readStats(page))?.messages ?? 0;
  for (let waited = 0; waited < 60; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = (await readStats(page))?.messages ?? 0;
    if (now - before < settledPerSecond) return;
    before = now;
  }
}

const KIOSK_UI_DIST = join(REPO_ROOT, "kiosk-ui/dist");
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/**
 * kiosk-ui's build, served as any static web server would serve the fleet
 * view to a district's operators (no agent: the page finds its broker in its
 * query). `url` is the server's root; the view is `${url}/fleet.html`.
 */
export async function serveKioskUi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    const file = join(KIOSK_UI_DIST, path);
    if (!file.startsWith(`${KIOSK_UI_DIST}/`)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
        response.writeHead(200, { "content-type": type }).end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
