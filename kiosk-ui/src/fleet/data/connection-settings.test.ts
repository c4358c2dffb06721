import { describe, expect, it } from "vitest";
import {
  brokerUrl,
  keepInSession,
  settingsFromAgent,
  settingsFromQuery,
  settingsFromSession,
} from "./connection-settings.js";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe("where the fleet view connects", () => {
  it("takes only ws:// and wss:// broker addresses", () => {
    expect(brokerUrl("wss://broker.example.cn/mqtt")).toBe("wss://broker.example.cn/mqtt");
    expect(brokerUrl(" ws://127.0.0.1:8083 ")).toBe("ws://127.0.0.1:8083/");
    expect(brokerUrl("mqtt://127.0.0.1:1883")).toBeUndefined();
    expect(brokerUrl("javascript:alert(1)")).toBeUndefined();
    expect(brokerUrl(42)).toBeUndefined();
  });

  it("reads the address and read-only account from the query, and takes them off the address bar", () => {
    let remaining: string | undefined;
    const settings = settingsFromQuery(
      "?url=wss%3A%2F%2Fbroker.example.cn%2Fmqtt&username=viewer&password=s3cret&lang=en",
      (rest) => {
        remaining = rest;
      },
    );
    expect(settings).toEqual({
      url: "wss://broker.example.cn/mqtt",
      username: "viewer",
      password: "s3cret",
    });
    expect(remaining).toBe("lang=en");
    expect(settingsFromQuery("?lang=en")).toBeUndefined();
  });

  it("keeps them for the browser session, and ignores anything unreadable there", () => {
    const storage = memoryStorage();
    keepInSession(storage, { url: "wss://broker.example.cn/mqtt", username: "viewer" });
    expect(settingsFromSession(storage)).toEqual({
      url: "wss://broker.example.cn/mqtt",
      username: "viewer",
    });
    storage.setItem("linli.fleet.connection", "{broken");
    expect(settingsFromSession(storage)).toBeUndefined();
  });

  it("asks the agent in demo mode, and takes no answer for no", async () => {
    const answer = (status: number, body: unknown) => async () =>
      new Response(JSON.stringify(body), { status });
    expect(await settingsFromAgent(answer(200, { url: "ws://127.0.0.1:8083" }))).toEqual({
      url: "ws://127.0.0.1:8083/",
    });
    expect(
      await settingsFromAgent(answer(404, { code: "LINLI_ERR_HTTP_NOT_FOUND" })),
    ).toBeUndefined();
    expect(await settingsFromAgent(answer(200, { url: "http://elsewhere" }))).toBeUndefined();
    expect(
      await settingsFromAgent(async () => {
        throw new TypeError("network down");
      }),
    ).toBeUndefined();
  });
});
