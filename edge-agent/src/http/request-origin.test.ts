import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { buildHttpApp } from "./app.js";
import { hostnameOf } from "./request-origin.js";
import type { HttpApp } from "./types.js";

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The agent's app with one state-changing route that counts what reached it. */
async function agentApp(allowedHosts: string[] = []) {
  const reached: string[] = [];
  app = await buildHttpApp({
    kiosk: { site: "test-site", id: "kiosk-test", name: "测试邻里中心" },
    demo: false,
    startedAt: new Date(),
    log: createLogger({ level: "silent" }),
    uiDir: "/nonexistent",
    allowedHosts,
    routes: [
      async (api) => {
        api.post("/doors/open", async () => {
          reached.push("open");
          return { opened: true };
        });
        api.get("/events-like", async () => {
          reached.push("events");
          return { ok: true };
        });
      },
    ],
  });
  await app.ready();
  return { app, reached };
}

describe("the Host and Origin checks (DNS rebinding, cross-site requests)", () => {
  it.each([
    "127.0.0.1:8080",
    "localhost:8080",
    "[::1]:8080",
    "192.168.1.20:8080",
    "kiosk.localhost",
  ])("answers requests naming %s", async (host) => {
    const { app } = await agentApp();
    const response = await app.inject({ method: "GET", url: "/api/v1/health", headers: { host } });
    expect(response.statusCode).toBe(200);
  });

  it("refuses a rebound host name with 421 and a message that says how to allow a name", async () => {
    const { app } = await agentApp();
    const response = await app.inject({
      method: "GET",
      url: "/api/v1/health",
      headers: { host: "attacker.example:8080" },
    });
    expect(response.statusCode).toBe(421);
    expect(response.json()).toEqual({
      code: "LINLI_ERR_HTTP_HOST_NOT_ALLOWED",
      message: expect.stringContaining("http.allowedHosts"),
    });
    // Refusals carry the security headers too.
    expect(response.headers["x-frame-options"]).toBe("DENY");
  });

  it("answers a name listed in http.allowedHosts, in any case, with or without the trailing dot", async () => {
    const { app } = await agentApp(["kiosk-01.lan"]);
    for (const host of ["kiosk-01.lan:8080", "KIOSK-01.LAN", "kiosk-01.lan."]) {
      const response = await app.inject({
        method: "GET",
        url: "/api/v1/health",
        headers: { host },
      });
      expect(response.statusCode, host).toBe(200);
    }
  });

  it("refuses a state-changing request from another origin before the route runs", async () => {
    const { app, reached } = await agentApp();
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/doors/open",
      headers: { host: "127.0.0.1:8080", origin: "http://attacker.example" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "LINLI_ERR_HTTP_ORIGIN_NOT_ALLOWED" });
    expect(reached).toEqual([]);
  });

  it("refuses a sandboxed page (Origin: null) and another port on the same host", async () => {
    const { app, reached } = await agentApp();
    for (const origin of ["null", "http://127.0.0.1:9999"]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/doors/open",
        headers: { host: "127.0.0.1:8080", origin },
      });
      expect(response.statusCode, origin).toBe(403);
    }
    expect(reached).toEqual([]);
  });

  it("lets the kiosk's own page act, and tools that send no Origin", async () => {
    const { app, reached } = await agentApp();
    const own = await app.inject({
      method: "POST",
      url: "/api/v1/doors/open",
      headers: { host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080" },
    });
    const tool = await app.inject({
      method: "POST",
      url: "/api/v1/doors/open",
      headers: { host: "127.0.0.1:8080" },
    });
    expect([own.statusCode, tool.statusCode]).toEqual([200, 200]);
    expect(reached).toEqual(["open", "open"]);
  });

  it("refuses a WebSocket upgrade from another origin before the route runs", async () => {
    const { app, reached } = await agentApp();
    const upgrade = await app.inject({
      method: "GET",
      url: "/api/v1/events-like",
      headers: {
        host: "127.0.0.1:8080",
        origin: "http://attacker.example",
        connection: "Upgrade",
        upgrade: "websocket",
      },
    });
    expect(upgrade.statusCode).toBe(403);
    expect(reached).toEqual([]);
  });

  it("refuses a rebound name over a real socket, as a browser would send it", async () => {
    const { app } = await agentApp();
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const statusFor = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        request({ host: "127.0.0.1", port, path: "/api/v1/health", headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
          .on("error", reject)
          .end();
      });
    expect(await statusFor(`rebind.attacker.example:${port}`)).toBe(421);
    expect(await statusFor(`127.0.0.1:${port}`)).toBe(200);
  });

  it("reads host names out of Host headers and rejects what is not one", () => {
    expect(hostnameOf("Kiosk-01.LAN:8080")).toBe("kiosk-01.lan");
    expect(hostnameOf("[::1]:8080")).toBe("::1");
    expect(hostnameOf("user@evil.example")).toBeUndefined();
    expect(hostnameOf("evil.example/path")).toBeUndefined();
    expect(hostnameOf("")).toBeUndefined();
  });
});
