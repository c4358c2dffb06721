/**
 * Residents' actions while the store cannot take writes: refused before
 * anything happens, with 507 LINLI_ERR_STORE_FULL, never half done, and open
 * again once the store takes writes — without a restart.
 *
 * Two real ways in: free space below the reserve (the store's health refuses
 * ahead, nothing is tried), and a write SQLite itself refuses mid-action —
 * `PRAGMA query_only`, SQLite's own SQLITE_READONLY, as on a disk that went
 * read-only. The full disk itself, SQLITE_FULL from the filesystem, is
 * test/integration/disk-full.test.ts.
 */
import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import type { LockerDriver } from "../devices/locker/locker-driver.js";
import { createLogger } from "../log.js";
import { DEFAULT_SESSIONS, OperatorSessions } from "../operator/sessions.js";
import { type SqliteDatabase, StoreHealth } from "../store/index.js";
import { ParcelService } from "./parcels/parcel-service.js";
import {
  BOARD_ADDRESS,
  LOCKER_ID,
  openServicesRig,
  type ServicesRig,
  until,
} from "./parcels/testing.js";
import { FRIDAY_10, type Harness, openHarness, session } from "./ratings/fixtures.js";
import { openVendingRig, VENDING_ID, type VendingRig } from "./vending/testing.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The store's health as the agent runs it, with the free space the test says. */
function watch(db: SqliteDatabase, options: { free?: () => number; reserveBytes?: number } = {}) {
  const health = new StoreHealth({
    db: () => db,
    storePath: ":memory:",
    reserveBytes: options.reserveBytes ?? 0,
    log: createLogger({ level: "silent" }),
    ...(options.free ? { freeBytes: options.free } : {}),
    checkMs: 3_600_000,
    probeEveryMs: 0,
  });
  health.start();
  cleanups.push(() => health.stop());
  return health;
}

/** SQLite refuses every write on this connection from now on (SQLITE_READONLY), or no more. */
const readOnly = (db: SqliteDatabase, on: boolean) =>
  db.pragma(`query_only = ${on ? "ON" : "OFF"}`);

async function refusalOf(run: () => unknown): Promise<LinliError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof LinliError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function parcelRig(): Promise<{
  rig: ServicesRig;
  parcels: ParcelService;
  code: string;
  lock: number;
}> {
  const rig = await openServicesRig({ printer: false });
  const parcels = new ParcelService({
    db: rig.db,
    outbox: rig.outbox,
    devices: rig.devices,
    jobs: rig.jobs,
    bus: rig.bus,
  });
  parcels.start();
  cleanups.push(async () => {
    parcels.stop();
    await rig.close();
  });
  const deposit = parcels.deposit({ size: "M", phone: "13812345678", carrier: "顺丰" });
  const { lock } = deposit.door;
  await until(() => rig.lockers.isOpen(BOARD_ADDRESS, lock), "the courier's door to open");
  await until(() => parcels.list().items.some((one) => one.id === deposit.parcelId), "waiting");
  rig.lockers.closeDoor(BOARD_ADDRESS, lock);
  return { rig, parcels, code: deposit.pickupCode, lock };
}

describe("a parcel pickup while the store cannot take writes", () => {
  it("is refused before the door opens when free space is below the reserve, and opens once there is room", async () => {
    const { rig, parcels, code, lock } = await parcelRig();
    let free = 0;
    watch(rig.db, { free: () => free, reserveBytes: 1024 * 1024 });
    const attempts = () =>
      (rig.db.prepare("SELECT count(*) AS n FROM code_attempts").get() as { n: number }).n;
    const before = attempts();

    const refusal = await refusalOf(() => parcels.pickup({ code }));
    expect(refusal).toMatchObject({
      code: "LINLI_ERR_STORE_FULL",
      status: 507,
      details: { reason: "low_space", lastError: null },
    });
    expect(refusal.message).toContain("暂停办理");
    expect(rig.lockers.opensOf(BOARD_ADDRESS, lock)).toBe(1);
    expect(attempts()).toBe(before);
    expect(parcels.list().items.map((parcel) => parcel.state)).toEqual(["waiting"]);

    free = 10 * 1024 * 1024;
    await expect(parcels.pickup({ code })).resolves.toMatchObject({ state: "opened" });
    expect(rig.lockers.opensOf(BOARD_ADDRESS, lock)).toBe(2);
  });

  it("rolls back when SQLite refuses the write: the door stays shut and the code works once writes do", async () => {
    const { rig, parcels, code, lock } = await parcelRig();
    const health = watch(rig.db);
    readOnly(rig.db, true);

    const refusal = await refusalOf(() => parcels.pickup({ code }));
    expect(refusal).toMatchObject({
      code: "LINLI_ERR_STORE_FULL",
      status: 507,
      details: { reason: "read_only", lastError: "SQLITE_READONLY" },
    });
    expect(health.state()).toMatchObject({ writable: false, reason: "read_only" });
    // Give a door job that slipped through every chance to run: none did.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.lockers.opensOf(BOARD_ADDRESS, lock)).toBe(1);
    expect(rig.jobs.list({ kind: "door_open" })).toHaveLength(1);

    readOnly(rig.db, false);
    await expect(parcels.pickup({ code })).resolves.toMatchObject({ state: "opened" });
    expect(health.writable).toBe(true);
    expect(rig.lockers.opensOf(BOARD_ADDRESS, lock)).toBe(2);
  });

  it("does not stop the locker: a door whose job could not be moved on leaves the next one to open", async () => {
    const { rig, lock } = await parcelRig();
    const locker = rig.devices.get(LOCKER_ID)?.device as LockerDriver;
    const stuck = lock + 1;
    const next = lock + 2;
    locker.openDoor(1, stuck);
    // The job is recorded; the store fails before it can be moved to running.
    readOnly(rig.db, true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    readOnly(rig.db, false);
    expect(rig.lockers.opensOf(BOARD_ADDRESS, stuck)).toBe(0);

    locker.openDoor(1, next);
    await until(() => rig.lockers.opensOf(BOARD_ADDRESS, next) === 1, "the next door to open");
  });
});

describe("a sale while the store cannot take writes", () => {
  async function vendingRig(): Promise<VendingRig> {
    const rig = await openVendingRig();
    cleanups.push(() => rig.close());
    return rig;
  }

  it("is refused before any charge is made, and sells once writes work again", async () => {
    const rig = await vendingRig();
    watch(rig.store.db);
    readOnly(rig.store.db, true);
    const refusal = await refusalOf(() => rig.vending.order({ deviceId: VENDING_ID, slot: 1 }));
    expect(refusal).toMatchObject({ code: "LINLI_ERR_STORE_FULL", status: 507 });
    readOnly(rig.store.db, false);
    expect(rig.payment.ledger()).toEqual([]);
    expect(rig.vmc.vends).toEqual([]);
    expect(rig.vending.list({ state: "all" }).total).toBe(0);

    const order = await rig.vending.order({ deviceId: VENDING_ID, slot: 1 });
    expect(order.state).toBe("awaiting_payment");
    expect(rig.payment.ledger()).toHaveLength(1);
  });

  it("is refused ahead while free space is below the reserve", async () => {
    const rig = await vendingRig();
    watch(rig.store.db, { free: () => 0, reserveBytes: 1 });
    const refusal = await refusalOf(() => rig.vending.order({ deviceId: VENDING_ID, slot: 1 }));
    expect(refusal).toMatchObject({
      code: "LINLI_ERR_STORE_FULL",
      details: { reason: "low_space" },
    });
    expect(rig.payment.ledger()).toEqual([]);
  });
});

describe("a rating or a problem report while the store cannot take writes", () => {
  let harness: Harness;
  afterEach(() => harness.stop());

  it("is refused, never thanked for, and nothing goes upstream", async () => {
    harness = openHarness();
    watch(harness.store.db);
    readOnly(harness.store.db, true);
    const rating = await refusalOf(() =>
      harness.ratings.rate(
        { sessionId: session(), score: 5, subject: { kind: "kiosk" } },
        FRIDAY_10,
      ),
    );
    expect(rating).toMatchObject({ code: "LINLI_ERR_STORE_FULL", status: 507 });
    const report = await refusalOf(() =>
      harness.reports.create({ category: "facility_damage", reasons: ["lighting"] }, FRIDAY_10),
    );
    expect(report).toMatchObject({ code: "LINLI_ERR_STORE_FULL", status: 507 });
    readOnly(harness.store.db, false);
    expect(harness.count("ratings")).toBe(0);
    expect(harness.count("problem_reports")).toBe(0);
    expect(harness.events()).toEqual([]);

    harness.ratings.rate({ sessionId: session(), score: 5, subject: { kind: "kiosk" } }, FRIDAY_10);
    expect(harness.count("ratings")).toBe(1);
  });
});

describe("an operator's session while the store cannot take writes", () => {
  let harnessStore: Harness;
  afterEach(() => harnessStore.stop());

  it("stays signed in, its activity kept in memory until the store takes it", async () => {
    harnessStore = openHarness();
    const db = harnessStore.store.db;
    watch(db);
    const sessions = new OperatorSessions(db, DEFAULT_SESSIONS);
    const start = Date.parse("2024-06-07T10:00:00Z");
    const { token } = sessions.create("127.0.0.1", start);
    readOnly(db, true);
    // Touched every 10 minutes for an hour: never 15 idle minutes, though nothing was written.
    for (let minutes = 10; minutes <= 60; minutes += 10) {
      expect(sessions.find(token, start + minutes * 60_000, true)).toBeDefined();
    }
    readOnly(db, false);
    sessions.sweep(start + 61 * 60_000);
    expect(sessions.find(token, start + 62 * 60_000, true)).toBeDefined();
  });
});
