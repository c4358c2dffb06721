/**
 * Door opens as durable jobs: recorded before anything is sent, run one at a
 * time, idempotent by job id, and settled after a crash by a status query.
 *
 * Crash recovery (decision): a door_open job this device left `running` is
 * checked with a status query at the first connection, before any new open.
 * Door open → `done`: it did open. Door closed → `uncertain`, not `failed`
 * and never retried: the board may have opened it and the resident may have
 * taken the parcel and shut it while the agent was down; only a person can
 * tell, so the operator sees it. A job still `queued` was never sent (a job
 * becomes `running` before the command goes out), so it is `failed` and not
 * run late, when the resident who asked may have walked away.
 */
import { LinliError } from "@linli/protocols";
import type { Logger } from "../../log.js";
import type { Job, JobStore } from "../jobs/job-store.js";
import { type DoorOpenResult, type DoorOpenSteps, lockStatus, openDoor } from "./door-open.js";

export const DOOR_OPEN_JOB = "door_open";

export interface DoorOpenPayload {
  board: number;
  lock: number;
}

export interface DoorOpenJobResult {
  /** null: nobody can tell (the job is uncertain). */
  opened: boolean | null;
  confirmedBy?: "reply" | "status";
  attempts?: number;
  reason?: string;
  /** Settled by crash recovery rather than by the run that started it. */
  recovered?: boolean;
}

export type DoorOpenJob = Job<DoorOpenPayload, DoorOpenJobResult>;

export interface DoorJobsOptions {
  readonly deviceId: string;
  readonly jobs: JobStore;
  readonly log: Logger;
  readonly steps: DoorOpenSteps;
  readonly linkUp: () => boolean;
  /** Resolves once the link's first checks (and crash recovery) are through. */
  readonly ready: () => Promise<void>;
  /** A job settled: the driver updates doors and health. */
  readonly settled: (job: DoorOpenJob, outcome: DoorOpenResult) => void;
}

const SETTLED = new Set(["done", "failed", "uncertain"]);

export class DoorJobs {
  readonly #options: DoorJobsOptions;
  readonly #waiters = new Map<string, Array<(job: DoorOpenJob) => void>>();
  #chain: Promise<void> = Promise.resolve();
  #running = false;
  #toRecover: string[] = [];

  constructor(options: DoorJobsOptions) {
    this.#options = options;
  }

  get recoveryPending(): boolean {
    return this.#toRecover.length > 0;
  }

  /** Fails what a crash left queued and notes what it left running, for `recover`. */
  start(): void {
    this.#running = true;
    for (const job of this.#list("queued")) {
      this.#finish(job.id, "queued", {
        state: "failed",
        reason: "stopped",
        message: "the agent stopped before this door was opened; it was not opened",
      });
    }
    this.#toRecover = this.#list("running").map((job) => job.id);
  }

  /** New opens are refused; the one under way finishes (quickly: the bus is stopping too). */
  async stop(): Promise<void> {
    this.#running = false;
    await this.#chain;
  }

  open(board: number, lock: number, jobId?: string): DoorOpenJob {
    const { jobs, deviceId } = this.#options;
    const existing = jobId === undefined ? undefined : jobs.get<DoorOpenPayload>(jobId);
    if (existing) return this.#sameDoor(existing, board, lock);
    if (!this.#running) {
      throw new LinliError("LINLI_ERR_LOCKER_NOT_STARTED", `${deviceId} is not started`, {
        status: 503,
      });
    }
    const job = jobs.create<DoorOpenPayload>(deviceId, DOOR_OPEN_JOB, { board, lock }, jobId);
    // A run that failed (its job could not be moved on: a full disk) must not stop the ones after it.
    this.#chain = this.#chain
      .then(() => this.#run(job.id))
      .catch((error: unknown) => {
        // The job stays as the store last had it; the next start settles it by the lock's status.
        this.#options.log.error(
          { err: error, jobId: job.id },
          "a door open's job could not be moved on",
        );
      });
    return job as DoorOpenJob;
  }

  whenSettled(jobId: string): Promise<DoorOpenJob> {
    const job = this.#options.jobs.require<DoorOpenPayload, DoorOpenJobResult>(jobId);
    if (SETTLED.has(job.state)) return Promise.resolve(job);
    return new Promise((resolve) => {
      this.#waiters.set(jobId, [...(this.#waiters.get(jobId) ?? []), resolve]);
    });
  }

  /** Settles the jobs a crash left running, by the lock's status; never opens anything. */
  async recover(): Promise<void> {
    const { jobs, steps, log } = this.#options;
    for (const jobId of [...this.#toRecover]) {
      const job = jobs.get<DoorOpenPayload>(jobId);
      if (job?.state !== "running") {
        this.#toRecover = this.#toRecover.filter((id) => id !== jobId);
        continue;
      }
      const { board, lock } = job.payload;
      const status = await lockStatus(steps, board, lock);
      // Link gone again, or the driver stopping: try at the next connection or start.
      if (status.state === "unknown" && (!this.#options.linkUp() || !this.#running)) continue;
      this.#toRecover = this.#toRecover.filter((id) => id !== jobId);
      const door = `board ${board} lock ${lock}`;
      const outcome: DoorOpenResult =
        status.state === "open"
          ? { state: "done", result: { opened: true, confirmedBy: "status", attempts: 0 } }
          : status.state === "closed"
            ? {
                state: "uncertain",
                reason: "interrupted",
                message: `the agent stopped while opening ${door}; the door is closed now but may have opened and been shut meanwhile`,
              }
            : {
                state: "uncertain",
                reason: "no_answer",
                message: `the agent stopped while opening ${door} and the board does not answer; check the door`,
              };
      log.warn({ jobId, board, lock, status: status.state }, "settled an interrupted door open");
      this.#finish(jobId, "running", outcome, true);
    }
  }

  async #run(jobId: string): Promise<void> {
    const { jobs, log, steps } = this.#options;
    if (!this.#running) {
      const message = "the locker driver stopped before this door was opened";
      this.#finish(jobId, "queued", { state: "failed", reason: "stopped", message });
      return;
    }
    // Crash recovery goes first, so a door is checked before anything opens it again.
    if (this.#options.linkUp()) await this.#options.ready();
    if (!jobs.transition(jobId, ["queued"], "running")) return;
    const { board, lock } = jobs.require<DoorOpenPayload>(jobId).payload;
    log.info({ jobId, board, lock }, "opening a locker door");
    const told = () => jobs.transition(jobId, ["running"], "running", { countAttempt: true });
    this.#finish(jobId, "running", await openDoor({ ...steps, told }, board, lock));
  }

  #finish(
    jobId: string,
    from: "queued" | "running",
    outcome: DoorOpenResult,
    recovered = false,
  ): void {
    const { jobs } = this.#options;
    const marker = recovered ? { recovered } : {};
    const moved =
      outcome.state === "done"
        ? jobs.transition(jobId, [from], "done", {
            result: { ...outcome.result, ...marker },
            error: null,
          })
        : jobs.transition(jobId, [from], outcome.state, {
            result: {
              opened: outcome.state === "failed" ? false : null,
              reason: outcome.reason,
              ...marker,
            },
            error: outcome.message,
          });
    if (!moved) return;
    const job = jobs.require<DoorOpenPayload, DoorOpenJobResult>(jobId);
    this.#options.settled(job, outcome);
    for (const resolve of this.#waiters.get(jobId) ?? []) resolve(job);
    this.#waiters.delete(jobId);
  }

  #sameDoor(job: Job<DoorOpenPayload>, board: number, lock: number): DoorOpenJob {
    const same =
      job.deviceId === this.#options.deviceId &&
      job.kind === DOOR_OPEN_JOB &&
      job.payload.board === board &&
      job.payload.lock === lock;
    if (same) return job as DoorOpenJob;
    throw new LinliError(
      "LINLI_ERR_LOCKER_JOB_CONFLICT",
      `job ${job.id} already exists for another request (${job.kind} on ${job.deviceId}); use a new job id`,
      { status: 409, details: { jobId: job.id } },
    );
  }

  #list(state: "queued" | "running"): Job<DoorOpenPayload>[] {
    const { jobs, deviceId } = this.#options;
    return jobs.list({ deviceId, kind: DOOR_OPEN_JOB, states: [state] }) as Job<DoorOpenPayload>[];
  }
}
