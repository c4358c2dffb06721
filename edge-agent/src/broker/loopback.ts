import { isIP } from "node:net";

/**
 * Whether a listen address keeps other machines out: 127.0.0.0/8, ::1
 * (also as ::ffff:127.x.y.z) or localhost. Anything else — a LAN address,
 * 0.0.0.0, ::, a host name — may be reachable from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1" || /^::ffff:127\./.test(bare);
  return false;
}
