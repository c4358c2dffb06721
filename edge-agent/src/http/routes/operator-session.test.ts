import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeDevices,
  fakeDevices,
  type OperatorRig,
  type OperatorRigOptions,
  operatorRig,
  TEST_PIN,
} from "../../operator/testing.js";

const rigs: OperatorRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

let fakes: FakeDevices;

async function open(options: OperatorRigOptions = {}): Promise<OperatorRig> {
  const rig = await operatorRig({
    devices: ({ jobs }) => {
      fakes = fakeDevices(jobs);
      return fakes.devices;
    },
    ...options,
  });
  rigs.push(rig);
  return rig;
}

describe("POST /api/v1/operator/login", () => {
  it("answers 200 with an httpOnly, SameSite=Strict session cookie for /api/v1", async () => {
    const rig = await open();
    const response = await rig.post("/operator/login", { pin: TEST_PIN });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(
      /^linli_operator=[A-Za-z0-9_-]{43}; Path=\/api\/v1; Max-Age=28800; HttpOnly; SameSite=Strict$/,
    );
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.json()).toEqual({
      sessionId: expect.stringMatching(/^[0-9a-f]{16}$/),
      createdAt: "2024-06-03T08:00:00.000Z",
      expiresAt: "2024-06-03T16:00:00.000Z",
      idleExpiresAt: "2024-06-03T08:15:00.000Z",
    });
  });

  it("marks the cookie Secure only when the request came over https", async () => {
    const rig = await open({ trustProxy: true });
    const response = await rig.app.inject({
      method: "POST",
      url: "/api/v1/operator/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { pin: TEST_PIN },
    });
    expect(String(response.headers["set-cookie"])).toMatch(/; SameSite=Strict; Secure$/);
  });

  it("answers 401 for a wrong PIN, then 429 with a growing Retry-After", async () => {
    const rig = await open();
    const wrong = await rig.post("/operator/login", { pin: "0000" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe("LINLI_ERR_OPERATOR_WRONG_PIN");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    for (let i = 0; i < 3; i += 1) await rig.post("/operator/login", { pin: "0000" });
    const locked = await rig.post("/operator/login", { pin: "0000" });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["retry-after"]).toBe("30");
    expect(locked.json()).toMatchObject({ code: "LINLI_ERR_OPERATOR_LOCKED_OUT" });
    const stillLocked = await rig.post("/operator/login", { pin: TEST_PIN });
    expect(stillLocked.statusCode).toBe(429);
    rig.clock.advance(30_000);
    const again = await rig.post("/operator/login", { pin: "0000" });
    expect(again.statusCode).toBe(429);
    expect(again.headers["retry-after"]).toBe("60");
  });

  it("refuses a PIN that is not 4 to 12 digits, or no body, with 400 and what it takes", async () => {
    const rig = await open();
    for (const payload of [{ pin: "12ab" }, { pin: "123" }, { pin: "1234567890123" }]) {
      const response = await rig.post("/operator/login", payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        code: "LINLI_ERR_OPERATOR_BAD_REQUEST",
        message: "pin must be the operator PIN: 4 to 12 digits",
      });
    }
    const empty = await rig.post("/operator/login");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/must be a JSON object with pin/);
  });

  it("answers 503 saying how to set a PIN when none is configured", async () => {
    const rig = await open({ pinHash: null });
    const response = await rig.post("/operator/login", { pin: TEST_PIN });
    expect(response.statusCode).toBe(503);
    expect(response.json().message).toMatch(/linli hash-pin/);
  });
});

describe("the operator session", () => {
  it("is shown by GET /operator/session and ended by logout, which clears the cookie", async () => {
    const rig = await open();
    const cookie = await rig.login();
    expect((await rig.get("/operator/session", cookie)).statusCode).toBe(200);
    const out = await rig.post("/operator/logout", undefined, cookie);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(
      /^linli_operator=; Path=\/api\/v1; Max-Age=0;/,
    );
    expect((await rig.get("/operator/session", cookie)).statusCode).toBe(401);
    expect((await rig.get("/operator/devices", cookie)).statusCode).toBe(401);
    expect((await rig.post("/operator/logout", undefined, cookie)).statusCode).toBe(204);
  });

  it("expires after 15 idle minutes; activity keeps it, looking at it does not", async () => {
    const rig = await open();
    const cookie = await rig.login();
    rig.clock.advance(10 * 60_000);
    expect((await rig.get("/operator/devices", cookie)).statusCode).toBe(200);
    rig.clock.advance(10 * 60_000);
    expect((await rig.get("/operator/session", cookie)).json().idleExpiresAt).toBe(
      "2024-06-03T08:25:00.000Z",
    );
    rig.clock.advance(5 * 60_000);
    const expired = await rig.get("/operator/devices", cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe("LINLI_ERR_OPERATOR_UNAUTHENTICATED");
  });

  it("guards every operator route: 401 without a session, before the request is validated", async () => {
    const rig = await open();
    const routes: [string, string, object?][] = [
      ["GET", "/operator/session"],
      ["GET", "/operator/devices"],
      ["POST", "/operator/devices/lockers-1/open-door", { board: 1, lock: 1 }],
      ["POST", "/operator/devices/lockers-1/open-door", { board: "x" }],
      ["POST", "/operator/devices/printer-1/test-print"],
      ["GET", "/operator/jobs/some-job"],
      ["POST", "/operator/jobs/some-job/resolve", { action: "dismiss" }],
      ["GET", "/operator/events"],
      ["GET", "/operator/events?limit=0"],
    ];
    for (const cookie of [undefined, "linli_operator=forged", `linli_operator=${"A".repeat(43)}`]) {
      for (const [method, url, payload] of routes) {
        const response = await rig.app.inject({
          method: method as "GET" | "POST",
          url: `/api/v1${url}`,
          ...(payload === undefined ? {} : { payload }),
          ...(cookie === undefined ? {} : { headers: { cookie } }),
        });
        expect(response.statusCode, `${method} ${url} with ${cookie}`).toBe(401);
        expect(response.json().code).toBe("LINLI_ERR_OPERATOR_UNAUTHENTICATED");
      }
    }
    expect(fakes.locker.opened).toEqual([]);
    expect(rig.jobs.list()).toEqual([]);
  });

  it("reads its cookie among others", async () => {
    const rig = await open();
    const cookie = await rig.login();
    const response = await rig.get("/operator/devices", `theme=dark; ${cookie}; lang=zh`);
    expect(response.statusCode).toBe(200);
  });
});
