import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/agent-process.js";

const DIST = join(REPO_ROOT, "kiosk-ui/dist");
const INITIAL_JS_BUDGET_BYTES = 150 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

describe("kiosk UI budget", () => {
  it("keeps the initial JavaScript (entry plus static imports) within 150 KB gzipped", () => {
    const manifest = JSON.parse(readFileSync(join(DIST, ".vite/manifest.json"), "utf8")) as Record<
      string,
      ManifestChunk
    >;
    const initial = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || initial.has(chunk.file)) return;
      initial.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
    expect(initial.size).toBeGreaterThan(0);
    const gzipped = [...initial]
      .filter((file) => file.endsWith(".js"))
      .reduce(
        (sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length,
        0,
      );
    expect(gzipped).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});
