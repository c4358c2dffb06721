import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeDevices,
  fakeDevices,
  type OperatorRig,
  type OperatorRigOptions,
  operatorRig,
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

describe("operator device actions", () => {
  it("open a door, audited with an outbox event in the same transaction", async () => {
    const rig = await open();
    const cookie = await rig.login();
    const response = await rig.post(
      "/operator/devices/lockers-1/open-door",
      { board: 1, lock: 3 },
      cookie,
    );
    expect(response.statusCode).toBe(200);
    const job = response.json();
    expect(job).toMatchObject({
      deviceId: "lockers-1",
      kind: "door_open",
      state: "queued",
      target: { board: 1, lock: 3 },
    });
    expect(fakes.locker.opened).toEqual([{ board: 1, lock: 3 }]);
    const [entry] = rig.audit.recent(1);
    expect(entry).toMatchObject({
      action: "open_door",
      deviceId: "lockers-1",
      clientKey: "127.0.0.1",
      detail: { jobId: job.id, board: 1, lock: 3 },
    });
    const events = rig.outbox.next(0, 100);
    expect(events.at(-1)).toMatchObject({
      type: "operator.action",
      priority: 1,
      payload: {
        action: "open_door",
        sessionId: entry?.sessionId,
        deviceId: "lockers-1",
        detail: { jobId: job.id, board: 1, lock: 3 },
      },
    });
    expect(JSON.stringify(events.at(-1))).not.toContain("127.0.0.1");
  });

  it("open a door once for a repeated requestId, answering the same job", async () => {
    const rig = await open();
    const cookie = await rig.login();
    const body = { board: 2, lock: 16, requestId: "maint-42" };
    const first = await rig.post("/operator/devices/lockers-1/open-door", body, cookie);
    const second = await rig.post("/operator/devices/lockers-1/open-door", body, cookie);
    expect(second.json().id).toBe(first.json().id);
    expect(fakes.locker.opened).toHaveLength(1);
    expect(rig.audit.recent().filter((entry) => entry.action === "open_door")).toHaveLength(1);
  });

  it("refuse bad input with 400 naming the field, unknown devices with 404, wrong families with 409", async () => {
    const rig = await open();
    const cookie = await rig.login();
    const bad: [string, object | undefined, RegExp][] = [
      ["/operator/devices/lockers-1/open-door", { board: 0, lock: 1 }, /^board must be a whole/],
      ["/operator/devices/lockers-1/open-door", { board: 1 }, /^lock must be a whole lock/],
      [
        "/operator/devices/lockers-1/open-door",
        { board: 1, lock: 1, requestId: "a b" },
        /^requestId must be 1 to 64/,
      ],
      ["/operator/devices/LOCK%20ERS/test-print", undefined, /^id must be a device id/],
      ["/operator/jobs/j1/resolve", { action: "burn" }, /^action must be "reprint"/],
    ];
    for (const [url, payload, message] of bad) {
      const response = await rig.post(url, payload, cookie);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe("LINLI_ERR_OPERATOR_BAD_REQUEST");
      expect(response.json().message).toMatch(message);
    }
    const noDoor = await rig.post(
      "/operator/devices/lockers-1/open-door",
      { board: 9, lock: 1 },
      cookie,
    );
    expect(noDoor.statusCode).toBe(400);
    const unknown = await rig.post("/operator/devices/nope-1/test-print", undefined, cookie);
    expect(unknown.statusCode).toBe(404);
    const printerDoor = await rig.post(
      "/operator/devices/printer-1/open-door",
      { board: 1, lock: 1 },
      cookie,
    );
    expect(printerDoor.statusCode).toBe(409);
    expect(printerDoor.json().code).toBe("LINLI_ERR_OPERATOR_NOT_SUPPORTED");
    expect(rig.audit.recent().map((entry) => entry.action)).toEqual(["login"]);
  });

  it("test-print a printer: a queued print job, audited", async () => {
    const rig = await open();
    const cookie = await rig.login();
    const response = await rig.post("/operator/devices/printer-1/test-print", undefined, cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      deviceId: "printer-1",
      kind: "print",
      state: "queued",
    });
    expect(response.json().target).toEqual({ copies: 1 });
    expect(rig.audit.recent(1)[0]).toMatchObject({ action: "test_print", deviceId: "printer-1" });
  });

  it("list devices with the jobs needing attention, and settle uncertain ones", async () => {
    const rig = await open();
    const cookie = await rig.login();
    const printJob = (await rig.post("/operator/devices/printer-1/test-print", {}, cookie)).json();
    rig.jobs.transition(printJob.id, ["queued"], "running");
    rig.jobs.transition(printJob.id, ["running"], "uncertain", { error: "link lost" });
    const doorJob = (
      await rig.post("/operator/devices/lockers-1/open-door", { board: 1, lock: 1 }, cookie)
    ).json();
    rig.jobs.transition(doorJob.id, ["queued"], "uncertain", { error: "no answer" });

    const listed = (await rig.get("/operator/devices", cookie)).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual(["lockers-1", "printer-1"]);
    expect(listed.attention.map((job: { id: string }) => job.id)).toEqual([
      printJob.id,
      doorJob.id,
    ]);
    expect(JSON.stringify(listed)).not.toContain("document");

    const reprint = await rig.post(
      `/operator/jobs/${printJob.id}/resolve`,
      { action: "reprint" },
      cookie,
    );
    expect(reprint.json()).toMatchObject({ id: `${printJob.id}-reprint`, state: "queued" });
    const twice = await rig.post(
      `/operator/jobs/${printJob.id}/resolve`,
      { action: "reprint" },
      cookie,
    );
    expect(twice.json().id).toBe(`${printJob.id}-reprint`);

    const noReprint = await rig.post(
      `/operator/jobs/${doorJob.id}/resolve`,
      { action: "reprint" },
      cookie,
    );
    expect(noReprint.statusCode).toBe(400);
    const dismissed = await rig.post(
      `/operator/jobs/${doorJob.id}/resolve`,
      { action: "dismiss" },
      cookie,
    );
    expect(dismissed.json()).toMatchObject({ id: doorJob.id, state: "failed" });
    const done = await rig.post(
      `/operator/jobs/${printJob.id}-reprint/resolve`,
      { action: "dismiss" },
      cookie,
    );
    expect(done.statusCode).toBe(409);
    expect((await rig.get(`/operator/jobs/${doorJob.id}`, cookie)).json().state).toBe("failed");
    expect((await rig.get("/operator/jobs/missing", cookie)).statusCode).toBe(404);

    expect(rig.audit.recent().filter((entry) => entry.action === "resolve_job")).toHaveLength(2);
    expect((await rig.get("/operator/devices", cookie)).json().attention).toEqual([]);
  });
});

describe("GET /api/v1/operator/events", () => {
  it("lists bus events and operator actions newest first, filtered", async () => {
    const rig = await open();
    const cookie = await rig.login();
    rig.bus.emit("deviceEvent", {
      deviceId: "lockers-1",
      type: "door_closed",
      data: { board: 1, lock: 2 },
    });
    rig.bus.emit("jobState", {
      jobId: "j1",
      deviceId: "printer-1",
      kind: "print",
      state: "held",
      detail: "paper out",
    });
    rig.bus.emit("deviceEvent", { deviceId: "scanner-1", type: "scan", data: { code: "123456" } });
    const all = (await rig.get("/operator/events", cookie)).json().items;
    expect(all.map((entry: { type: string }) => entry.type)).toEqual([
      "device.event",
      "job.state",
      "device.event",
      "operator.action",
    ]);
    expect(all[0].data).toEqual({ event: "scan", data: { codeLength: 6 } });
    const jobs = (await rig.get("/operator/events?type=job.state", cookie)).json().items;
    expect(jobs).toEqual([
      expect.objectContaining({
        deviceId: "printer-1",
        data: { jobId: "j1", kind: "print", state: "held", detail: "paper out" },
      }),
    ]);
    const lockers = (await rig.get("/operator/events?deviceId=lockers-1&limit=1", cookie)).json();
    expect(lockers.items).toHaveLength(1);
    const future = (await rig.get("/operator/events?since=2999-01-01T00:00:00Z", cookie)).json();
    expect(future.items).toEqual([]);
  });

  it("refuses bad filters with 400 naming them", async () => {
    const rig = await open();
    const cookie = await rig.login();
    for (const [query, name] of [
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["type=audit", "type"],
      ["since=yesterday", "since"],
      ["deviceId=a%20b", "deviceId"],
    ] as const) {
      const response = await rig.get(`/operator/events?${query}`, cookie);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message).toMatch(new RegExp(`^${name} must be `));
    }
  });
});

describe("the OpenAPI document", () => {
  it("lists every operator route", async () => {
    const rig = await open();
    const doc = (await rig.get("/docs/json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/operator/login",
        "/api/v1/operator/logout",
        "/api/v1/operator/session",
        "/api/v1/operator/devices",
        "/api/v1/operator/devices/{id}/open-door",
        "/api/v1/operator/devices/{id}/test-print",
        "/api/v1/operator/jobs/{id}",
        "/api/v1/operator/jobs/{id}/resolve",
        "/api/v1/operator/events",
      ]),
    );
  });
});
