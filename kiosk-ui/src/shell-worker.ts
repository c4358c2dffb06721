import { runningEntry } from "./data/build.js";

/**
 * Registers the service worker that keeps the app's shell (public/sw.js), so
 * a browser that starts while the agent is down shows our offline screen and
 * not its own error page. Named after this build, so an upgrade replaces the
 * copy. Not in the dev server, whose modules are not hashed assets.
 */
export function registerShellWorker(): void {
  if (import.meta.env.DEV || !("serviceWorker" in navigator)) return;
  const build = runningEntry() ?? "unknown";
  navigator.serviceWorker
    .register(`/sw.js?build=${encodeURIComponent(build)}`, { scope: "/" })
    .catch(() => {
      // Without it the kiosk still works; only a cold start while the agent is down suffers.
    });
}
