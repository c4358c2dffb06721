/**
 * Locker fault scenarios over real pseudo-terminals: socat killed mid-open
 * (the cable pulled) and started again, and a misconfigured echo. In every
 * one the board's own count of physical opens shows no door opened twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  BOARD_KINDS,
  type LockerRig,
  lockerRig,
  type RigOptions,
  until,
} from "../../edge-agent/src/devices/locker/testing.js";

const rigs: LockerRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BOARD_KINDS)("a %s locker bus over a socat pty pair", (board) => {
  async function rig(options: RigOptions = {}): Promise<LockerRig> {
    const made = await lockerRig(board, "socat pty pair", options);
    rigs.push(made);
    return made;
  }

  /** Starts an open whose reply never comes back, and pulls the cable once the door has opened. */
  async function unplugMidOpen(rigged: LockerRig, lock: number): Promise<string> {
    rigged.simulator.setRepliesLost(true);
    const job = rigged.driver.openDoor(1, lock);
    await until(() => rigged.isOpen(lock), 5_000, "the board to open the door");
    await rigged.unplug();
    rigged.simulator.setRepliesLost(false);
    return job.id;
  }

  it("finishes an open cut off by an unplug once the replugged board says the door is open", async () => {
    const rigged = await rig();
    const jobId = await unplugMidOpen(rigged, 3);
    await until(() => !rigged.driver.health.connected, 5_000, "the driver to see the unplug");
    await sleep(300);
    await rigged.replug();
    const job = await rigged.driver.whenSettled(jobId);
    expect(job).toMatchObject({ state: "done", attempts: 1, result: { confirmedBy: "status" } });
    await sleep(300);
    expect(rigged.opensOf(3)).toBe(1);
  });

  it("leaves an open cut off by an unplug uncertain when the door was shut meanwhile, and never re-opens it", async () => {
    const rigged = await rig();
    const jobId = await unplugMidOpen(rigged, 4);
    rigged.simulator.closeDoor(rigged.address, 4);
    await sleep(300);
    await rigged.replug();
    const job = await rigged.driver.whenSettled(jobId);
    expect(job).toMatchObject({ state: "uncertain", result: { reason: "link_lost" } });
    await sleep(300);
    expect(rigged.opensOf(4)).toBe(1);
    expect(rigged.isOpen(4)).toBe(false);
  });

  it("gives up waiting for a cable that stays out, and sends nothing when it comes back", async () => {
    const rigged = await rig({ driver: { reconnectWaitMs: 400 } });
    const jobId = await unplugMidOpen(rigged, 5);
    const job = await rigged.driver.whenSettled(jobId);
    expect(job).toMatchObject({ state: "uncertain", result: { reason: "no_answer" } });
    await rigged.replug();
    await until(() => rigged.driver.health.state !== "offline", 5_000, "the bus to answer again");
    await sleep(300);
    expect(rigged.opensOf(5)).toBe(1);
    expect(rigged.jobs.get(jobId)?.state).toBe("uncertain");
  });

  it("fails an open asked for while unplugged without touching the board, and opens once after replug", async () => {
    const rigged = await rig();
    await rigged.unplug();
    await until(() => !rigged.driver.health.connected, 5_000, "the driver to see the unplug");
    const offline = await rigged.driver.whenSettled(rigged.driver.openDoor(1, 6).id);
    expect(offline).toMatchObject({ state: "failed", attempts: 0, result: { reason: "offline" } });
    await rigged.replug();
    await until(() => rigged.driver.health.state === "ready", 5_000, "the bus to answer again");
    const done = await rigged.driver.whenSettled(rigged.driver.openDoor(1, 6).id);
    expect(done.state).toBe("done");
    expect(rigged.opensOf(6)).toBe(1);
  });

  it("never opens a door twice when the adapter echoes although echo is set off", async () => {
    const rigged = await rig({ bus: { echo: true }, driver: { echo: false } });
    const done = await rigged.driver.whenSettled(rigged.driver.openDoor(1, 7).id);
    expect(done).toMatchObject({ state: "done", result: { opened: true } });
    await sleep(300);
    expect(rigged.opensOf(7)).toBe(1);
  });
});
