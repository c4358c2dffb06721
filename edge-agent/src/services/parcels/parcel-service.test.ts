import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import {
  ParcelService,
  type ParcelServiceOptions,
  type ScanPickupOutcome,
} from "./parcel-service.js";
import {
  BOARD_ADDRESS,
  CABINET_ID,
  LOCKER_ID,
  openServicesRig,
  type ServicesRig,
  type ServicesRigOptions,
  until,
} from "./testing.js";

const rigs: { rig: ServicesRig; parcels: ParcelService }[] = [];
afterEach(async () => {
  for (const { rig, parcels } of rigs.splice(0)) {
    parcels.stop();
    await rig.close();
  }
});

async function setUp(
  rigOptions: ServicesRigOptions = {},
  options: Partial<ParcelServiceOptions> = {},
) {
  const rig = await openServicesRig({ printer: false, ...rigOptions });
  const parcels = new ParcelService({
    db: rig.db,
    outbox: rig.outbox,
    devices: rig.devices,
    jobs: rig.jobs,
    bus: rig.bus,
    ...options,
  });
  parcels.start();
  rigs.push({ rig, parcels });
  return { rig, parcels };
}

async function refusal(run: () => Promise<unknown>): Promise<LinliError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof LinliError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A courier deposits a parcel and shuts the door; returns the deposit's answer. */
async function depositAndClose(rig: ServicesRig, parcels: ParcelService, phone = "13812345678") {
  const deposit = parcels.deposit({ size: "M", phone, carrier: "顺丰" });
  const { lock } = deposit.door;
  await until(() => rig.lockers.isOpen(BOARD_ADDRESS, lock), "the courier's door to open");
  await until(() => parcels.list().items.some((one) => one.id === deposit.parcelId), "waiting");
  rig.lockers.closeDoor(BOARD_ADDRESS, lock);
  return deposit;
}

describe("the parcel service", () => {
  it("opens a free door for the courier, then the same door once for the resident's code", async () => {
    const { rig, parcels } = await setUp();
    const deposit = await depositAndClose(rig, parcels);
    expect(deposit.pickupCode).toMatch(/^[0-9]{6}$/);
    expect(deposit.pickupQr).toBe(`LINLI:PICKUP:${deposit.pickupCode}`);
    expect(deposit.door).toEqual({ deviceId: LOCKER_ID, board: 1, lock: 1, size: "M" });

    const pickup = await parcels.pickup({ code: deposit.pickupCode });
    expect(pickup).toMatchObject({ parcelId: deposit.parcelId, state: "opened", repeated: false });
    expect(pickup.door).toEqual(deposit.door);
    expect(pickup.message).toBe("1 号柜门已打开，请取件后关好柜门");
    const again = await parcels.pickup({ code: deposit.pickupCode });
    expect(again).toMatchObject({ state: "opened", repeated: true, jobId: pickup.jobId });
    expect(rig.lockers.opensOf(BOARD_ADDRESS, 1)).toBe(2);
    expect(parcels.list({ state: "picked_up" }).items).toMatchObject([
      { id: deposit.parcelId, phoneLastFour: "5678", state: "picked_up" },
    ]);
    expect(rig.events("parcel.deposited")).toHaveLength(1);
    expect(rig.events("parcel.picked_up")).toHaveLength(1);
  });

  it("opens a door once for two taps at the same moment", async () => {
    const { rig, parcels } = await setUp();
    const deposit = await depositAndClose(rig, parcels);
    const [first, second] = await Promise.all([
      parcels.pickup({ code: deposit.pickupCode }),
      parcels.pickup({ qr: deposit.pickupQr }),
    ]);
    expect(second.jobId).toBe(first.jobId);
    expect(rig.lockers.opensOf(BOARD_ADDRESS, 1)).toBe(2);
  });

  it("lists parcels deposited in the same millisecond in the order they came", async () => {
    const at = new Date("2026-11-20T08:00:00.000Z");
    const { rig, parcels } = await setUp({}, { now: () => at });
    const ids: string[] = [];
    for (const phone of ["13700000001", "13700000002", "13700000003"])
      ids.push((await depositAndClose(rig, parcels, phone)).parcelId);
    expect(parcels.list().items.map((one) => one.id)).toEqual(ids);
    expect(parcels.list({ state: "all" }).items.map((one) => one.id)).toEqual(ids.toReversed());
  });

  it("gives each parcel its own door and takes a larger door when no door of the size is free", async () => {
    const { parcels } = await setUp();
    const first = parcels.deposit({ size: "S", phone: "021-5820 0101", carrier: "邮政" });
    const second = parcels.deposit({ size: "M", phone: "13900001111", carrier: "中通" });
    expect(first.door).toMatchObject({ lock: 1, size: "M" });
    expect(second.door).toMatchObject({ lock: 2, size: "M" });
    const error = await refusal(async () =>
      parcels.deposit({ size: "L", phone: "13900001111", carrier: "中通" }),
    );
    expect(error.code).toBe("LINLI_ERR_PARCEL_NO_FREE_DOOR");
  });

  it("refuses a repeated deposit request instead of opening a second door", async () => {
    const { rig, parcels } = await setUp();
    const input = { size: "M" as const, phone: "13812345678", carrier: "顺丰", requestId: "r-1" };
    parcels.deposit(input);
    const error = await refusal(async () => parcels.deposit(input));
    expect(error.code).toBe("LINLI_ERR_PARCEL_DUPLICATE_REQUEST");
    await until(() => rig.lockers.isOpen(BOARD_ADDRESS, 1), "the first door");
    expect(rig.lockers.opensOf(BOARD_ADDRESS, 2)).toBe(0);
  });

  it("refuses codes for a cool-down after five wrong ones, even the right one", async () => {
    const { rig, parcels } = await setUp();
    const deposit = await depositAndClose(rig, parcels);
    const wrong = deposit.pickupCode === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const error = await refusal(() => parcels.pickup({ code: wrong }));
      expect(error).toMatchObject({ status: 404, details: { attemptsLeft: 5 - attempt } });
    }
    expect(await refusal(() => parcels.pickup({ code: wrong }))).toMatchObject({ status: 429 });
    const locked = await refusal(() => parcels.pickup({ code: deposit.pickupCode }));
    expect(locked.status).toBe(429);
    expect(locked.details?.retryAfterSeconds).toBeGreaterThan(290);
    expect(rig.lockers.opensOf(BOARD_ADDRESS, 1)).toBe(1);
  });

  it("opens the door for a pickup QR read by the scanner, and ignores other codes", async () => {
    const { rig, parcels } = await setUp();
    const deposit = await depositAndClose(rig, parcels);
    const outcomes: ScanPickupOutcome[] = [];
    parcels.on("scanPickup", (outcome) => outcomes.push(outcome));
    rig.bus.emit("deviceEvent", {
      deviceId: "scanner-1",
      type: "scan",
      data: { code: "6901234567892" },
    });
    rig.bus.emit("deviceEvent", {
      deviceId: "scanner-1",
      type: "scan",
      data: { code: deposit.pickupQr, symbology: "qr-code", aim: "]Q1" },
    });
    await until(() => outcomes.length > 0, "the scanned pickup");
    expect(outcomes).toEqual([
      {
        ok: true,
        result: expect.objectContaining({ parcelId: deposit.parcelId, state: "opened" }),
        scannerId: "scanner-1",
      },
    ]);
    expect(rig.lockers.opensOf(BOARD_ADDRESS, 1)).toBe(2);
  });

  it("puts a parcel back to waiting when its door does not open, so the code works again", async () => {
    const { rig, parcels } = await setUp({}, { doorWaitMs: 8_000 });
    const deposit = await depositAndClose(rig, parcels);
    rig.lockers.jam(BOARD_ADDRESS, 1);
    const error = await refusal(() => parcels.pickup({ code: deposit.pickupCode }));
    expect(error).toMatchObject({ code: "LINLI_ERR_PARCEL_DOOR_FAILED", status: 502 });
    expect(parcels.list().items.map((one) => one.state)).toEqual(["waiting"]);
    rig.lockers.unjam(BOARD_ADDRESS, 1);
    expect(await parcels.pickup({ code: deposit.pickupCode })).toMatchObject({ state: "opened" });
    expect(rig.events("parcel.pickup_failed")).toHaveLength(1);
  }, 15_000);

  it("lists parcels past their deadline for the operator and reports each upstream once", async () => {
    let now = new Date("2026-05-01T02:00:00Z");
    const { rig, parcels } = await setUp({}, { now: () => now });
    const late = await depositAndClose(rig, parcels);
    now = new Date("2026-05-02T02:00:00Z");
    const early = parcels.deposit({ size: "M", phone: "13700000000", carrier: "京东" });
    await until(() => parcels.list().items.length === 2, "both waiting");
    now = new Date("2026-05-04T03:00:00Z");
    expect(parcels.list({ state: "overdue" }).items).toMatchObject([
      { id: late.parcelId, overdue: true, deadlineAt: "2026-05-04T02:00:00.000Z" },
    ]);
    expect(parcels.list().items.find((one) => one.id === early.parcelId)?.overdue).toBe(false);
    expect(parcels.reportOverdue()).toBe(1);
    expect(parcels.reportOverdue()).toBe(0);
    expect(rig.events("parcel.overdue")).toMatchObject([{ payload: { parcelId: late.parcelId } }]);
  });

  it("records door reports, left open too, with the parcel behind the door, as kept events", async () => {
    const { rig, parcels } = await setUp();
    const deposit = await depositAndClose(rig, parcels);
    await until(
      () => rig.events("locker.door_closed").length === 1,
      "the courier's door closing to be recorded",
    );
    expect(rig.events("locker.door_opened")[0]?.payload).toMatchObject({
      deviceId: LOCKER_ID,
      board: 1,
      lock: 1,
      parcelId: deposit.parcelId,
    });
    await parcels.pickup({ code: deposit.pickupCode });
    // The resident walks off without shutting the door.
    await until(() => rig.events("locker.door_left_open").length === 1, "the left-open report");
    expect(rig.events("locker.door_left_open")[0]?.payload).toMatchObject({
      parcelId: deposit.parcelId,
      lock: 1,
    });
    const kept = rig.outbox.next(0, 100).filter((event) => event.type.startsWith("locker."));
    expect(kept.map((event) => event.type)).toEqual([
      "locker.door_opened",
      "locker.door_closed",
      "locker.door_opened",
      "locker.door_left_open",
    ]);
    expect(kept.every((event) => event.priority === 2)).toBe(true);
  });

  it("lends from a shared cabinet and takes the item back into an empty door", async () => {
    const { rig, parcels } = await setUp(
      { cabinet: true },
      { cabinets: [{ deviceId: CABINET_ID }] },
    );
    const loan = await parcels.borrow({});
    expect(loan).toMatchObject({
      state: "opened",
      door: { deviceId: CABINET_ID, board: 1, lock: 1 },
    });
    expect(loan.returnCode).toMatch(/^[0-9]{6}$/);
    rig.cabinet.closeDoor(BOARD_ADDRESS, 1);
    const next = await parcels.borrow({ cabinetDeviceId: CABINET_ID });
    expect(next.door.lock).toBe(2);
    await until(() => rig.devices.get(CABINET_ID)?.device.health.state === "door_open", "seen");
    rig.cabinet.closeDoor(BOARD_ADDRESS, 2);
    await until(() => rig.devices.get(CABINET_ID)?.device.health.state === "ready", "closed");

    const returned = await parcels.giveBack(loan.returnCode);
    expect(returned).toMatchObject({ loanId: loan.loanId, state: "opened", repeated: false });
    expect(returned.door.lock).toBe(1);
    expect(await parcels.giveBack(loan.returnCode)).toMatchObject({ repeated: true });
    expect(rig.cabinet.opensOf(BOARD_ADDRESS, 1)).toBe(2);
    expect(rig.events("cabinet.borrowed")).toHaveLength(2);
    expect(rig.events("cabinet.returned")).toMatchObject([{ payload: { loanId: loan.loanId } }]);
    // Parcels never go into the cabinet's doors.
    expect(
      parcels.deposit({ size: "M", phone: "13812345678", carrier: "顺丰" }).door.deviceId,
    ).toBe(LOCKER_ID);
  });
});
