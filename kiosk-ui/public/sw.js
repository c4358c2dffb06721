// The kiosk's service worker: it keeps a copy of the resident app's shell so
// that a kiosk whose browser starts (or reloads) while the agent is down
// shows our own offline screen, which retries, instead of the browser's error
// page. It never answers for the API, the operator console or the fleet view,
// and it never serves a stale build while the agent answers: pages come from
// the network first, the copy only when the network fails. Hashed assets
// never change, so they are served from the copy once kept.
//
// The cache is named after the build the page registered us with
// (`/sw.js?build=<entry>`); a new build's worker drops the old copies.

const BUILD = new URL(self.location.href).searchParams.get("build") || "unknown";
const CACHE = `linli-shell-${BUILD}`;
const SHELL = "/";

/** Resident paths the shell answers; everything else is left to the network. */
function isResidentPage(url) {
  return !/^\/(api|operator|fleet)(\/|$)/.test(url.pathname);
}

async function keepShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: "no-store" });
  if (!response.ok) throw new Error(`the shell answered ${response.status}`);
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  // The entry script, its stylesheet and preloads: what the shell needs before any panel.
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll([...new Set(assets)]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("linli-shell-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    if (!isResidentPage(url)) return;
    event.respondWith(
      fetch(request).catch(async () => {
        const cached = await caches.match(SHELL, { cacheName: CACHE });
        return cached || Response.error();
      }),
    );
    return;
  }

  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const cached = await cache.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }),
    );
  }
});
