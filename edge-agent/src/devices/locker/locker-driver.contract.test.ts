import { afterEach, describe, expect, it } from "vitest";
import { DOOR_OPEN_JOB } from "./door-jobs.js";
import {
  BOARD_KINDS,
  type BoardKind,
  LINK_KINDS,
  type LinkKind,
  type LockerRig,
  lockerRig,
  type RigOptions,
  until,
} from "./testing.js";

const rigs: LockerRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cases = BOARD_KINDS.flatMap((board) =>
  LINK_KINDS.map((link) => ({ board, link }) as { board: BoardKind; link: LinkKind }),
);

function hasEvent(rig: LockerRig, type: string, lock: number): boolean {
  return rig.events.some((event) => event.type === type && event.data.lock === lock);
}

describe.each(cases)("the locker driver on a $board bus over the $link", ({ board, link }) => {
  async function rig(options: RigOptions = {}): Promise<LockerRig> {
    const made = await lockerRig(board, link, options);
    rigs.push(made);
    return made;
  }

  it("opens a door once: the board shows it open and the job is done", async () => {
    const { driver, opensOf, isOpen, events } = await rig();
    const job = driver.openDoor(1, 3);
    expect(job).toMatchObject({
      kind: DOOR_OPEN_JOB,
      state: "queued",
      payload: { board: 1, lock: 3 },
    });
    const done = await driver.whenSettled(job.id);
    expect(done).toMatchObject({ state: "done", attempts: 1, result: { opened: true } });
    expect(isOpen(3)).toBe(true);
    expect(opensOf(3)).toBe(1);
    expect(events).toContainEqual({ type: "door_opened", data: { board: 1, lock: 3 } });
    expect(driver.health).toMatchObject({ state: "door_open", detail: { openDoors: ["1-3"] } });
  });

  it("retries a jammed lock a bounded number of times, then fails the job as jammed", async () => {
    const { driver, simulator, address, opensOf } = await rig();
    simulator.jam(address, 2);
    const failed = await driver.whenSettled(driver.openDoor(1, 2).id);
    expect(failed).toMatchObject({ state: "failed", attempts: 3, result: { reason: "jammed" } });
    expect(failed.error).toMatch(/jammed/);
    const lock2 = simulator.snapshot().boards[0]?.locks[1];
    expect(lock2).toMatchObject({ openCommands: 3, opens: 0 });
    expect(driver.health).toMatchObject({ state: "jammed", detail: { jammed: ["1-2"] } });

    simulator.unjam(address, 2);
    const done = await driver.whenSettled(driver.openDoor(1, 2).id);
    expect(done.state).toBe("done");
    expect(opensOf(2)).toBe(1);
    expect(driver.health.detail.jammed).toEqual([]);
  });

  it("learns that the RS-485 adapter echoes and still opens the door once", async () => {
    const { driver, opensOf } = await rig({ bus: { echo: true } });
    await until(() => driver.health.detail.echo !== undefined);
    expect(driver.health.detail.echo).toEqual({ mode: "auto", detected: true });
    const done = await driver.whenSettled(driver.openDoor(1, 4).id);
    expect(done).toMatchObject({ state: "done", attempts: 1 });
    expect(opensOf(4)).toBe(1);
  });

  it("learns that the adapter does not echo", async () => {
    const { driver } = await rig();
    expect(driver.health.detail.echo).toEqual({ mode: "auto", detected: false });
  });

  it("with echo set on, opens once and reads a second copy of the request as a failure", async () => {
    const { driver, simulator, address, opensOf } = await rig({
      bus: { echo: true },
      driver: { echo: true },
    });
    expect((await driver.whenSettled(driver.openDoor(1, 5).id)).state).toBe("done");
    expect(opensOf(5)).toBe(1);
    simulator.jam(address, 6);
    const failed = await driver.whenSettled(driver.openDoor(1, 6).id);
    expect(failed).toMatchObject({ state: "failed", attempts: 3, result: { reason: "jammed" } });
  });

  it("asks the status when the reply is lost, and finds the door open without opening it again", async () => {
    const { driver, simulator, opensOf, isOpen } = await rig();
    simulator.setRepliesLost(true);
    const job = driver.openDoor(1, 7);
    await until(() => isOpen(7), 5_000, "the door to open");
    simulator.setRepliesLost(false);
    const done = await driver.whenSettled(job.id);
    expect(done).toMatchObject({
      state: "done",
      attempts: 1,
      result: { opened: true, confirmedBy: "status" },
    });
    expect(opensOf(7)).toBe(1);
  });

  it("leaves the job uncertain when the board is silent, with no retry storm", async () => {
    const { driver, simulator, address, opensOf } = await rig();
    simulator.setSilent(true);
    const uncertain = await driver.whenSettled(driver.openDoor(1, 8).id);
    expect(uncertain).toMatchObject({
      state: "uncertain",
      attempts: 1,
      result: { opened: null, reason: "no_answer" },
    });
    await until(() => driver.health.state === "offline", 5_000, "the driver to see the bus silent");
    simulator.setSilent(false);
    await until(() => driver.health.state === "ready", 5_000, "the bus to answer again");
    await sleep(300);
    expect(simulator.snapshot().boards[0]?.locks[7]?.openCommands).toBe(0);
    expect(opensOf(8)).toBe(0);
    expect(simulator.isOpen(address, 8)).toBe(false);
  });

  it("opens once however often the same job id is asked for", async () => {
    const { driver, opensOf, jobs } = await rig();
    const first = driver.openDoor(1, 9, { jobId: "pickup-42" });
    const again = driver.openDoor(1, 9, { jobId: "pickup-42" });
    expect(again.id).toBe(first.id);
    await driver.whenSettled("pickup-42");
    expect(driver.openDoor(1, 9, { jobId: "pickup-42" })).toMatchObject({ state: "done" });
    await sleep(200);
    expect(opensOf(9)).toBe(1);
    expect(jobs.list({ kind: DOOR_OPEN_JOB })).toHaveLength(1);
    expect(() => driver.openDoor(1, 10, { jobId: "pickup-42" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_JOB_CONFLICT" }),
    );
  });

  it("refuses a door the profile does not have, before recording anything", async () => {
    const { driver, jobs } = await rig();
    expect(() => driver.openDoor(1, 99)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_DOOR" }),
    );
    expect(jobs.list()).toHaveLength(0);
  });

  it("reports door_closed when the resident pushes the door shut", async () => {
    const rigged = await rig();
    const { driver, simulator, address } = rigged;
    await driver.whenSettled(driver.openDoor(1, 11).id);
    simulator.closeDoor(address, 11);
    await until(() => hasEvent(rigged, "door_closed", 11), 5_000, "door_closed");
    expect((await driver.queryDoors()).doors["1-11"]).toBe("closed");
    expect(driver.health.state).toBe("ready");
  });

  it("reports door_left_open when a door stays open past the threshold", async () => {
    const rigged = await rig({ driver: { leftOpenAfterMs: 300 } });
    const { driver } = rigged;
    const openedAt = Date.now();
    await driver.whenSettled(driver.openDoor(1, 12).id);
    await until(() => hasEvent(rigged, "door_left_open", 12), 5_000, "door_left_open");
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(300);
    expect(driver.health.detail.leftOpen).toEqual(["1-12"]);
  });

  it("after a crash, finishes a running open whose door is open, without opening it again", async () => {
    let jobId = "";
    const rigged = await rig({
      start: false,
      beforeStart: (jobs) => {
        jobId = jobs.create("lockers-1", DOOR_OPEN_JOB, { board: 1, lock: 13 }).id;
        jobs.transition(jobId, ["queued"], "running", { countAttempt: true });
      },
    });
    const { driver, simulator, opensOf, isOpen } = rigged;
    // The open reached the board just before the agent died.
    simulator.receive(driver.adapter.encode({ kind: "open", board: 1, lock: 13 }));
    await until(() => isOpen(13));
    await driver.start();
    const recovered = await driver.whenSettled(jobId);
    expect(recovered).toMatchObject({ state: "done", result: { opened: true, recovered: true } });
    await sleep(200);
    expect(opensOf(13)).toBe(1);
  });

  it("after a crash, marks a running open whose door is closed uncertain and never re-opens it", async () => {
    const ids: Record<string, string> = {};
    const rigged = await rig({
      start: false,
      beforeStart: (jobs) => {
        ids.running = jobs.create("lockers-1", DOOR_OPEN_JOB, { board: 1, lock: 14 }).id;
        jobs.transition(ids.running, ["queued"], "running");
        ids.queued = jobs.create("lockers-1", DOOR_OPEN_JOB, { board: 1, lock: 15 }).id;
      },
    });
    const { driver, opensOf } = rigged;
    await driver.start();
    const running = await driver.whenSettled(ids.running ?? "");
    expect(running).toMatchObject({
      state: "uncertain",
      result: { opened: null, reason: "interrupted", recovered: true },
    });
    expect(await driver.whenSettled(ids.queued ?? "")).toMatchObject({ state: "failed" });
    await sleep(300);
    expect(opensOf(14)).toBe(0);
    expect(opensOf(15)).toBe(0);
  });
});
