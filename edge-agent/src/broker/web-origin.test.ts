import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createLogger } from "../log.js";
import { EmbeddedBroker, webOriginAllowed } from "./broker.js";

const log = createLogger({ level: "silent" });
let broker: EmbeddedBroker | undefined;
afterEach(async () => {
  await broker?.stop();
  broker = undefined;
});

/** Opens the broker's WebSocket as a browser page from `origin` would; answers whether it was let in. */
function upgrade(port: number, origin: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`, "mqtt", {
      ...(origin === undefined ? {} : { origin }),
    });
    socket.once("open", () => {
      socket.terminate();
      resolve(true);
    });
    socket.once("unexpected-response", () => resolve(false));
    socket.once("error", () => resolve(false));
  });
}

describe("the embedded broker's WebSocket and web pages from other sites", () => {
  it("lets in the agent's own pages and clients that are not browsers, and refuses other sites", async () => {
    broker = new EmbeddedBroker(
      { host: "127.0.0.1", port: 0, wsPort: 0, webOriginHosts: ["127.0.0.1", "kiosk-01.lan"] },
      log,
    );
    await broker.start();
    const port = broker.wsPort;
    expect(await upgrade(port, "http://127.0.0.1:8080")).toBe(true);
    expect(await upgrade(port, "http://localhost:5173")).toBe(true);
    expect(await upgrade(port, "http://kiosk-01.lan:8080")).toBe(true);
    expect(await upgrade(port, undefined)).toBe(true);
    // Another site open in a browser on this machine, by name, by address, or sandboxed.
    expect(await upgrade(port, "https://attacker.example")).toBe(false);
    expect(await upgrade(port, "http://203.0.113.9")).toBe(false);
    expect(await upgrade(port, "null")).toBe(false);

    // The fleet view's way in still works end to end: MQTT over the WebSocket from our origin.
    const viewer = await mqtt.connectAsync(`ws://127.0.0.1:${port}`, {
      reconnectPeriod: 0,
      wsOptions: { origin: "http://127.0.0.1:8080" },
    });
    expect(viewer.connected).toBe(true);
    await viewer.endAsync(true);
  });

  it("reads origins strictly", () => {
    expect(webOriginAllowed("http://[::1]:8080")).toBe(true);
    expect(webOriginAllowed("http://127.0.0.2")).toBe(true);
    expect(webOriginAllowed("http://127.0.0.1.attacker.example")).toBe(false);
    expect(webOriginAllowed("file://")).toBe(false);
    expect(webOriginAllowed("not a url")).toBe(false);
    expect(webOriginAllowed("http://KIOSK-01.LAN", ["kiosk-01.lan"])).toBe(true);
  });
});
