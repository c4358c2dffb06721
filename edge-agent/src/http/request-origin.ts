import { isIP } from "node:net";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HttpApp } from "./types.js";

export interface RequestOriginOptions {
  /**
   * Host names, besides IP addresses and localhost, the API answers to
   * (config `http.allowedHosts`), e.g. a kiosk's LAN name for an operator
   * laptop.
   */
  allowedHosts?: readonly string[];
}

/** Methods a page may send anywhere without asking (no side effects by HTTP's rules). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Guards the agent against DNS rebinding and cross-site requests, the two
 * ways a web page elsewhere could reach an API that listens on loopback:
 * - the Host header must be an IP address, localhost, or a name the config
 *   allows: a rebound name (evil.example resolving to 127.0.0.1) is refused
 *   with 421, so its page can read nothing;
 * - a state-changing request or a WebSocket upgrade that carries an Origin
 *   must come from the page's own origin; another origin is refused with 403
 *   before any route runs. Requests without an Origin (curl, the CLI, MQTT
 *   bridges) are not browsers acting for a page and pass.
 */
export function registerRequestOriginChecks(
  app: HttpApp,
  options: RequestOriginOptions = {},
): void {
  const allowed = new Set((options.allowedHosts ?? []).map((name) => name.toLowerCase()));
  app.addHook("onRequest", async (request, reply) => {
    const host = request.headers.host;
    const hostname = host === undefined ? undefined : hostnameOf(host);
    if (hostname === undefined || !hostAllowed(hostname, allowed)) {
      return refuse(reply, 421, "LINLI_ERR_HTTP_HOST_NOT_ALLOWED", hostMessage(host));
    }
    if (needsSameOrigin(request)) {
      const origin = request.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, host as string)) {
        return refuse(
          reply,
          403,
          "LINLI_ERR_HTTP_ORIGIN_NOT_ALLOWED",
          `a page from ${origin === "null" ? "an opaque origin" : origin} may not act on this kiosk; only the kiosk's own pages may`,
        );
      }
    }
  });
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ code, message });
}

function hostMessage(host: string | undefined): string {
  if (host === undefined) return "the request has no Host header";
  return `this kiosk does not answer to the host name "${host.slice(0, 100)}"; use its IP address or localhost, or add the name to http.allowedHosts`;
}

/** The lowercase host name of a Host header ("[::1]:8080" → "::1"), or undefined when it is not one. */
export function hostnameOf(host: string): string | undefined {
  if (host.length === 0 || host.length > 300) return undefined;
  try {
    const url = new URL(`http://${host}`);
    // A Host header is host[:port] only: anything that parses into more is not one.
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash)
      return undefined;
    return url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  } catch {
    return undefined;
  }
}

function hostAllowed(hostname: string, allowed: ReadonlySet<string>): boolean {
  // A rebinding attack needs a name: a bare IP address cannot be rebound.
  if (isIP(hostname) !== 0) return true;
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  return allowed.has(hostname.replace(/\.$/, ""));
}

function needsSameOrigin(request: FastifyRequest): boolean {
  if (!SAFE_METHODS.has(request.method)) return true;
  // A cross-site page may open a WebSocket to anything: the upgrade is a GET with an Origin.
  return request.headers.upgrade?.toLowerCase() === "websocket";
}

function sameOrigin(origin: string, host: string): boolean {
  if (origin === "null") return false;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      url.host === new URL(`http://${host}`).host
    );
  } catch {
    return false;
  }
}
