import { createHash } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type { OperatorJob } from "@linli/protocols/api";
import type { Device } from "../devices/device.js";
import type { Job, JobStore } from "../devices/jobs/job-store.js";
import type { DeviceSummary } from "../devices/manager.js";
import type { OperatorAudit } from "./audit.js";

/** What the operator actions need of the device manager (DeviceManager fits). */
export interface OperatorDevices {
  list(): DeviceSummary[];
  require(id: string): { device: Device };
}

export interface OperatorActionsOptions {
  readonly devices: OperatorDevices;
  readonly jobs: JobStore;
  readonly audit: OperatorAudit;
}

/** Who acts: the session's public id and the client's address. */
export interface Actor {
  sessionId: string;
  clientKey: string;
}

export type Resolution = "reprint" | "dismiss";

interface DoorOpener {
  openDoor(board: number, lock: number, options?: { jobId?: string }): Job;
}
interface TestPrinter {
  testPrint(): Job;
}
interface UncertainResolver {
  resolveUncertain(jobId: string, resolution: Resolution): Job;
}

const DOOR_OPEN = "door_open";
const PRINT = "print";
const ATTENTION = ["held", "uncertain"] as const;

/**
 * What an operator does to devices: open a door, test-print, settle a held
 * or uncertain job. Each action and its audit commit together.
 */
export class OperatorActions {
  readonly #options: OperatorActionsOptions;

  constructor(options: OperatorActionsOptions) {
    this.#options = options;
  }

  /** Jobs waiting for a person: held (the printer stopped) or uncertain. */
  attention(limit = 200): Job[] {
    return this.#options.jobs.list({ states: ATTENTION, limit });
  }

  job(id: string): Job {
    return this.#options.jobs.require(id);
  }

  /**
   * Opens one door as a durable job and returns it (queued: its progress
   * follows on the events stream). The same requestId again returns the
   * same job and opens nothing.
   */
  openDoor(
    deviceId: string,
    door: { board: number; lock: number; requestId?: string | undefined },
    actor: Actor,
  ): Job {
    const device = this.#options.devices.require(deviceId).device;
    if (!("openDoor" in device) || typeof device.openDoor !== "function") {
      throw unsupported(`${deviceId} is a ${device.family}; it has no doors to open`);
    }
    const opener = device as Device & DoorOpener;
    const jobId = door.requestId === undefined ? undefined : requestJobId(deviceId, door.requestId);
    const repeated = jobId !== undefined && this.#options.jobs.get(jobId) !== undefined;
    return this.#options.audit.run(
      () => opener.openDoor(door.board, door.lock, jobId === undefined ? {} : { jobId }),
      (job) =>
        repeated
          ? undefined
          : {
              action: "open_door",
              ...actor,
              deviceId,
              detail: {
                jobId: job.id,
                board: door.board,
                lock: door.lock,
                ...(door.requestId === undefined ? {} : { requestId: door.requestId }),
              },
            },
    );
  }

  /** Prints the printer's test receipt; returns the print job. */
  testPrint(deviceId: string, actor: Actor): Job {
    const device = this.#options.devices.require(deviceId).device;
    if (!("testPrint" in device) || typeof device.testPrint !== "function") {
      throw unsupported(`${deviceId} is a ${device.family}; only a printer can test-print`);
    }
    const printer = device as Device & TestPrinter;
    return this.#options.audit.run(
      () => printer.testPrint(),
      (job) => ({ action: "test_print", ...actor, deviceId, detail: { jobId: job.id } }),
    );
  }

  /**
   * The operator's decision on an uncertain job. A print job is reprinted
   * (the new job is returned) or dismissed; a door open can only be
   * dismissed (open the door again to retry). Asking twice changes nothing.
   */
  resolveJob(jobId: string, action: Resolution, actor: Actor): Job {
    const { jobs, audit } = this.#options;
    const job = jobs.require<unknown, Record<string, unknown> | null>(jobId);
    const describe = (result: Job) =>
      job.state === "uncertain"
        ? {
            action: "resolve_job" as const,
            ...actor,
            deviceId: job.deviceId,
            detail: { jobId, kind: job.kind, resolution: action, resultJobId: result.id },
          }
        : undefined;
    if (job.kind === PRINT) {
      const device = this.#options.devices.require(job.deviceId).device;
      if (!("resolveUncertain" in device) || typeof device.resolveUncertain !== "function") {
        throw unsupported(`${job.deviceId} cannot settle print jobs`);
      }
      const printer = device as Device & UncertainResolver;
      return audit.run(() => printer.resolveUncertain(jobId, action), describe);
    }
    if (job.kind === DOOR_OPEN) {
      if (action === "reprint") {
        throw new LinliError(
          "LINLI_ERR_OPERATOR_BAD_RESOLUTION",
          `job ${jobId} opens a door, which cannot be reprinted: dismiss it, check the door, and open it again if needed`,
          { status: 400 },
        );
      }
      return audit.run(() => this.#dismissDoorOpen(job), describe);
    }
    throw unsupported(
      `job ${jobId} is a ${job.kind} job; only print and door_open jobs are settled here`,
    );
  }

  #dismissDoorOpen(job: Job<unknown, Record<string, unknown> | null>): Job {
    const { jobs } = this.#options;
    if (job.state === "failed" && job.result?.resolution === "dismiss") return job;
    if (job.state !== "uncertain") {
      throw new LinliError(
        "LINLI_ERR_JOB_NOT_UNCERTAIN",
        `job ${job.id} is ${job.state}; only an uncertain job can be dismissed`,
        { status: 409 },
      );
    }
    jobs.transition(job.id, ["uncertain"], "failed", {
      result: { ...job.result, resolution: "dismiss" },
      error: "dismissed by the operator after an uncertain outcome",
    });
    return jobs.require(job.id);
  }
}

/** A job as the operator sees it: what it acts on, never a receipt's contents. */
export function toOperatorJob(job: Job): OperatorJob {
  const payload =
    typeof job.payload === "object" && job.payload !== null
      ? (job.payload as Record<string, unknown>)
      : {};
  const target: Record<string, unknown> = {};
  for (const key of ["board", "lock", "slot", "copies"]) {
    const value = payload[key];
    if (typeof value === "number" || typeof value === "string") target[key] = value;
  }
  return {
    id: job.id,
    deviceId: job.deviceId,
    kind: job.kind,
    state: job.state,
    target,
    result: job.result,
    error: job.error,
    attempts: job.attempts,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/**
 * The job id a requestId stands for: stable (so a repeat finds the job),
 * per device, and opaque (screens see job ids; the operator's ids stay here).
 */
function requestJobId(deviceId: string, requestId: string): string {
  const digest = createHash("sha256").update(`operator\0${deviceId}\0${requestId}`);
  return `op-${digest.digest("base64url").slice(0, 32)}`;
}

function unsupported(message: string): LinliError {
  return new LinliError("LINLI_ERR_OPERATOR_NOT_SUPPORTED", message, { status: 409 });
}
