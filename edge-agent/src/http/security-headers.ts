import type { HttpApp } from "./types.js";

/**
 * What the kiosk UI may load: its own scripts only (no inline script, no
 * eval), so injected markup cannot run; it cannot be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // index.html carries one inline <style> (the background before the app loads); styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // The live events WebSocket is same-origin; the fleet view reads the broker an operator names (ws:// or wss://).
  "connect-src 'self' ws: wss:",
  // mqtt.js (the fleet view) keeps its timers in a worker made from a blob: URL.
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  // The UI needs none of these; devices are the agent's, never the browser's.
  "permissions-policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), hid=(), serial=(), bluetooth=()",
};

/** Sets the security headers on every response, UI and API alike (errors and 404s too). */
export function registerSecurityHeaders(app: HttpApp): void {
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
