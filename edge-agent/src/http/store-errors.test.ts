import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { Store, StoreHealth } from "../store/index.js";
import { buildHttpApp } from "./app.js";
import type { HttpApp } from "./types.js";

let app: HttpApp | undefined;
let store: Store | undefined;
afterEach(async () => {
  await app?.close();
  store?.stop();
});

/** The agent's HTTP app over a real store, with one route that writes to it. */
async function appWithStore() {
  const lines: string[] = [];
  const log = createLogger({
    level: "info",
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  store = new Store(":memory:", log);
  store.start();
  const db = store.db;
  const health = new StoreHealth({ db: () => db, storePath: ":memory:", reserveBytes: 0, log });
  health.start();
  app = await buildHttpApp({
    kiosk: { site: "test-site", id: "kiosk-test", name: "测试邻里中心" },
    demo: false,
    startedAt: new Date(),
    log,
    store: health,
    routes: [
      async (api) => {
        api.post("/notes", async () => {
          db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)").run(
            `note-${Math.random()}`,
            "x",
          );
          return { ok: true };
        });
      },
    ],
  });
  await app.ready();
  return { app, db, health, lines };
}

describe("a request whose write the store cannot take", () => {
  it("answers 507 LINLI_ERR_STORE_FULL (not a 500), logged once by the store's health, and /health says so", async () => {
    const { app, db, health, lines } = await appWithStore();
    expect((await app.inject({ method: "POST", url: "/api/v1/notes" })).statusCode).toBe(200);
    // SQLite's own refusal, as on a disk gone read-only.
    db.pragma("query_only = ON");
    for (let i = 0; i < 3; i += 1) {
      const answer = await app.inject({ method: "POST", url: "/api/v1/notes" });
      expect(answer.statusCode).toBe(507);
      expect(answer.json()).toMatchObject({
        code: "LINLI_ERR_STORE_FULL",
        details: { reason: "read_only", lastError: "SQLITE_READONLY" },
      });
    }
    expect(health.writable).toBe(false);
    expect(lines.filter((line) => line.includes('"level":50'))).toHaveLength(1);
    const status = await app.inject({ method: "GET", url: "/api/v1/health" });
    expect(status.json().store).toMatchObject({
      writable: false,
      reason: "read_only",
      lastError: "SQLITE_READONLY",
      freeBytes: null,
    });
  });
});
