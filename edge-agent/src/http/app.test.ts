import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { buildHttpApp } from "./app.js";
import type { HttpApp } from "./types.js";

const RESIDENT_PAGE = "<!doctype html><title>resident</title><linli-app></linli-app>";
const OPERATOR_PAGE =
  "<!doctype html><title>operator</title><linli-operator-app></linli-operator-app>";

let app: HttpApp | undefined;
let uiDir: string | undefined;

async function appServing(files: Record<string, string>): Promise<HttpApp> {
  uiDir = mkdtempSync(join(tmpdir(), "linli-ui-"));
  mkdirSync(join(uiDir, "assets"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(uiDir, name), text);
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

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  uiDir = undefined;
});

describe("the kiosk UI as the agent serves it", () => {
  it("answers /operator and every console route with the operator page, never cached", async () => {
    const server = await appServing({
      "index.html": RESIDENT_PAGE,
      "operator.html": OPERATOR_PAGE,
      "assets/operator-abc.js": "export {}",
    });
    for (const path of ["/operator", "/operator/", "/operator/devices", "/operator/ratings?x=1"]) {
      const response = await server.inject({ method: "GET", url: path });
      expect(response.statusCode, path).toBe(200);
      expect(response.headers["content-type"], path).toMatch(/^text\/html/);
      expect(response.headers["cache-control"], path).toBe("no-cache");
      expect(response.body, path).toContain("<linli-operator-app>");
    }
  });

  it("keeps the resident page for the resident routes and serves the console's assets as files", async () => {
    const server = await appServing({
      "index.html": RESIDENT_PAGE,
      "operator.html": OPERATOR_PAGE,
      "assets/operator-abc.js": "export {}",
    });
    const home = await server.inject({ method: "GET", url: "/" });
    expect(home.body).toContain("<linli-app>");
    expect(home.headers["cache-control"]).toBe("no-cache");
    const resident = await server.inject({ method: "GET", url: "/outlets/wfxc-0001" });
    expect(resident.body).toContain("<linli-app>");
    expect(resident.body).not.toContain("linli-operator-app");
    const asset = await server.inject({ method: "GET", url: "/assets/operator-abc.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
  });

  it("leaves the operator API as JSON", async () => {
    const server = await appServing({
      "index.html": RESIDENT_PAGE,
      "operator.html": OPERATOR_PAGE,
    });
    const response = await server.inject({ method: "GET", url: "/api/v1/operator/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: "LINLI_ERR_HTTP_NOT_FOUND" });
  });

  it("has no console route when the build has no operator page", async () => {
    const server = await appServing({ "index.html": RESIDENT_PAGE });
    const response = await server.inject({ method: "GET", url: "/operator/devices" });
    // The resident shell's fallback answers, as for any unknown client route.
    expect(response.body).not.toContain("linli-operator-app");
  });
});
