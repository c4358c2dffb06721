/**
 * A kiosk whose disk fills up, with real parts: the agent's store on a small
 * tmpfs, a real agent process (demo devices), a filler file that takes the
 * rest of the disk, and the embedded broker's telemetry read with mqtt.js.
 * What residents and upstream see: lookups still answer; a pickup, a sale and
 * a rating are refused (507 LINLI_ERR_STORE_FULL) before anything happens;
 * telemetry says the store cannot take writes; the process stays up. Once the
 * filler is gone, the same actions work again, without a restart.
 *
 * Needs root (mount -t tmpfs): where a mount is refused, the suite is skipped and its name says why.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentProcess } from "../support/agent-process.js";
import { runLinli } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin, until } from "../support/api.js";
import { freePort } from "../support/ports.js";

const BASE = "linli/v1/weifang-xincun/kiosk-01";
const PIN = "246810";
const MB = 1024 * 1024;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Whether this machine lets us mount a tmpfs (root in a container does; CI may not). */
function mountPermitted(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "linli-mount-check-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "linli-disk-full", dir], {
      stdio: "ignore",
    });
    execFileSync("umount", [dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const canMount = mountPermitted();

/** A small disk of its own for the store. */
function smallDisk(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), "linli-disk-full-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", size, "linli-disk-full", dir]);
  cleanups.push(() => {
    execFileSync("umount", ["-l", dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

const freeBytes = (dir: string) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

/** Writes a file until the disk says ENOSPC; the agent's files are left as they are. */
function fillUp(dir: string): string {
  const path = join(dir, "filler");
  const fd = openSync(path, "w");
  const chunks = [Buffer.alloc(MB, 1), Buffer.alloc(4096, 1), Buffer.alloc(512, 1)];
  try {
    for (const chunk of chunks) {
      for (;;) {
        try {
          if (writeSync(fd, chunk) < chunk.length) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

interface Telemetry {
  at: string;
  kiosk: { disk: { freeBytes: number } | null };
  store?: {
    writable: boolean;
    reason: string | null;
    lastError: string | null;
    freeBytes: number | null;
  };
}

/** Every telemetry report the agent publishes, as the street office's subscriber reads them. */
async function telemetryOf(brokerPort: number): Promise<Telemetry[]> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerPort}`, {
    protocolVersion: 4,
    reconnectPeriod: 200,
  });
  cleanups.push(() => client.endAsync(true));
  const reports: Telemetry[] = [];
  client.on("message", (_topic, payload) => reports.push(JSON.parse(payload.toString())));
  await client.subscribeAsync(`${BASE}/telemetry`, { qos: 0 });
  return reports;
}

async function kioskOnSmallDisk(reserveBytes: number) {
  const disk = smallDisk("size=16m");
  const brokerPort = await freePort();
  const { agent, api } = await startAgentWithPin(PIN, {
    env: {
      LINLI_STORE_PATH: join(disk, "linli.db"),
      LINLI_STORE_RESERVE_BYTES: String(reserveBytes),
      LINLI_BROKER_PORT: String(brokerPort),
    },
  });
  cleanups.push(() => agent.stop("SIGKILL"));
  await api.signIn(PIN);
  const telemetry = await telemetryOf(brokerPort);
  return { disk, agent, api, telemetry };
}

interface Door {
  deviceId: string;
  board: number;
  lock: number;
}

/** A courier's parcel through the operator API, its door shut again once it opened. */
async function depositParcel(api: AgentApi): Promise<{ pickupCode: string; door: Door }> {
  const deposit = await api.call<{ pickupCode: string; jobId: string; door: Door }>(
    "POST",
    "/operator/parcels",
    { size: "M", phone: "13812345678", carrier: "顺丰" },
    true,
  );
  expect(deposit.status).toBe(201);
  await until(async () => {
    const job = await api.call<{ state: string }>(
      "GET",
      `/operator/jobs/${deposit.body.jobId}`,
      undefined,
      true,
    );
    return job.body.state === "done" ? true : undefined;
  }, "the courier's door to open");
  await shut(api, deposit.body.door);
  return deposit.body;
}

interface LockerSnapshot {
  boards: { address: number; locks: { lock: number; open: boolean }[] }[];
}

async function doorIsOpen(api: AgentApi, door: Door): Promise<boolean> {
  const { body } = await api.call<LockerSnapshot>("GET", `/demo/lockers/${door.deviceId}`);
  const lock = body.boards[door.board - 1]?.locks.find((one) => one.lock === door.lock);
  if (!lock) throw new Error(`the simulator has no door ${door.board}-${door.lock}`);
  return lock.open;
}

async function shut(api: AgentApi, door: Door): Promise<void> {
  const { body } = await api.call<LockerSnapshot>("GET", `/demo/lockers/${door.deviceId}`);
  const board = body.boards[door.board - 1]?.address;
  await api.call("POST", `/demo/lockers/${door.deviceId}/doors`, {
    board,
    lock: door.lock,
    action: "close",
  });
  await until(async () => ((await doorIsOpen(api, door)) ? undefined : true), "the door shut");
}

const rating = (api: AgentApi, n: number) =>
  api.call<{ code?: string; details?: { reason: string; lastError: string | null } }>(
    "POST",
    "/ratings",
    { sessionId: `disk-full-${String(n).padStart(6, "0")}`, score: 5, subject: { kind: "kiosk" } },
  );

const search = (api: AgentApi) =>
  api.call<{ items: { name: string }[] }>("GET", "/outlets?q=bld&limit=5");

function stillRunning(agent: AgentProcess): void {
  expect(agent.child.exitCode).toBeNull();
  expect(agent.output()).not.toMatch(/uncaught exception|Unhandled/i);
}

describe.skipIf(!canMount)(
  "a kiosk whose disk fills up (its store on a small tmpfs: skipped where mount -t tmpfs is refused, e.g. not root)",
  () => {
    it("refuses a pickup, a sale and a rating before acting, keeps answering lookups, reports it, and opens again once space is freed", async () => {
      const { disk, agent, api, telemetry } = await kioskOnSmallDisk(2 * MB);
      const parcel = await depositParcel(api);
      const ledgerBefore = (await api.call<{ charges: unknown[] }>("GET", "/demo/payments")).body
        .charges.length;
      const vends = async () => {
        const { counters } = (
          await api.call<{ counters: { vendsSucceeded: number; vendsFailed: number } }>(
            "GET",
            "/demo/vending",
          )
        ).body;
        return counters.vendsSucceeded + counters.vendsFailed;
      };
      const vendsBefore = await vends();

      const filler = fillUp(disk);
      expect(freeBytes(disk)).toBeLessThan(64 * 1024);

      // Looking things up needs no writes.
      const found = await search(api);
      expect(found.status).toBe(200);
      expect(found.body.items.length).toBeGreaterThan(0);
      expect((await api.call("GET", "/devices")).status).toBe(200);
      expect((await api.call("GET", "/parcels/layout")).status).toBe(200);

      const pickup = await api.call<{
        code: string;
        message: string;
        details: { reason: string };
      }>("POST", "/parcels/pickup", { code: parcel.pickupCode });
      expect(pickup.status).toBe(507);
      expect(pickup.body.code).toBe("LINLI_ERR_STORE_FULL");
      // Refused ahead for want of room; "full" once some background write also failed.
      expect(["low_space", "full"]).toContain(pickup.body.details.reason);
      expect(pickup.body.message).toContain("暂停办理");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await doorIsOpen(api, parcel.door)).toBe(false);

      const order = await api.call<{ code: string }>("POST", "/vending/orders", {
        deviceId: "vending-1",
        slot: 1,
      });
      expect(order.status).toBe(507);
      expect(order.body.code).toBe("LINLI_ERR_STORE_FULL");
      const ledger = await api.call<{ charges: unknown[] }>("GET", "/demo/payments");
      expect(ledger.body.charges).toHaveLength(ledgerBefore);
      expect(await vends()).toBe(vendsBefore);

      const rated = await rating(api, 1);
      expect(rated.status).toBe(507);
      expect(rated.body.code).toBe("LINLI_ERR_STORE_FULL");

      // Upstream hears of it at once, straight from the broker (telemetry is not in the outbox).
      const full = await until(
        async () => telemetry.find((report) => report.store?.writable === false),
        "telemetry saying the store cannot take writes",
      );
      expect(["low_space", "full"]).toContain(full.store?.reason);
      expect(full.store?.freeBytes).toBeLessThan(64 * 1024);
      expect(full.kiosk.disk?.freeBytes).toBeLessThan(64 * 1024);
      const health = await api.call<{ store: { writable: boolean } }>("GET", "/health");
      expect(health.body.store.writable).toBe(false);

      // The doctor says so too, and what to do.
      const doctor = await runLinli(["doctor", "--demo", "--json"], {
        LINLI_STORE_PATH: join(disk, "linli.db"),
        LINLI_HTTP_PORT: String(agent.port),
      });
      const findings = JSON.parse(doctor.stdout) as {
        check: string;
        ok: boolean;
        detail: string;
      }[];
      expect(findings.find((one) => one.check === "store writes")).toMatchObject({
        ok: false,
        detail: expect.stringContaining("cannot write its store"),
      });
      expect(findings.find((one) => one.check === "store")).toMatchObject({
        ok: false,
        detail: expect.stringContaining("is full"),
      });
      stillRunning(agent);

      // Space comes back: no restart.
      rmSync(filler);
      const opened = await api.call<{ state: string }>("POST", "/parcels/pickup", {
        code: parcel.pickupCode,
      });
      expect(opened.status).toBe(200);
      await until(
        async () => ((await doorIsOpen(api, parcel.door)) ? true : undefined),
        "the door",
      );
      expect((await rating(api, 2)).status).toBe(201);
      const clear = await until(
        async () =>
          telemetry.find((report) => report.store?.writable === true && report.at > full.at),
        "telemetry saying the store takes writes again",
      );
      expect(clear.store).toMatchObject({ reason: null, lastError: null });
      stillRunning(agent);
      const lines = agent.output().split("\n");
      expect(lines.filter((line) => line.includes("the store cannot take writes"))).toHaveLength(1);
      expect(lines.filter((line) => line.includes("the store takes writes again"))).toHaveLength(1);
    });

    it("answers a write SQLite cannot make (SQLITE_FULL) honestly, logs it once, and takes writes again once space is freed", async () => {
      // No reserve: nothing is refused ahead, so the writes run into the full disk itself.
      const { disk, agent, api, telemetry } = await kioskOnSmallDisk(0);
      const filler = fillUp(disk);

      // Whatever room the store's own files still had (WAL pages already on disk) goes first:
      // each rating accepted meanwhile is really stored.
      let refused: Awaited<ReturnType<typeof rating>> | undefined;
      let accepted = 0;
      for (let n = 1; n <= 20_000 && !refused; n += 1) {
        const answer = await rating(api, n);
        if (answer.status === 201) accepted += 1;
        else refused = answer;
      }
      expect(refused?.status).toBe(507);
      expect(refused?.body).toMatchObject({
        code: "LINLI_ERR_STORE_FULL",
        details: { reason: "full", lastError: "SQLITE_FULL" },
      });
      const full = await until(
        async () => telemetry.find((report) => report.store?.lastError === "SQLITE_FULL"),
        "telemetry naming SQLITE_FULL",
      );
      expect(full.store).toMatchObject({ writable: false, reason: "full" });
      for (let n = 0; n < 20; n += 1) expect((await rating(api, 30_000 + n)).status).toBe(507);
      // More than twenty writes failed; the log says when the store's state changed, not once
      // per write (a probe write that still fits may reopen it for a moment, 5 s apart at most).
      const lines = agent.output().split("\n");
      expect(
        lines.filter((line) => line.includes("the store cannot take writes")).length,
      ).toBeLessThanOrEqual(2);
      expect(
        lines.filter((line) => /SQLITE_FULL|disk is full/.test(line)).length,
      ).toBeLessThanOrEqual(4);
      expect((await search(api)).status).toBe(200);
      stillRunning(agent);

      rmSync(filler);
      await until(
        async () => ((await rating(api, 50_000 + accepted)).status === 201 ? true : undefined),
        "a rating to be accepted again",
      );
      await until(
        async () =>
          telemetry.find((report) => report.store?.writable === true && report.at > full.at),
        "telemetry saying the store takes writes again",
      );
      stillRunning(agent);
    });
  },
);
