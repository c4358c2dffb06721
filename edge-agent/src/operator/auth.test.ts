import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { MIGRATIONS, Store } from "../store/index.js";
import { Outbox } from "../uplink/outbox.js";
import { OperatorAudit } from "./audit.js";
import { OperatorAuth } from "./auth.js";
import { EventLog } from "./event-log.js";
import { type OperatorRig, operatorRig, TEST_PIN } from "./testing.js";

const MINUTE = 60_000;
const CLIENT = "127.0.0.1";

const rigs: OperatorRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function open(options: Parameters<typeof operatorRig>[0] = {}): Promise<OperatorRig> {
  const rig = await operatorRig(options);
  rigs.push(rig);
  return rig;
}

function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; details?: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: { code: string; status: number; details?: Record<string, unknown> }) => error,
  );
}

describe("operator login", () => {
  it("opens a session for the right PIN, keeping only the token's sha256", async () => {
    const { auth, store } = await open();
    const { token, session } = await auth.login(TEST_PIN, CLIENT);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = store.db.prepare("SELECT * FROM operator_sessions").all();
    expect(rows).toEqual([
      expect.objectContaining({
        id: session.id,
        token_hash: createHash("sha256").update(token).digest("hex"),
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(auth.session(token)?.id).toBe(session.id);
  });

  it("refuses a wrong PIN with 401 and says how many tries are left", async () => {
    const { auth } = await open();
    const error = await refusal(auth.login("0000", CLIENT));
    expect(error).toMatchObject({ code: "LINLI_ERR_OPERATOR_WRONG_PIN", status: 401 });
    expect(String(error)).toMatch(/after 4 more wrong PINs/);
  });

  it("locks login after five wrong PINs for 30 s, then 60 s, 120 s … never more than an hour", async () => {
    const { auth, clock } = await open();
    for (let i = 0; i < 4; i += 1) {
      expect((await refusal(auth.login("0000", CLIENT))).status).toBe(401);
    }
    const waits: unknown[] = [];
    for (let i = 0; i < 9; i += 1) {
      const error = await refusal(auth.login("0000", CLIENT));
      expect(error).toMatchObject({ code: "LINLI_ERR_OPERATOR_LOCKED_OUT", status: 429 });
      const wait = Number(error.details?.retryAfterSeconds);
      waits.push(wait);
      clock.advance(wait * 1000);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it("refuses even the right PIN while locked, and a right PIN afterwards clears the count", async () => {
    const { auth, clock } = await open();
    for (let i = 0; i < 5; i += 1) await refusal(auth.login("0000", CLIENT));
    clock.advance(10_000);
    const locked = await refusal(auth.login(TEST_PIN, CLIENT));
    expect(locked).toMatchObject({ status: 429, details: { retryAfterSeconds: 20 } });
    expect((await refusal(auth.login("0000", "192.0.2.7"))).status).toBe(401);
    clock.advance(20_000);
    await auth.login(TEST_PIN, CLIENT);
    expect(String(await refusal(auth.login("0000", CLIENT)))).toMatch(/after 4 more/);
  });

  it("keeps a lockout across a restart of the agent", async () => {
    const rig = await open();
    for (let i = 0; i < 5; i += 1) await refusal(rig.auth.login("0000", CLIENT));
    const path = rig.store.path;
    const log = createLogger({ level: "silent" });
    const store = new Store(path, log, MIGRATIONS);
    store.start();
    try {
      const events = new EventLog({ db: store.db, bus: rig.bus });
      const restarted = new OperatorAuth({
        db: store.db,
        pinHash: () => "scrypt$16384$8$1$AAAA$AAAA",
        audit: new OperatorAudit({ db: store.db, outbox: new Outbox(store.db), eventLog: events }),
        now: () => rig.clock.now,
      });
      const error = await refusal(restarted.login(TEST_PIN, CLIENT));
      expect(error).toMatchObject({ status: 429, details: { retryAfterSeconds: 30 } });
    } finally {
      store.stop();
    }
  });

  it("checks logins one at a time, so a burst of guesses cannot slip past the lockout", async () => {
    const { auth, store } = await open();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => refusal(auth.login("0000", CLIENT))),
    );
    const codes = outcomes.map((error) => error.code);
    expect(codes.filter((code) => code === "LINLI_ERR_OPERATOR_WRONG_PIN")).toHaveLength(4);
    expect(codes.filter((code) => code === "LINLI_ERR_OPERATOR_BUSY")).toHaveLength(4);
    expect(codes.filter((code) => code === "LINLI_ERR_OPERATOR_LOCKED_OUT")).toHaveLength(4);
    expect(store.db.prepare("SELECT failures FROM operator_lockout").get()).toEqual({
      failures: 5,
    });
  });

  it("answers 503 with how to set a PIN when none is configured", async () => {
    const { auth } = await open({ pinHash: null });
    const error = await refusal(auth.login(TEST_PIN, CLIENT));
    expect(error).toMatchObject({ code: "LINLI_ERR_OPERATOR_NOT_CONFIGURED", status: 503 });
    expect(String(error)).toMatch(/linli hash-pin.*operator\.pinHash/);
  });

  it("audits logins, failures, lockouts and logouts, each with an outbox event", async () => {
    const { auth, audit, outbox } = await open();
    for (let i = 0; i < 5; i += 1) await refusal(auth.login("0000", CLIENT));
    expect(audit.recent().map((entry) => entry.action)).toEqual([
      "locked_out",
      "login_failed",
      "login_failed",
      "login_failed",
      "login_failed",
    ]);
    await refusal(auth.login("0000", CLIENT)); // refused while locked: not audited again
    expect(audit.recent()).toHaveLength(5);
    const other = await auth.login(TEST_PIN, "192.0.2.7");
    expect(auth.logout(other.token, "192.0.2.7")).toBe(true);
    expect(auth.logout(other.token, "192.0.2.7")).toBe(false);
    expect(audit.recent(2).map((entry) => entry.action)).toEqual(["logout", "login"]);
    const events = outbox.next(0, 100);
    expect(events).toHaveLength(7);
    expect(events.every((event) => event.type === "operator.action" && event.priority === 1)).toBe(
      true,
    );
    expect(JSON.stringify(events)).not.toContain(TEST_PIN);
    expect(JSON.stringify(events)).not.toContain(other.token);
  });
});

describe("operator sessions", () => {
  it("end after 15 minutes without activity", async () => {
    const { auth, clock } = await open();
    const { token } = await auth.login(TEST_PIN, CLIENT);
    clock.advance(14 * MINUTE);
    expect(auth.session(token)).toBeDefined();
    clock.advance(14 * MINUTE);
    expect(auth.session(token)).toBeDefined();
    clock.advance(15 * MINUTE);
    expect(auth.session(token)).toBeUndefined();
  });

  it("are not extended by asking whether they are live", async () => {
    const { auth, clock } = await open();
    const { token } = await auth.login(TEST_PIN, CLIENT);
    clock.advance(10 * MINUTE);
    expect(auth.session(token, { touch: false })).toBeDefined();
    clock.advance(6 * MINUTE);
    expect(auth.session(token, { touch: false })).toBeUndefined();
  });

  it("end 8 hours after login however busy the operator is", async () => {
    const { auth, clock } = await open();
    const { token, session } = await auth.login(TEST_PIN, CLIENT);
    for (let elapsed = 0; elapsed < 8 * 60 - 10; elapsed += 10) {
      clock.advance(10 * MINUTE);
      expect(auth.session(token)?.expiresAt).toBe(session.expiresAt);
    }
    clock.advance(10 * MINUTE);
    expect(auth.session(token)).toBeUndefined();
  });

  it("refuse tokens that are malformed or unknown", async () => {
    const { auth } = await open();
    await auth.login(TEST_PIN, CLIENT);
    expect(auth.session(undefined)).toBeUndefined();
    expect(auth.session("short")).toBeUndefined();
    expect(auth.session("A".repeat(43))).toBeUndefined();
  });
});
