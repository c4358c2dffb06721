import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/agent-process.js";

const DIST = join(REPO_ROOT, "kiosk-ui/dist");
const INITIAL_JS_BUDGET_BYTES = 150 * 1024;
/** The two pages of the build: the residents' kiosk and the operator console. */
const RESIDENT_ENTRY = "index.html";
const OPERATOR_ENTRY = "operator.html";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

type Manifest = Record<string, ManifestChunk>;

const readManifest = () =>
  JSON.parse(readFileSync(join(DIST, ".vite/manifest.json"), "utf8")) as Manifest;

/** The manifest keys an entry reaches: by static imports only, or by dynamic imports too. */
function reachable(manifest: Manifest, entry: string, options: { dynamic: boolean }): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
    if (options.dynamic) for (const imported of chunk.dynamicImports ?? []) visit(imported);
  };
  visit(entry);
  return seen;
}

function gzippedJs(manifest: Manifest, keys: Iterable<string>): number {
  const files = new Set([...keys].map((key) => manifest[key]?.file ?? ""));
  return [...files]
    .filter((file) => file.endsWith(".js"))
    .reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0);
}

describe("kiosk UI budget", () => {
  it("keeps the resident initial JavaScript (entry plus static imports) within 150 KB gzipped", () => {
    const manifest = readManifest();
    expect(manifest[RESIDENT_ENTRY]?.isEntry).toBe(true);
    const initial = reachable(manifest, RESIDENT_ENTRY, { dynamic: false });
    const gzipped = gzippedJs(manifest, initial);
    expect(gzipped).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it("never has residents download operator console code, not even lazily", () => {
    const manifest = readManifest();
    expect(manifest[OPERATOR_ENTRY]?.isEntry).toBe(true);
    const isOperatorCode = (key: string) =>
      key === OPERATOR_ENTRY ||
      key.startsWith("src/operator/") ||
      (manifest[key]?.imports ?? []).includes(OPERATOR_ENTRY);
    const operatorChunks = Object.keys(manifest).filter(isOperatorCode);
    expect(operatorChunks.length).toBeGreaterThan(1);
    const resident = [...reachable(manifest, RESIDENT_ENTRY, { dynamic: true })];
    expect(resident.filter(isOperatorCode)).toEqual([]);
  });

  it("keeps the operator console's first screen within the same budget", () => {
    const manifest = readManifest();
    const initial = reachable(manifest, OPERATOR_ENTRY, { dynamic: false });
    expect(gzippedJs(manifest, initial)).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});
