/**
 * Parcels and shared cabinets end to end: HTTP routes, the parcel service,
 * the real locker driver over the in-process serial binding, and KR-CU16
 * simulators counting the physical door opens. What counts is how often a
 * door swung open, what the outbox holds, and what the store keeps.
 */
import { LinliError } from "@linli/protocols";
import type { FastifyRequest } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { parcelOperatorRoutes, parcelRoutes } from "../../edge-agent/src/http/routes/parcels.js";
import type { HttpApp } from "../../edge-agent/src/http/types.js";
import { ParcelService } from "../../edge-agent/src/services/parcels/parcel-service.js";
import {
  BOARD_ADDRESS,
  buildServicesApp,
  CABINET_ID,
  LOCKER_ID,
  openServicesRig,
  type ServicesRig,
  until,
} from "../../edge-agent/src/services/parcels/testing.js";

const PHONE = "+86 138-1234-5678";
const operator = { "x-operator": "signed-in" };
const guard = async (request: FastifyRequest) => {
  if (request.headers["x-operator"] !== "signed-in") {
    throw new LinliError("LINLI_ERR_OPERATOR_UNAUTHENTICATED", "sign in first", { status: 401 });
  }
};

const open: { rig: ServicesRig; app: HttpApp; parcels: ParcelService }[] = [];
afterEach(async () => {
  for (const { rig, app, parcels } of open.splice(0)) {
    await app.close();
    parcels.stop();
    await rig.close();
  }
});

async function kiosk(clock?: { now: Date }) {
  const rig = await openServicesRig({ printer: false, cabinet: true });
  const parcels = new ParcelService({
    db: rig.db,
    outbox: rig.outbox,
    devices: rig.devices,
    jobs: rig.jobs,
    bus: rig.bus,
    cabinets: [{ deviceId: CABINET_ID }],
    ...(clock ? { now: () => clock.now } : {}),
  });
  parcels.start();
  const app = await buildServicesApp([
    parcelRoutes({ parcels }),
    parcelOperatorRoutes({ parcels, guard }),
  ]);
  open.push({ rig, app, parcels });
  const post = (url: string, payload: Record<string, unknown>, headers = {}) =>
    app.inject({ method: "POST", url, payload, headers });
  /** A courier deposits a parcel and shuts its door again. */
  const deposit = async (extra: Record<string, unknown> = {}) => {
    const reply = await post(
      "/api/v1/operator/parcels",
      { size: "M", phone: PHONE, carrier: "顺丰", ...extra },
      operator,
    );
    expect(reply.statusCode).toBe(201);
    const body = reply.json() as {
      parcelId: string;
      pickupCode: string;
      pickupQr: string;
      door: { deviceId: string; board: number; lock: number };
    };
    await until(() => rig.lockers.isOpen(BOARD_ADDRESS, body.door.lock), "the courier's door");
    // A courier shuts the door after the board has said it opened, not within the same
    // millisecond: until then the parcel is still being deposited and its code not yet live.
    await until(
      () => parcels.list().items.some((one) => one.id === body.parcelId),
      "the parcel to be waiting",
    );
    rig.lockers.closeDoor(BOARD_ADDRESS, body.door.lock);
    await until(
      () => rig.events("locker.door_closed").some((e) => e.payload.parcelId === body.parcelId),
      "the courier's door to be seen shut",
    );
    return body;
  };
  return { rig, app, parcels, post, deposit };
}

describe("parcel lockers", () => {
  it("open a parcel's door for the courier and once for the resident's code, however often it is typed", async () => {
    const { rig, post, deposit } = await kiosk();
    const parcel = await deposit();
    const first = await post("/api/v1/parcels/pickup", { code: parcel.pickupCode });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      parcelId: parcel.parcelId,
      state: "opened",
      door: { deviceId: LOCKER_ID, board: 1, lock: parcel.door.lock, size: "M" },
    });
    for (let tap = 0; tap < 3; tap += 1) {
      const again = await post("/api/v1/parcels/pickup", { code: parcel.pickupCode });
      expect(again.json()).toMatchObject({ state: "opened", repeated: true });
    }
    expect(rig.lockers.opensOf(BOARD_ADDRESS, parcel.door.lock)).toBe(2);
    expect(rig.events("parcel.deposited")).toHaveLength(1);
    expect(rig.events("parcel.picked_up")).toMatchObject([
      { payload: { parcelId: parcel.parcelId, lock: parcel.door.lock } },
    ]);
    expect(rig.events("locker.door_opened").map((event) => event.payload.parcelId)).toEqual([
      parcel.parcelId,
      parcel.parcelId,
    ]);
  });

  it("refuse codes with 429 and Retry-After after five wrong ones within a minute", async () => {
    const { rig, post, deposit } = await kiosk();
    const parcel = await deposit();
    const wrong = parcel.pickupCode === "999999" ? "888888" : "999999";
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      answers.push((await post("/api/v1/parcels/pickup", { code: wrong })).statusCode);
    }
    expect(answers).toEqual([404, 404, 404, 404, 429]);
    const refused = await post("/api/v1/parcels/pickup", { code: parcel.pickupCode });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(299);
    expect(refused.json().message).toContain("5 分钟后再试");
    expect(rig.lockers.opensOf(BOARD_ADDRESS, parcel.door.lock)).toBe(1);
    expect(rig.events("parcel.code_lockout")).toHaveLength(1);
  });

  it("open the door for a pickup QR the scanner reads", async () => {
    const { rig, parcels, deposit } = await kiosk();
    const parcel = await deposit();
    const seen: unknown[] = [];
    parcels.on("scanPickup", (outcome) => seen.push(outcome));
    rig.bus.emit("deviceEvent", {
      deviceId: "scanner-1",
      type: "scan",
      data: { code: parcel.pickupQr, symbology: "qr-code", aim: "]Q1" },
    });
    await until(() => seen.length === 1, "the scanned pickup");
    expect(seen[0]).toMatchObject({ ok: true, result: { parcelId: parcel.parcelId } });
    expect(rig.lockers.opensOf(BOARD_ADDRESS, parcel.door.lock)).toBe(2);
  });

  it("list parcels past their deadline for the operator", async () => {
    const clock = { now: new Date("2026-05-01T01:00:00Z") };
    const { rig, app, parcels, deposit } = await kiosk(clock);
    const old = await deposit();
    await deposit({ overdueAfterHours: 240 });
    clock.now = new Date("2026-05-04T02:00:00Z");
    const overdue = await app.inject({
      url: "/api/v1/operator/parcels?state=overdue",
      headers: operator,
    });
    expect(overdue.json().items).toMatchObject([
      { id: old.parcelId, overdue: true, phoneLastFour: "5678", carrier: "顺丰" },
    ]);
    expect((await app.inject({ url: "/api/v1/operator/parcels?state=overdue" })).statusCode).toBe(
      401,
    );
    expect(parcels.reportOverdue()).toBe(1);
    expect(parcels.reportOverdue()).toBe(0);
    expect(rig.events("parcel.overdue")).toMatchObject([{ payload: { parcelId: old.parcelId } }]);
  });

  it("lend from a shared cabinet and take the item back into an empty door", async () => {
    const { rig, post } = await kiosk();
    const borrowed = await post("/api/v1/cabinets/borrow", { cabinetDeviceId: CABINET_ID });
    expect(borrowed.statusCode).toBe(200);
    const loan = borrowed.json();
    expect(loan.door).toMatchObject({ deviceId: CABINET_ID, board: 1, lock: 1 });
    rig.cabinet.closeDoor(BOARD_ADDRESS, 1);
    await until(() => rig.events("locker.door_closed").length === 1, "the cabinet door to shut");
    const returned = await post("/api/v1/cabinets/return", { code: loan.returnCode });
    expect(returned.json()).toMatchObject({
      loanId: loan.loanId,
      state: "opened",
      door: { lock: 1 },
    });
    await post("/api/v1/cabinets/return", { code: loan.returnCode });
    expect(rig.cabinet.opensOf(BOARD_ADDRESS, 1)).toBe(2);
    expect(rig.events("cabinet.borrowed")).toMatchObject([{ payload: { loanId: loan.loanId } }]);
    expect(rig.events("cabinet.returned")).toMatchObject([{ payload: { loanId: loan.loanId } }]);
    expect(rig.events("locker.door_opened").map((event) => event.payload.loanId)).toEqual([
      loan.loanId,
      loan.loanId,
    ]);
  });

  it("keep no more of a phone number than its last four digits, and no code in the clear", async () => {
    const { rig, post, deposit } = await kiosk();
    const parcel = await deposit();
    await post("/api/v1/parcels/pickup", { code: parcel.pickupCode });
    const tables = rig.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    const everything: string[] = [];
    for (const { name } of tables) {
      for (const row of rig.db.prepare(`SELECT * FROM "${name}"`).all() as Record<
        string,
        unknown
      >[]) {
        everything.push(...Object.values(row).map((value) => String(value)));
      }
    }
    const digits = everything.map((value) => value.replace(/[^0-9]/g, ""));
    expect(digits.some((value) => value.includes("13812345678"))).toBe(false);
    expect(digits.some((value) => value.includes("1381234"))).toBe(false);
    expect(everything).toContain("5678");
    expect(everything.some((value) => value.includes(parcel.pickupQr))).toBe(false);
    expect(everything).not.toContain(parcel.pickupCode);
  });
});
