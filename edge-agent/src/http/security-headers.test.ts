import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { buildHttpApp } from "./app.js";
import { CONTENT_SECURITY_POLICY } from "./security-headers.js";
import type { HttpApp } from "./types.js";

let app: HttpApp | undefined;
let uiDir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  uiDir = undefined;
});

async function agentApp(): Promise<HttpApp> {
  uiDir = mkdtempSync(join(tmpdir(), "linli-ui-"));
  writeFileSync(join(uiDir, "index.html"), "<!doctype html><title>resident</title>");
  app = await buildHttpApp({
    kiosk: { site: "test-site", id: "kiosk-test", name: "测试邻里中心" },
    demo: false,
    startedAt: new Date(),
    log: createLogger({ level: "silent" }),
    uiDir,
  });
  await app.ready();
  return app;
}

describe("the security headers the agent sends", () => {
  it.each([
    ["the kiosk UI", "/"],
    ["the API", "/api/v1/health"],
    ["an unknown route", "/api/v1/no-such-thing"],
  ])("come with %s", async (_what, url) => {
    const response = await (await agentApp()).inject({ method: "GET", url });
    expect(response.headers).toMatchObject({
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
    });
  });

  it("let the UI run only its own scripts, reach only its own origin and WebSockets, and never be framed", () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split("; ").map((directive) => {
        const [name = "", ...sources] = directive.split(" ");
        return [name, sources];
      }),
    );
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
