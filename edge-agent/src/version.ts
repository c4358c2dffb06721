import { readFileSync } from "node:fs";

function packageVersion(url: URL): string {
  try {
    return (JSON.parse(readFileSync(url, "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Versions worth reporting in health, status and doctor output. src/ and dist/ sit at the same depth. */
export const VERSIONS = Object.freeze({
  agent: packageVersion(new URL("../package.json", import.meta.url)),
  protocols: packageVersion(new URL("../../protocols/package.json", import.meta.url)),
  deviceProfiles: packageVersion(new URL("../../device-profiles/package.json", import.meta.url)),
  node: process.versions.node,
});

/** The edge-agent package's root folder (src/ and dist/ sit one level below it). */
export const PACKAGE_ROOT = new URL("../", import.meta.url);
