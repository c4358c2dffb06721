/**
 * The printer's job worker: durable print jobs, one at a time, in order.
 *
 * The rule is that a receipt is never printed twice by the agent on its own.
 * A job is recorded before anything is sent. It goes `running` (an attempt
 * counted) right before its bytes are written, and is confirmed with a
 * status poll after. From there:
 * - the printer is fine → `done`;
 * - the printer stopped (paper ran out, cover opened) → `held` with the bytes
 *   marked sent: a printer keeps unprinted data in its buffer and finishes
 *   it when paper is back, so the job is never sent again; once the printer
 *   reports ready again it is `done`;
 * - the link dropped, a write failed, or the printer stopped answering after
 *   bytes went out (also while it held a sent job) → `uncertain`: it may have
 *   printed in part or in full; only the operator reprints it.
 * A job whose bytes were never written waits `held` and prints once the
 * printer is back. A `held` or `uncertain` job blocks nothing but itself:
 * held jobs keep their place at the head, uncertain ones leave the queue.
 */
import { LinliError } from "@linli/protocols";
import { encodeReceipt, type ReceiptDocument } from "@linli/protocols/escpos";
import type { Logger } from "../../log.js";
import { storeFailureOf } from "../../store/health.js";
import type { Job, JobStore } from "../jobs/job-store.js";
import { canPrintIn, type HoldCause, holdReason, MISSES_BEFORE_OFFLINE } from "./printer-status.js";
import type { StatusOutcome } from "./status-channel.js";

export interface PrintPayload {
  readonly document: ReceiptDocument;
  /** The paper's columns when the job was made (from the profile). */
  readonly columns: number;
  readonly copies: number;
}

export interface PrintResult {
  /** Bytes handed to the link, and when: from here on the job is never sent again. */
  readonly bytes?: number;
  readonly sentAt?: string;
  readonly finishedAt?: string;
  /** "status": the poll after writing said fine; "printer_buffer": the printer finished it after a stop. */
  readonly finishedBy?: "status" | "printer_buffer";
  /** How the operator resolved an uncertain job. */
  readonly resolution?: UncertainResolution;
  readonly reprintJobId?: string;
}

export type PrintJob = Job<PrintPayload, PrintResult>;
export type UncertainResolution = "reprint" | "dismiss";

export interface PrintOptions {
  /** 1–10; each copy is the whole document again. */
  readonly copies?: number;
  /** An idempotency key: asking again with the same id returns the same job. */
  readonly jobId?: string;
}

/** What the worker needs from the driver. */
export interface PrinterLink {
  /** What the driver knows now, without asking. */
  known(): StatusOutcome;
  /** A poll asked for now, so it answers for everything written before it. */
  freshStatus(): Promise<StatusOutcome>;
  /**
   * Writes in turn, for the link of `epoch`: rejects with
   * LINLI_ERR_TRANSPORT_DISCONNECTED, nothing written, if that link is gone.
   */
  write(bytes: Uint8Array, epoch: number): Promise<void>;
  /** Changes every time the link is lost. */
  epoch(): number;
}

export interface PrintJobsOptions {
  readonly deviceId: string;
  readonly columns: number;
  readonly jobs: JobStore;
  readonly link: PrinterLink;
  readonly log: Logger;
}

export const PRINT_KIND = "print";
const MAX_COPIES = 10;
const ACTIVE = ["queued", "held"] as const;

const causeOf = (outcome: StatusOutcome): HoldCause =>
  outcome.kind === "status"
    ? outcome.status.state
    : outcome.kind === "link_down"
      ? "disconnected"
      : "not_answering";

const printable = (outcome: StatusOutcome): boolean =>
  outcome.kind === "status" && canPrintIn(outcome.status.state);

const wasSent = (job: PrintJob): boolean => job.result?.sentAt !== undefined;

export function encodePrintJob(payload: PrintPayload): Uint8Array {
  const one = encodeReceipt(payload.document, { columns: payload.columns });
  const all = new Uint8Array(one.length * payload.copies);
  for (let copy = 0; copy < payload.copies; copy++) all.set(one, copy * one.length);
  return all;
}

export class PrintJobs {
  readonly #deviceId: string;
  readonly #columns: number;
  readonly #jobs: JobStore;
  readonly #link: PrinterLink;
  readonly #log: Logger;
  #running = false;
  #loop: Promise<void> | undefined;
  #woken = false;
  #wake: (() => void) | undefined;

  constructor(options: PrintJobsOptions) {
    this.#deviceId = options.deviceId;
    this.#columns = options.columns;
    this.#jobs = options.jobs;
    this.#link = options.link;
    this.#log = options.log;
  }

  /** Settles what a previous run left behind, then works the queue. */
  start(): void {
    if (this.#running) return;
    this.#recover();
    this.#running = true;
    this.#loop = this.#work();
  }

  /** Finishes the step in hand (bounded by the status timeout), then stops. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    this.#loop = undefined;
  }

  /** Something changed (status, link, queue): look at the queue again. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Records the job (nothing is sent yet). Throws a LinliError for a document that cannot print. */
  enqueue(document: ReceiptDocument, options: PrintOptions = {}): PrintJob {
    const copies = options.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      throw new LinliError(
        "LINLI_ERR_PRINT_COPIES",
        `copies must be a whole number from 1 to ${MAX_COPIES}, not ${copies}`,
        { status: 400 },
      );
    }
    if (options.jobId !== undefined) {
      const existing = this.#jobs.get<PrintPayload, PrintResult>(options.jobId);
      if (existing?.deviceId === this.#deviceId && existing.kind === PRINT_KIND) return existing;
      if (existing) {
        throw new LinliError(
          "LINLI_ERR_JOB_CONFLICT",
          `job id ${options.jobId} is already used by another job; pick a new id`,
          { status: 409 },
        );
      }
    }
    const payload: PrintPayload = { document, columns: this.#columns, copies };
    encodePrintJob({ ...payload, copies: 1 }); // throws LINLI_ERR_ESCPOS_* before anything is recorded
    const job = this.#jobs.create(this.#deviceId, PRINT_KIND, payload, options.jobId);
    this.wake();
    return job as PrintJob;
  }

  /**
   * The operator's answer to an uncertain job: "reprint" makes a new job
   * (returned) and closes this one, "dismiss" closes it (returned). Both
   * leave it `failed` with the resolution in its result. Asking twice gives
   * the same answer.
   */
  resolveUncertain(jobId: string, resolution: UncertainResolution): PrintJob {
    const job = this.#jobs.get<PrintPayload, PrintResult>(jobId);
    if (!job || job.deviceId !== this.#deviceId || job.kind !== PRINT_KIND) {
      throw new LinliError("LINLI_ERR_JOB_NOT_FOUND", `no print job ${jobId} on this printer`, {
        status: 404,
      });
    }
    const reprintId = `${jobId}-reprint`;
    if (job.state === "failed" && job.result?.resolution === resolution) {
      return resolution === "reprint" ? (this.#jobs.require(reprintId) as PrintJob) : job;
    }
    if (job.state !== "uncertain") {
      throw new LinliError(
        "LINLI_ERR_JOB_NOT_UNCERTAIN",
        `print job ${jobId} is ${job.state}; only an uncertain job can be reprinted or dismissed`,
        { status: 409 },
      );
    }
    if (resolution === "dismiss") {
      this.#jobs.transition(jobId, ["uncertain"], "failed", {
        result: { ...job.result, resolution },
        error: "dismissed by the operator after an uncertain outcome; not printed again",
      });
      return this.#jobs.require(jobId) as PrintJob;
    }
    const copy =
      this.#jobs.get(reprintId) ??
      this.#jobs.create(this.#deviceId, PRINT_KIND, job.payload, reprintId);
    this.#jobs.transition(jobId, ["uncertain"], "failed", {
      result: { ...job.result, resolution, reprintJobId: reprintId },
      error: `the operator had it printed again as job ${reprintId}`,
    });
    this.wake();
    return copy as PrintJob;
  }

  #list(states: readonly ("queued" | "held" | "running")[], limit?: number): PrintJob[] {
    return this.#jobs.list({
      deviceId: this.#deviceId,
      kind: PRINT_KIND,
      states,
      ...(limit ? { limit } : {}),
    }) as PrintJob[];
  }

  #recover(): void {
    this.#jobs.markInterruptedUncertain(
      { deviceId: this.#deviceId, kind: PRINT_KIND },
      "the agent stopped while this receipt was being sent; it may have printed in part or in full",
    );
    for (const job of this.#list(["held"]).filter(wasSent)) {
      this.#jobs.transition(job.id, ["held"], "uncertain", {
        error:
          "the agent stopped while the printer held the rest of this receipt; it may or may not have printed",
      });
    }
  }

  async #work(): Promise<void> {
    while (this.#running) {
      let progressed = false;
      try {
        const head = this.#list(ACTIVE, 1)[0];
        if (head) progressed = wasSent(head) ? this.#awaitPrinter(head) : await this.#send(head);
      } catch (error) {
        // A full store is logged once by its health (the job store reports it), not every second.
        const level = storeFailureOf(error) ? "debug" : "error";
        this.#log[level]({ err: error, device: this.#deviceId }, "print worker step failed");
        await this.#nextWake(1_000);
        continue;
      }
      if (!progressed) await this.#nextWake();
    }
  }

  #nextWake(maxMs?: number): Promise<void> {
    if (this.#woken || !this.#running) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = maxMs === undefined ? undefined : setTimeout(() => this.wake(), maxMs);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        this.#woken = false;
        resolve();
      };
    });
  }

  /** A job already sent and held by a stopped printer: done once it reports ready again. */
  #awaitPrinter(job: PrintJob): boolean {
    const known = this.#link.known();
    if (printable(known)) {
      return this.#jobs.transition(job.id, ["held"], "done", {
        result: {
          ...job.result,
          finishedAt: new Date().toISOString(),
          finishedBy: "printer_buffer",
        },
        error: null,
      });
    }
    if (known.kind !== "status") {
      const what = known.kind === "link_down" ? "was disconnected" : "stopped answering";
      return this.#jobs.transition(job.id, ["held"], "uncertain", {
        error: `the printer ${what} while it held the rest of this receipt; it may or may not have printed`,
      });
    }
    this.#hold([job], afterSendReason(known.status.state));
    return false;
  }

  /** Checks the printer, sends the job, confirms. True when the job moved on. */
  async #send(job: PrintJob): Promise<boolean> {
    // Checked, written and confirmed on one link: a reconnect in between changes the epoch.
    const epoch = this.#link.epoch();
    const known = this.#link.known();
    const before = printable(known) ? await this.#link.freshStatus() : known;
    if (!printable(before)) {
      this.#hold(
        this.#list(ACTIVE).filter((waiting) => !wasSent(waiting)),
        holdReason(causeOf(before)),
      );
      return false;
    }
    if (!this.#running) return false;
    const bytes = encodePrintJob(job.payload);
    if (!this.#jobs.transition(job.id, ACTIVE, "running", { countAttempt: true, error: null })) {
      return true;
    }
    try {
      // Bounded, and refused unwritten if the link dropped while it waited its turn.
      await this.#link.write(bytes, epoch);
    } catch (error) {
      if (error instanceof LinliError && error.code === "LINLI_ERR_TRANSPORT_DISCONNECTED") {
        // Nothing left the agent: the job keeps its place and prints once the printer is back.
        return this.#jobs.transition(job.id, ["running"], "held", {
          error: holdReason("disconnected"),
        });
      }
      return this.#uncertain(job, `sending this receipt failed (${(error as Error).message})`);
    }
    const sent: PrintResult = { bytes: bytes.length, sentAt: new Date().toISOString() };
    const confirmed = await this.#confirm();
    const after: StatusOutcome = this.#link.epoch() === epoch ? confirmed : { kind: "link_down" };
    if (after.kind === "status" && canPrintIn(after.status.state)) {
      return this.#jobs.transition(job.id, ["running"], "done", {
        result: { ...sent, finishedAt: new Date().toISOString(), finishedBy: "status" },
      });
    }
    if (after.kind === "status") {
      this.#log.warn(
        { device: this.#deviceId, job: job.id, state: after.status.state },
        "printer stopped during a job",
      );
      return this.#jobs.transition(job.id, ["running"], "held", {
        result: sent,
        error: afterSendReason(after.status.state),
      });
    }
    const what = after.kind === "link_down" ? "was disconnected" : "did not answer";
    return this.#uncertain(
      job,
      `this receipt was sent but the printer ${what} before confirming it`,
      sent,
    );
  }

  /** The poll after writing; a printer slow to answer gets the tries it takes to count as not answering. */
  async #confirm(): Promise<StatusOutcome> {
    let outcome = await this.#link.freshStatus();
    for (let miss = 1; outcome.kind === "no_answer" && miss < MISSES_BEFORE_OFFLINE; miss++) {
      outcome = await this.#link.freshStatus();
    }
    return outcome;
  }

  #uncertain(job: PrintJob, why: string, result?: PrintResult): boolean {
    this.#log.warn({ device: this.#deviceId, job: job.id }, why);
    this.#jobs.transition(job.id, ["running"], "uncertain", {
      ...(result ? { result } : {}),
      error: `${why}; it may have printed in part or in full, so it is not sent again`,
    });
    return true;
  }

  /** Marks waiting jobs held with the reason, touching only those whose reason changed. */
  #hold(waiting: readonly PrintJob[], reason: string): void {
    for (const job of waiting) {
      if (job.state === "held" && job.error === reason) continue;
      this.#jobs.transition(job.id, [job.state], "held", { error: reason });
    }
  }
}

function afterSendReason(state: HoldCause): string {
  return `${holdReason(state)}; the printer holds the rest of this receipt and finishes it itself, so it is not sent again`;
}
