import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { ParcelService } from "../../services/parcels/parcel-service.js";
import {
  BOARD_ADDRESS,
  buildServicesApp,
  CABINET_ID,
  openServicesRig,
  type ServicesRig,
  until,
} from "../../services/parcels/testing.js";
import type { HttpApp } from "../types.js";
import {
  forwardScanPickups,
  type ParcelOperatorGuard,
  parcelOperatorRoutes,
  parcelRoutes,
} from "./parcels.js";

/** Lets a request through with the header the test's operator "signs in" with. */
const guard: ParcelOperatorGuard = async (request) => {
  if (request.headers["x-test-operator"] !== "yes") {
    throw new LinliError("LINLI_ERR_OPERATOR_UNAUTHENTICATED", "sign in as an operator first", {
      status: 401,
    });
  }
};
const asOperator = { "x-test-operator": "yes" };

const open: { rig: ServicesRig; app: HttpApp; parcels: ParcelService }[] = [];
afterEach(async () => {
  for (const { rig, app, parcels } of open.splice(0)) {
    await app.close();
    parcels.stop();
    await rig.close();
  }
});

async function setUp() {
  const rig = await openServicesRig({ printer: false, cabinet: true });
  const parcels = new ParcelService({
    db: rig.db,
    outbox: rig.outbox,
    devices: rig.devices,
    jobs: rig.jobs,
    bus: rig.bus,
    cabinets: [{ deviceId: CABINET_ID, doors: ["1-1", "1-2"] }],
  });
  parcels.start();
  const app = await buildServicesApp([
    parcelRoutes({ parcels }),
    parcelOperatorRoutes({ parcels, guard }),
  ]);
  open.push({ rig, app, parcels });
  const post = (
    url: string,
    payload?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) =>
    payload === undefined
      ? app.inject({ method: "POST", url, headers })
      : app.inject({ method: "POST", url, headers, payload });
  return { rig, app, post, parcels };
}

const DEPOSIT = { size: "M", phone: "138-1234-5678", carrier: "顺丰" };

describe("the parcel routes", () => {
  it("deposit for an operator only, and pick up by code for anyone", async () => {
    const { rig, post } = await setUp();
    expect((await post("/api/v1/operator/parcels", DEPOSIT)).statusCode).toBe(401);
    const deposit = await post("/api/v1/operator/parcels", DEPOSIT, asOperator);
    expect(deposit.statusCode).toBe(201);
    const { pickupCode, door } = deposit.json();
    await until(() => rig.lockers.isOpen(BOARD_ADDRESS, door.lock), "the courier's door");
    rig.lockers.closeDoor(BOARD_ADDRESS, door.lock);
    await until(() => rig.events("locker.door_closed").length === 1, "the door to close");

    const pickup = await post("/api/v1/parcels/pickup", { code: pickupCode });
    expect(pickup.statusCode).toBe(200);
    expect(pickup.json()).toMatchObject({ state: "opened", door, repeated: false });
    const again = await post("/api/v1/parcels/pickup", { code: pickupCode });
    expect(again.json()).toMatchObject({ state: "opened", repeated: true });
    expect(rig.lockers.opensOf(BOARD_ADDRESS, door.lock)).toBe(2);
  });

  it("answer 429 with Retry-After and a plain message after five wrong codes", async () => {
    const { post } = await setUp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await post("/api/v1/parcels/pickup", { code: "000000" })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    const refused = await post("/api/v1/parcels/pickup", { code: "123456" });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(290);
    expect(refused.json()).toMatchObject({
      code: "LINLI_ERR_PARCEL_CODE_LOCKED",
      message: "号码输错次数太多，请 5 分钟后再试；如需帮助，请联系工作人员",
    });
  });

  it("explain a malformed pickup in words", async () => {
    const { post } = await setUp();
    const short = await post("/api/v1/parcels/pickup", { code: "12345" });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe("code must be the 6-digit pickup code");
    const neither = await post("/api/v1/parcels/pickup", {});
    expect(neither.json().code).toBe("LINLI_ERR_PARCEL_BAD_REQUEST");
    const notOurs = await post("/api/v1/parcels/pickup", { qr: "WIFI:S:home;;" });
    expect(notOurs.json()).toMatchObject({ code: "LINLI_ERR_PARCEL_NOT_A_PICKUP_QR" });
  });

  it("list overdue parcels for the operator", async () => {
    const { app, post } = await setUp();
    await post("/api/v1/operator/parcels", { ...DEPOSIT, overdueAfterHours: 1 }, asOperator);
    const list = (state: string) =>
      app.inject({ url: `/api/v1/operator/parcels?state=${state}`, headers: asOperator });
    expect((await list("overdue")).json()).toEqual({ items: [] });
    expect((await list("all")).json().items).toMatchObject([{ phoneLastFour: "5678" }]);
    expect((await list("lost")).statusCode).toBe(400);
  });

  it("lend from the shared cabinet and take the item back", async () => {
    const { rig, post } = await setUp();
    const borrow = await post("/api/v1/cabinets/borrow");
    expect(borrow.statusCode).toBe(200);
    const { returnCode, door } = borrow.json();
    expect(door).toMatchObject({ deviceId: CABINET_ID, board: 1, lock: 1 });
    rig.cabinet.closeDoor(BOARD_ADDRESS, 1);
    await until(() => rig.events("locker.door_closed").length === 1, "the door to close");
    expect((await post("/api/v1/cabinets/borrow", {})).json().door.lock).toBe(2);
    expect((await post("/api/v1/cabinets/borrow", {})).json().code).toBe("LINLI_ERR_CABINET_EMPTY");
    const back = await post("/api/v1/cabinets/return", { code: returnCode });
    expect(back.json()).toMatchObject({ state: "opened", door: { lock: 1 } });
    const stock = await post(
      "/api/v1/operator/cabinets/stock",
      { deviceId: CABINET_ID, board: 1, lock: 2, itemPresent: true },
      asOperator,
    );
    expect(stock.json()).toMatchObject({ itemPresent: true, door: { lock: 2 } });
  });

  it("draw every locker bank's doors for residents, with numbers and sizes and nothing of what is inside", async () => {
    const { app, post } = await setUp();
    await post("/api/v1/operator/parcels", DEPOSIT, asOperator);
    const layout = await app.inject({ url: "/api/v1/parcels/layout" });
    expect(layout.statusCode).toBe(200);
    const { items } = layout.json();
    expect(items.map((bank: { deviceId: string }) => bank.deviceId)).toEqual([
      "lockers-1",
      CABINET_ID,
    ]);
    const [parcelBank, cabinetBank] = items;
    expect(parcelBank.doors).toHaveLength(16);
    expect(parcelBank.doors[2]).toEqual({
      board: 1,
      lock: 3,
      number: 3,
      size: "M",
      use: "parcels",
    });
    expect(cabinetBank.doors.slice(0, 3).map((door: { use: string }) => door.use)).toEqual([
      "cabinet",
      "cabinet",
      "parcels",
    ]);
    // Numbers and sizes only: nothing says which door holds a parcel.
    expect(Object.keys(parcelBank.doors[0]).sort()).toEqual([
      "board",
      "lock",
      "number",
      "size",
      "use",
    ]);
    expect(JSON.stringify(items)).not.toMatch(/5678|顺丰|parcelId/);
  });

  it("show a scanned pickup QR on the screens: the door that opened, or why none did", async () => {
    const { rig, post, parcels } = await setUp();
    const sent: { deviceId: string; event: string; data: Record<string, unknown> }[] = [];
    const stop = forwardScanPickups(parcels, {
      broadcast: (message) => {
        if (message.type === "device.event") sent.push(message);
      },
    });
    const deposit = (await post("/api/v1/operator/parcels", DEPOSIT, asOperator)).json();
    await until(() => rig.lockers.isOpen(BOARD_ADDRESS, deposit.door.lock), "the courier's door");
    rig.lockers.closeDoor(BOARD_ADDRESS, deposit.door.lock);
    await until(() => rig.events("locker.door_closed").length === 1, "the door to close");

    rig.bus.emit("deviceEvent", {
      deviceId: "scanner-1",
      type: "scan",
      data: { code: deposit.pickupQr },
    });
    await until(() => sent.length === 1, "the scanned pickup on the screens");
    expect(sent[0]).toMatchObject({
      deviceId: "scanner-1",
      event: "pickup_scan",
      data: { ok: true, result: { door: deposit.door, state: "opened", repeated: false } },
    });

    rig.bus.emit("deviceEvent", {
      deviceId: "scanner-1",
      type: "scan",
      data: { code: "LINLI:PICKUP:000000" },
    });
    await until(() => sent.length === 2, "the refused scan on the screens");
    expect(sent[1]?.data).toEqual({
      ok: false,
      error: {
        code: "LINLI_ERR_PARCEL_WRONG_CODE",
        message: expect.stringContaining("取件码不对"),
        details: { attemptsLeft: 4 },
      },
    });
    stop();
    rig.bus.emit("deviceEvent", {
      deviceId: "scanner-1",
      type: "scan",
      data: { code: deposit.pickupQr },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent).toHaveLength(2);
  });
});
