import { afterEach, describe, expect, it } from "vitest";
import { EventBus } from "../bus.js";
import { initialHealth } from "../devices/device.js";
import { createLogger } from "../log.js";
import { MIGRATIONS, Store } from "../store/index.js";
import { readCookie, sessionCookie } from "./cookie.js";
import { EventLog } from "./event-log.js";

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

function openLog(maxRows?: number) {
  const store = new Store(":memory:", createLogger({ level: "silent" }), MIGRATIONS);
  store.start();
  stores.push(store);
  const bus = new EventBus();
  const log = new EventLog({ db: store.db, bus, ...(maxRows === undefined ? {} : { maxRows }) });
  log.start();
  return { bus, log, store };
}

describe("the event log", () => {
  it("records device state changes, not every repeat of the same state", () => {
    const { bus, log } = openLog();
    const ready = { ...initialHealth(), state: "ready" as const, connected: true };
    bus.emit("deviceHealth", { deviceId: "printer-1", health: ready });
    bus.emit("deviceHealth", { deviceId: "printer-1", health: { ...ready, lastSeen: "now" } });
    bus.emit("deviceHealth", { deviceId: "printer-1", health: { ...ready, state: "paper_out" } });
    expect(log.query().map((entry) => entry.data.state)).toEqual(["paper_out", "ready"]);
  });

  it("keeps only the newest entries past its bound", () => {
    const { bus, log, store } = openLog(50);
    for (let i = 0; i < 500; i += 1) {
      bus.emit("deviceEvent", { deviceId: "rating-1", type: "rating_press", data: { i } });
    }
    const count = store.db.prepare("SELECT COUNT(*) AS n FROM event_log").get() as { n: number };
    expect(count.n).toBeLessThanOrEqual(150);
    expect(log.query({ limit: 1 })[0]?.data).toEqual({ event: "rating_press", data: { i: 499 } });
    log.trim();
    expect(log.query({ limit: 500 })).toHaveLength(50);
  });

  it("stops listening when stopped", () => {
    const { bus, log } = openLog();
    log.stop();
    bus.emit("deviceEvent", { deviceId: "rating-1", type: "rating_press", data: {} });
    expect(log.query()).toEqual([]);
  });
});

describe("the session cookie", () => {
  it("is found among other cookies, quoted or not, and not by a longer name", () => {
    expect(readCookie("a=1; linli_operator=abc; b=2", "linli_operator")).toBe("abc");
    expect(readCookie('linli_operator="abc"', "linli_operator")).toBe("abc");
    expect(readCookie("linli_operator_x=abc; x=1", "linli_operator")).toBeUndefined();
    expect(readCookie(undefined, "linli_operator")).toBeUndefined();
    expect(readCookie("garbage", "linli_operator")).toBeUndefined();
  });

  it("is Secure only when asked", () => {
    expect(sessionCookie("t", { secure: false, maxAgeSeconds: 60 })).toBe(
      "linli_operator=t; Path=/api/v1; Max-Age=60; HttpOnly; SameSite=Strict",
    );
    expect(sessionCookie("t", { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });
});
