/**
 * The durable side of vending, shared by every vending driver: a vend is a
 * job recorded before anything is sent, keyed by the order, so a repeated
 * request for the same order never vends twice; vends run one at a time; and
 * a vend the agent was in the middle of when it stopped is `uncertain` at
 * the next start, never repeated: whoever took the payment decides on a
 * refund.
 *
 * Job states, as the payment side reads them:
 *
 * | state       | meaning                                                             |
 * |-------------|---------------------------------------------------------------------|
 * | `queued`    | recorded, nothing sent to the machine yet                           |
 * | `running`   | the vend command is about to go, or has gone, to the machine        |
 * | `done`      | the machine reported the product dispensed                          |
 * | `failed`    | certainly not dispensed; `error` holds a VendFailureReason          |
 * | `uncertain` | may or may not have dispensed; `error` holds the reason (timeout …) |
 */
import { LinliError } from "@linli/protocols";
import type { Job, JobStore } from "../jobs/job-store.js";

export const VEND_JOB_KIND = "vend";

export type VendFailureReason =
  | "jammed"
  | "out_of_stock"
  | "no_such_slot"
  /** Paused, delivery door open, elevator fault: the machine will not sell this slot now. */
  | "slot_unavailable"
  /** The motor ran but the machine reported a fault other than a jam. */
  | "dispense_error"
  | "timeout"
  | "offline"
  /** The agent stopped while the vend was queued or running. */
  | "interrupted";

export interface VendPayload {
  slot: number;
  orderId: string;
}

export interface VendResult {
  slot: number;
  orderId: string;
  reason?: VendFailureReason;
  /** What the machine said, for the operator: "jammed", "out-of-stock", … */
  detail?: string;
}

export type VendJob = Job<VendPayload, VendResult>;

export type VendOutcome =
  | { state: "done"; detail?: string }
  | { state: "failed" | "uncertain"; reason: VendFailureReason; detail?: string };

/**
 * Runs one vend on the machine. `begin()` durably moves the job to running;
 * call it right before the vend command can reach the machine, and send
 * nothing that vends if it returns false.
 */
export type VendExecutor = (job: VendJob, begin: () => boolean) => Promise<VendOutcome>;

const MAX_ORDER_ID = 128;

export function vendJobId(orderId: string): string {
  return `${VEND_JOB_KIND}:${orderId}`;
}

export class VendJobs {
  readonly #store: JobStore;
  readonly #deviceId: string;
  readonly #execute: VendExecutor;
  readonly #finished: (job: VendJob) => void;
  readonly #pending = new Map<string, Promise<VendJob>>();
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    store: JobStore,
    deviceId: string,
    execute: VendExecutor,
    finished: (job: VendJob) => void = () => undefined,
  ) {
    this.#store = store;
    this.#deviceId = deviceId;
    this.#execute = execute;
    this.#finished = finished;
  }

  /** Vends waiting or running in this process. */
  get pending(): number {
    return this.#pending.size;
  }

  get(orderId: string): VendJob | undefined {
    return this.#store.get<VendPayload, VendResult>(vendJobId(orderId));
  }

  /**
   * After a restart: this device's vends that were running become uncertain,
   * those never sent fail as interrupted. Returns the jobs it moved.
   */
  recover(): VendJob[] {
    const moved: VendJob[] = [];
    const open = this.#store.list({
      deviceId: this.#deviceId,
      kind: VEND_JOB_KIND,
      states: ["queued", "running"],
    }) as VendJob[];
    for (const job of open) {
      if (this.#pending.has(job.id)) continue;
      const after = this.#interrupted(job, "the agent stopped");
      if (after) moved.push(after);
    }
    return moved;
  }

  /** A vend nobody runs any more: never sent is certain (failed), sent is not (uncertain). */
  #interrupted(job: VendJob, why: string): VendJob | undefined {
    const running = job.state === "running";
    const result: VendResult = {
      ...job.payload,
      reason: "interrupted",
      detail: running
        ? `${why} while this vend was running; it may or may not have dispensed`
        : `${why} before this vend was sent to the machine`,
    };
    const to = running ? "uncertain" : "failed";
    if (!this.#store.transition(job.id, [job.state], to, { result, error: "interrupted" })) {
      return undefined;
    }
    const after = this.#store.require<VendPayload, VendResult>(job.id);
    this.#finished(after);
    return after;
  }

  /**
   * Vends `slot` for `orderId`; resolves with the finished job. The same
   * order again returns the same job (running or finished), never a second vend.
   */
  vend(slot: number, orderId: string): Promise<VendJob> {
    try {
      return this.#open(slot, orderId);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #open(slot: number, orderId: string): Promise<VendJob> {
    if (!Number.isInteger(slot) || slot < 1 || slot > 0xffff) {
      throw new LinliError("LINLI_ERR_VENDING_BAD_SLOT", `a slot is a number from 1, not ${slot}`, {
        status: 400,
      });
    }
    if (typeof orderId !== "string" || orderId.length === 0 || orderId.length > MAX_ORDER_ID) {
      throw new LinliError(
        "LINLI_ERR_VENDING_BAD_ORDER",
        `an order id is 1 to ${MAX_ORDER_ID} characters`,
        { status: 400 },
      );
    }
    const id = vendJobId(orderId);
    const inFlight = this.#pending.get(id);
    if (inFlight) return inFlight;
    const existing = this.#store.get<VendPayload, VendResult>(id);
    if (existing) {
      if (existing.deviceId !== this.#deviceId || existing.payload.slot !== slot) {
        throw new LinliError(
          "LINLI_ERR_VENDING_ORDER_CONFLICT",
          `order ${orderId} was already used for slot ${existing.payload.slot} on ${existing.deviceId}`,
          { status: 409, details: { jobId: id, state: existing.state } },
        );
      }
      if (existing.state === "queued" || existing.state === "running") {
        // Nobody in this process runs it: its run could not record a step (a full disk, say).
        const why = "the store could not record this vend's progress";
        return Promise.resolve(
          this.#interrupted(existing, why) ?? this.#store.require<VendPayload, VendResult>(id),
        );
      }
      return Promise.resolve(existing);
    }
    const job = this.#store.create<VendPayload>(
      this.#deviceId,
      VEND_JOB_KIND,
      { slot, orderId },
      id,
    ) as VendJob;
    const run = this.#tail.then(() => this.#run(job));
    this.#tail = run.catch(() => undefined);
    this.#pending.set(id, run);
    void run.finally(() => this.#pending.delete(id)).catch(() => undefined);
    return run;
  }

  async #run(job: VendJob): Promise<VendJob> {
    const begin = () =>
      this.#store.transition(job.id, ["queued"], "running", { countAttempt: true });
    let outcome: VendOutcome;
    try {
      outcome = await this.#execute(job, begin);
    } catch (error) {
      outcome = { state: "uncertain", reason: "dispense_error", detail: (error as Error).message };
    }
    const state = this.#store.get(job.id)?.state;
    const result: VendResult = { ...job.payload };
    if (outcome.state !== "done") result.reason = outcome.reason;
    if (outcome.detail !== undefined) result.detail = outcome.detail;
    if (outcome.state === "done") {
      this.#store.transition(job.id, ["queued", "running"], "done", { result, error: null });
    } else if (outcome.state === "uncertain" && state === "running") {
      this.#store.transition(job.id, ["running"], "uncertain", { result, error: outcome.reason });
    } else {
      // Never sent (still queued) is certain: the machine cannot have dispensed.
      this.#store.transition(job.id, ["queued", "running"], "failed", {
        result,
        error: outcome.reason,
      });
    }
    const finished = this.#store.require<VendPayload, VendResult>(job.id);
    this.#finished(finished);
    return finished;
  }
}
