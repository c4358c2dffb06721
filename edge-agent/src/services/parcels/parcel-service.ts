/**
 * Parcel lockers: a courier or operator deposits a parcel into a free door of
 * a size, a resident opens it with the pickup code or its QR; plus the shared
 * cabinets (cabinets.ts), which use the same doors and codes.
 *
 * Every door opens as a durable locker job with an id derived from the parcel
 * (`parcel-<id>-pickup-<n>`), created in the same transaction as the parcel's
 * change and its outbox event, so a double tap, a retry or a crash never opens
 * a door twice: a code whose door is opening, or opened in the last minutes,
 * answers with the same door and opens nothing. A parcel counts as picked up
 * when its pickup job reports the door open.
 */

import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { DoorSize } from "@linli/device-profiles";
import { LinliError, phoneLastFour } from "@linli/protocols";
import type {
  CabinetBorrowRequest,
  CabinetBorrowResponse,
  CabinetReturnResponse,
  CabinetStockRequest,
  CabinetStockResponse,
  LockerLayoutResponse,
  ParcelDepositRequest,
  ParcelDepositResponse,
  ParcelListQuery,
  ParcelListResponse,
  ParcelPickupRequest,
  ParcelPickupResponse,
  PickupScanData,
} from "@linli/protocols/api";
import type { EventBus } from "../../bus.js";
import { type Job, JobStore } from "../../devices/jobs/job-store.js";
import { createLogger, type Logger } from "../../log.js";
import {
  recordEssential,
  reportStoreFailure,
  requireStoreWritable,
  type SqliteDatabase,
} from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import { Cabinets } from "./cabinets.js";
import { CodeGuard, type CodeGuardOptions, refuseWrongCode } from "./code-guard.js";
import { CodeHasher, codeInQr, pickupQrOf } from "./codes.js";
import type { DoorServiceContext } from "./context.js";
import { isDoorEvent, recordDoorEvent } from "./door-events.js";
import {
  awaitDoor,
  doorFailed,
  doorNumber,
  doorOf,
  followDoor,
  type Locker,
  layoutOf,
  lockers,
  requireLocker,
} from "./doors.js";
import { type ParcelRow, ParcelRows, toSummary } from "./parcel-rows.js";
import {
  freeParcelDoor,
  pickupCodeOf,
  reportOverdueParcels,
  settleParcelJob,
} from "./parcel-steps.js";
import type { CabinetConfig, ServiceDevices, ServiceOutbox } from "./types.js";

export interface ParcelServiceOptions {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly devices: ServiceDevices;
  /** Where door jobs are read; a JobStore on `db` by default. */
  readonly jobs?: JobStore;
  /** For scanned pickup QR codes, door reports and job progress. */
  readonly bus?: EventBus;
  readonly cabinets?: readonly CabinetConfig[];
  /** The size of doors whose profile gives none; M by default. */
  readonly defaultDoorSize?: DoorSize;
  /** Hours after deposit until a parcel is overdue; 72 by default. */
  readonly overdueAfterHours?: number;
  readonly codeGuard?: Partial<CodeGuardOptions>;
  /** How long an answer waits for the door to confirm; 5 s by default. */
  readonly doorWaitMs?: number;
  /** How long after a door opened its code answers again without opening; 10 min by default. */
  readonly repeatWindowMs?: number;
  /** How often overdue parcels are looked for and reported upstream; 10 min by default. */
  readonly overdueCheckMs?: number;
  readonly now?: () => Date;
  readonly log?: Logger;
}

/** What a scanned pickup QR led to, and which scanner read it. */
export type ScanPickupOutcome = PickupScanData & { scannerId: string };

export interface ParcelServiceEvents {
  /** A scanned pickup QR was tried: the UI shows the door or the refusal. */
  scanPickup: [outcome: ScanPickupOutcome];
}

const HOUR_MS = 3_600_000;

export class ParcelService extends EventEmitter<ParcelServiceEvents> {
  readonly #options: ParcelServiceOptions;
  readonly #rows: ParcelRows;
  #ctx: DoorServiceContext | undefined;
  #cabinets: Cabinets | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ParcelServiceOptions) {
    super();
    this.#options = options;
    this.#rows = new ParcelRows(options.db);
  }

  /** Makes the code key on first use, settles what happened meanwhile, listens on the bus. */
  start(): void {
    if (this.#ctx) return;
    const { db, outbox, devices, bus } = this.#options;
    const ctx: DoorServiceContext = {
      db,
      outbox,
      devices,
      jobs: this.#options.jobs ?? new JobStore(db),
      hasher: new CodeHasher(db),
      guard: new CodeGuard(db, outbox, this.#options.codeGuard),
      log: (this.#options.log ?? createLogger({ level: "silent" })).child({ service: "parcels" }),
      now: this.#options.now ?? (() => new Date()),
      defaultSize: this.#options.defaultDoorSize ?? "M",
      doorWaitMs: this.#options.doorWaitMs ?? 5_000,
      repeatWindowMs: this.#options.repeatWindowMs ?? 10 * 60_000,
    };
    this.#ctx = ctx;
    this.#cabinets = new Cabinets(ctx, this.#options.cabinets ?? []);
    this.reconcile();
    bus?.on(this, "deviceEvent", ({ deviceId, type, data }) => {
      if (type === "scan" && typeof data.code === "string") this.#scanned(deviceId, data.code);
      else if (isDoorEvent(type)) this.#doorReported(deviceId, type, data);
    });
    bus?.on(this, "jobState", ({ jobId, state }) => {
      if (state === "done" || state === "failed" || state === "uncertain") this.#settled(jobId);
    });
    const every = this.#options.overdueCheckMs ?? 10 * 60_000;
    this.#timer = setInterval(() => this.#safely(() => this.reportOverdue()), every);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#options.bus?.removeListeners(this);
    this.#ctx = undefined;
    this.#cabinets = undefined;
  }

  get #started(): { ctx: DoorServiceContext; cabinets: Cabinets } {
    if (!this.#ctx || !this.#cabinets) {
      throw new LinliError("LINLI_ERR_PARCEL_NOT_STARTED", "the parcel service is not started", {
        status: 503,
      });
    }
    return { ctx: this.#ctx, cabinets: this.#cabinets };
  }

  /** The courier's or operator's deposit: a free door of the size opens, the code is shown once. */
  deposit(input: ParcelDepositRequest): ParcelDepositResponse {
    const { ctx } = this.#started;
    // Refused before a door opens when the store cannot record it (a full disk).
    requireStoreWritable(ctx.db);
    if (input.requestId !== undefined) this.#refuseRepeat(input.requestId);
    const lastFour = phoneLastFour(input.phone);
    if (!/^[0-9]{4}$/.test(lastFour)) {
      throw new LinliError("LINLI_ERR_PARCEL_BAD_PHONE", "phone must have at least 4 digits", {
        status: 400,
      });
    }
    this.reconcile();
    const { locker, board, lock, size } = freeParcelDoor(ctx, {
      size: input.size,
      deviceId: input.deviceId,
      held: this.#rows.heldDoors(),
      isCabinetDoor: (door) =>
        this.#started.cabinets.isCabinetDoor(door.deviceId, door.board, door.lock),
    });
    const id = randomUUID();
    const jobId = `parcel-${id}-deposit`;
    const { code, hash } = ctx.hasher.newCode((candidate) => this.#rows.codeInUse(candidate));
    const at = ctx.now();
    const deadline = new Date(
      at.getTime() + (input.overdueAfterHours ?? this.#options.overdueAfterHours ?? 72) * HOUR_MS,
    );
    const row: ParcelRow = {
      id,
      device_id: locker.id,
      board,
      lock,
      size,
      code_hash: hash,
      phone_last_four: lastFour,
      carrier: input.carrier,
      state: "depositing",
      request_id: input.requestId ?? null,
      deposit_job_id: jobId,
      pickup_job_id: null,
      pickup_attempts: 0,
      deposited_at: at.toISOString(),
      deadline_at: deadline.toISOString(),
      picked_up_at: null,
      overdue_reported_at: null,
      updated_at: at.toISOString(),
    };
    // The door's job is recorded with the parcel and runs only once this commits.
    recordEssential(ctx.db, () =>
      ctx.db.transaction(() => {
        locker.driver.openDoor(board, lock, { jobId });
        this.#rows.insert(row);
        ctx.outbox.add(
          "parcel.deposited",
          {
            parcelId: id,
            deviceId: locker.id,
            board,
            lock,
            size,
            carrier: input.carrier,
            jobId,
            at: row.deposited_at,
            deadlineAt: row.deadline_at,
          },
          Priority.kept,
        );
      })(),
    );
    followDoor(locker, jobId, (job) => this.#apply(job), ctx.log);
    return {
      parcelId: id,
      pickupCode: code,
      pickupQr: pickupQrOf(code),
      door: { deviceId: locker.id, board, lock, size },
      jobId,
      deadlineAt: row.deadline_at,
    };
  }

  /** The resident's pickup by code or QR text: the door opens once, whatever the taps. */
  async pickup(input: ParcelPickupRequest): Promise<ParcelPickupResponse> {
    const { ctx } = this.#started;
    // Refused before a door opens when the store cannot record it (a full disk).
    requireStoreWritable(ctx.db);
    const code = pickupCodeOf(input);
    const at = ctx.now();
    ctx.guard.check(at.getTime());
    this.reconcile();
    const since = new Date(at.getTime() - ctx.repeatWindowMs).toISOString();
    const parcel = this.#rows.byCode(ctx.hasher.hash(code), since);
    if (!parcel) return refuseWrongCode(ctx.guard, at.getTime(), "取件码");
    if (parcel.state === "uncertain") throw doorFailed(true);
    const locker = requireLocker(ctx.devices, parcel.device_id);
    if (parcel.state !== "waiting") return this.#answerPickup(locker, parcel, true);
    const jobId = `parcel-${parcel.id}-pickup-${parcel.pickup_attempts + 1}`;
    recordEssential(ctx.db, () =>
      ctx.db.transaction(() => {
        ctx.guard.right(at.getTime());
        locker.driver.openDoor(parcel.board, parcel.lock, { jobId });
        this.#rows.move(parcel.id, "waiting", "opening", {
          pickup_job_id: jobId,
          countPickup: true,
        });
      })(),
    );
    followDoor(locker, jobId, (job) => this.#apply(job), ctx.log);
    return this.#answerPickup(locker, this.#rows.get(parcel.id) ?? parcel, false);
  }

  /** Every locker bank's doors for the resident's drawing; no parcel or loan data. */
  layout(): LockerLayoutResponse {
    const { ctx, cabinets } = this.#started;
    const isCabinetDoor = cabinets.isCabinetDoor.bind(cabinets);
    const items = lockers(ctx.devices).map((locker) => ({
      deviceId: locker.id,
      doors: layoutOf(locker, isCabinetDoor, ctx.defaultSize),
    }));
    return { items };
  }

  list(query: ParcelListQuery = {}): ParcelListResponse {
    const { ctx } = this.#started;
    try {
      this.reconcile();
    } catch (error) {
      // A listing is a read: a store that cannot take the settling now leaves it for later.
      if (!reportStoreFailure(ctx.db, error)) throw error;
    }
    const now = ctx.now();
    const rows = this.#rows.list(query.state ?? "waiting", now, query.limit ?? 100);
    return { items: rows.map((row) => toSummary(row, now)) };
  }

  /** Reports newly overdue parcels upstream, once each; returns how many. */
  reportOverdue(): number {
    return reportOverdueParcels(this.#started.ctx, this.#rows);
  }

  borrow(input: CabinetBorrowRequest = {}): Promise<CabinetBorrowResponse> {
    return this.#started.cabinets.borrow(input);
  }

  giveBack(code: string): Promise<CabinetReturnResponse> {
    return this.#started.cabinets.giveBack(code);
  }

  stockCabinet(input: CabinetStockRequest): CabinetStockResponse {
    return this.#started.cabinets.stock(input);
  }

  /** Settles parcels and loans whose door job ended while nobody waited. */
  reconcile(): void {
    const { ctx, cabinets } = this.#started;
    for (const row of this.#rows.awaitingDoors()) {
      const jobId = row.state === "depositing" ? row.deposit_job_id : row.pickup_job_id;
      const job = jobId === null ? undefined : ctx.jobs.get(jobId);
      if (job) this.#apply(job);
    }
    cabinets.reconcile();
  }

  async #answerPickup(
    locker: Locker,
    parcel: ParcelRow,
    repeated: boolean,
  ): Promise<ParcelPickupResponse> {
    const { ctx } = this.#started;
    const jobId = parcel.pickup_job_id ?? "";
    const state =
      parcel.state === "picked_up"
        ? "opened"
        : await awaitDoor(locker, jobId, {
            waitMs: ctx.doorWaitMs,
            jobs: ctx.jobs,
            apply: (job) => this.#apply(job),
          });
    const number = doorNumber(locker, parcel.board, parcel.lock);
    return {
      parcelId: parcel.id,
      jobId,
      door: doorOf(locker, parcel.board, parcel.lock, ctx.defaultSize),
      state,
      repeated,
      message:
        state === "opened"
          ? `${number} 号柜门已打开，请取件后关好柜门`
          : `${number} 号柜门正在打开，请稍候`,
    };
  }

  /** Moves a parcel (or loan) on once its door job settled; safe to call again. */
  #apply(job: Job): void {
    const { ctx, cabinets } = this.#started;
    if (!settleParcelJob(ctx, this.#rows, job)) cabinets.applyDoorJob(job);
  }

  #settled(jobId: string): void {
    this.#safely(() => {
      const job = this.#ctx?.jobs.get(jobId);
      if (job) this.#apply(job);
    });
  }

  #scanned(scannerId: string, text: string): void {
    const code = codeInQr(text);
    if (code === undefined || !this.#ctx) return;
    this.pickup({ code }).then(
      (result) => this.emit("scanPickup", { ok: true, result, scannerId }),
      (error: unknown) => {
        if (!(error instanceof LinliError)) {
          this.#ctx?.log.error({ err: error }, "a scanned pickup failed");
        }
        const refusal =
          error instanceof LinliError
            ? { ...error.toJSON() }
            : { code: "LINLI_ERR_PARCEL_INTERNAL", message: "取件没有成功，请联系工作人员" };
        this.emit("scanPickup", { ok: false, error: refusal, scannerId });
      },
    );
  }

  #doorReported(deviceId: string, type: string, data: Record<string, unknown>): void {
    this.#safely(() => {
      const { ctx, cabinets } = this.#started;
      const { board, lock, openForMs } = data;
      if (!isDoorEvent(type) || typeof board !== "number" || typeof lock !== "number") return;
      const at = ctx.now();
      const since = new Date(at.getTime() - ctx.repeatWindowMs).toISOString();
      recordDoorEvent(ctx.db, ctx.outbox, {
        deviceId,
        board,
        lock,
        type,
        parcelId: this.#rows.atDoor(deviceId, board, lock, since)?.id ?? null,
        loanId: cabinets.loanAtDoor({ deviceId, board, lock }, since) ?? null,
        openForMs: typeof openForMs === "number" ? openForMs : null,
        at: at.toISOString(),
      });
    });
  }

  #refuseRepeat(requestId: string): void {
    const parcel = this.#rows.byRequest(requestId);
    if (!parcel) return;
    throw new LinliError(
      "LINLI_ERR_PARCEL_DUPLICATE_REQUEST",
      `this deposit was already made as parcel ${parcel.id}; its code was shown then, and no door opens again`,
      { status: 409, details: { parcelId: parcel.id } },
    );
  }

  #safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      // A full store is logged once by its health, not once per door report.
      if (reportStoreFailure(this.#options.db, error)) return;
      this.#ctx?.log.error({ err: error }, "parcel service background step failed");
    }
  }
}
