import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Store } from "../../store/index.js";
import { Outbox } from "../../uplink/outbox.js";
import { CodeGuard, refuseWrongCode } from "./code-guard.js";
import { servicesMigrations, tempStorePath } from "./testing.js";

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

function guardOn(path = tempStorePath()) {
  const store = new Store(path, createLogger({ level: "silent" }), servicesMigrations());
  store.start();
  stores.push(store);
  const outbox = new Outbox(store.db);
  return { guard: new CodeGuard(store.db, outbox), outbox, path };
}

function refusal(run: () => unknown): LinliError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinliError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const T0 = Date.parse("2026-05-01T02:00:00Z");

describe("the code guard", () => {
  it("tells how many tries are left, and locks codes for 5 minutes at the fifth wrong code within 60 s", () => {
    const { guard, outbox } = guardOn();
    for (let wrong = 1; wrong <= 4; wrong += 1) {
      const error = refusal(() => refuseWrongCode(guard, T0 + wrong * 1000, "取件码"));
      expect(error.status).toBe(404);
      expect(error.details).toEqual({ attemptsLeft: 5 - wrong });
    }
    const locked = refusal(() => refuseWrongCode(guard, T0 + 5000, "取件码"));
    expect(locked.status).toBe(429);
    expect(locked.details).toEqual({ retryAfterSeconds: 300 });
    expect(locked.message).toContain("5 分钟");
    const later = refusal(() => guard.check(T0 + 65_000));
    expect(later.details).toEqual({ retryAfterSeconds: 240 });
    expect(() => guard.check(T0 + 5000 + 300_000)).not.toThrow();
    expect(outbox.next(0, 10).map((event) => event.type)).toEqual(["parcel.code_lockout"]);
  });

  it("does not count wrong codes older than the window", () => {
    const { guard } = guardOn();
    for (let wrong = 0; wrong < 4; wrong += 1) guard.wrong(T0 + wrong * 1000);
    // Only the wrong codes of 2 s and 3 s are within 60 s of this one.
    expect(guard.wrong(T0 + 61_500)).toEqual({ attemptsLeft: 2 });
  });

  it("doubles the cool-down for each lockout within a day, up to an hour", () => {
    const { guard } = guardOn();
    let now = T0;
    const lengths: number[] = [];
    for (let lockout = 0; lockout < 6; lockout += 1) {
      let result = guard.wrong(now);
      while (result.lockedUntil === undefined) result = guard.wrong(now);
      lengths.push((result.lockedUntil - now) / 60_000);
      now = result.lockedUntil + 1000;
    }
    expect(lengths).toEqual([5, 10, 20, 40, 60, 60]);
  });

  it("keeps a lockout across a restart", () => {
    const { guard, path } = guardOn();
    for (let wrong = 0; wrong < 5; wrong += 1) guard.wrong(T0);
    for (const store of stores.splice(0)) store.stop();
    const { guard: restarted } = guardOn(path);
    expect(refusal(() => restarted.check(T0 + 1000)).status).toBe(429);
  });
});
