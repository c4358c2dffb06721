/**
 * Shared cabinets (共享童车柜): doors of a locker set aside for things to
 * borrow. Borrowing opens a door with an item in it and gives a return code;
 * returning with that code opens an empty door (the one it came from when it
 * is free). Whether a door holds an item is kept here (table cabinet_doors):
 * the locker driver reports doors, not its item sensors, so a door counts as
 * holding an item once a return opened it, as empty once a borrow opened it,
 * and an operator corrects it after restocking. A cabinet is taken to be
 * installed full: its doors start with an item.
 */
import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type {
  CabinetBorrowRequest,
  CabinetBorrowResponse,
  CabinetReturnResponse,
  CabinetStockRequest,
  CabinetStockResponse,
} from "@linli/protocols/api";
import type { Job } from "../../devices/jobs/job-store.js";
import { recordEssential, requireStoreWritable } from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import { refuseWrongCode } from "./code-guard.js";
import type { DoorServiceContext } from "./context.js";
import {
  allDoors,
  awaitDoor,
  type DoorPlace,
  doorFailed,
  doorNumber,
  doorOf,
  followDoor,
  type Locker,
  lockerOf,
  requireLocker,
  usableNow,
} from "./doors.js";
import { type LoanRow, LoanRows } from "./loan-rows.js";
import type { CabinetConfig } from "./types.js";

export class Cabinets {
  readonly #ctx: DoorServiceContext;
  readonly #config: readonly CabinetConfig[];
  readonly #loans: LoanRows;

  constructor(ctx: DoorServiceContext, config: readonly CabinetConfig[]) {
    this.#ctx = ctx;
    this.#config = config;
    this.#loans = new LoanRows(ctx.db);
  }

  isCabinetDoor(deviceId: string, board: number, lock: number): boolean {
    const cabinet = this.#config.find((one) => one.deviceId === deviceId);
    return cabinet !== undefined && (!cabinet.doors || cabinet.doors.includes(`${board}-${lock}`));
  }

  loanAtDoor(door: DoorPlace, since: string): string | undefined {
    return this.#loans.atDoor(door, since)?.id;
  }

  async borrow(input: CabinetBorrowRequest): Promise<CabinetBorrowResponse> {
    const { db, outbox, hasher, now } = this.#ctx;
    // Refused before a door opens when the store cannot record the loan (a full disk).
    requireStoreWritable(db);
    if (input.requestId !== undefined) this.#refuseRepeat(input.requestId);
    this.reconcile();
    const found = this.#cabinets(input.cabinetDeviceId)
      .flatMap((cabinet) => this.#withItem(cabinet))
      .at(0);
    if (!found) {
      throw new LinliError(
        "LINLI_ERR_CABINET_EMPTY",
        "现在没有可借的物品，请稍后再来或联系工作人员",
        {
          status: 409,
        },
      );
    }
    const { locker, board, lock } = found;
    const id = randomUUID();
    const jobId = `loan-${id}-borrow`;
    const { code, hash } = hasher.newCode((candidate) => this.#loans.codeInUse(candidate));
    const at = now().toISOString();
    recordEssential(db, () =>
      db.transaction(() => {
        locker.driver.openDoor(board, lock, { jobId });
        this.#loans.insert({
          id,
          device_id: locker.id,
          board,
          lock,
          code_hash: hash,
          state: "opening",
          request_id: input.requestId ?? null,
          borrow_job_id: jobId,
          borrowed_at: at,
          updated_at: at,
        });
        this.#setItem({ deviceId: locker.id, board, lock }, false);
        outbox.add(
          "cabinet.borrowed",
          { loanId: id, deviceId: locker.id, board, lock, jobId, at },
          Priority.kept,
        );
      })(),
    );
    followDoor(locker, jobId, (job) => this.applyDoorJob(job), this.#ctx.log);
    const door = doorOf(locker, board, lock, this.#ctx.defaultSize);
    try {
      const state = await this.#await(locker, jobId);
      const number = doorNumber(locker, board, lock);
      const message = `${number} 号柜门已打开，请取出物品并关好柜门；归还码 ${code}，请记好`;
      return { loanId: id, returnCode: code, door, jobId, state, message };
    } catch (error) {
      // A door that may have opened: the resident may be holding the item, so they keep the code.
      if (error instanceof LinliError && error.code === "LINLI_ERR_PARCEL_DOOR_UNCERTAIN") {
        throw new LinliError(error.code as `LINLI_ERR_${string}`, error.message, {
          status: error.status,
          details: { loanId: id, returnCode: code, door },
        });
      }
      throw error;
    }
  }

  async giveBack(code: string): Promise<CabinetReturnResponse> {
    const { db, guard, hasher, now } = this.#ctx;
    requireStoreWritable(db);
    const at = now();
    guard.check(at.getTime());
    this.reconcile();
    const since = new Date(at.getTime() - this.#ctx.repeatWindowMs).toISOString();
    const loan = this.#loans.byCode(hasher.hash(code), since);
    if (!loan) return refuseWrongCode(guard, at.getTime(), "归还码");
    // A borrow whose door may have opened: a resident with the code has the item, so take it back.
    const borrowUncertain = loan.state === "uncertain" && loan.return_job_id === null;
    if (loan.state === "uncertain" && !borrowUncertain) throw doorFailed(true);
    if (loan.state !== "out" && !borrowUncertain) return this.#answerReturn(loan, true);
    const target = this.#returnDoor(loan);
    const jobId = `loan-${loan.id}-return-${loan.return_attempts + 1}`;
    recordEssential(db, () =>
      db.transaction(() => {
        guard.right(at.getTime());
        target.locker.driver.openDoor(target.board, target.lock, { jobId });
        this.#loans.startReturn(loan.id, { ...target, deviceId: target.locker.id }, jobId);
      })(),
    );
    followDoor(target.locker, jobId, (job) => this.applyDoorJob(job), this.#ctx.log);
    return this.#answerReturn(this.#loans.require(loan.id), false);
  }

  stock(input: CabinetStockRequest): CabinetStockResponse {
    const { board, lock, deviceId, itemPresent } = input;
    const locker = requireLocker(this.#ctx.devices, deviceId);
    if (!this.isCabinetDoor(deviceId, board, lock) || !this.#exists(locker, board, lock)) {
      throw new LinliError(
        "LINLI_ERR_CABINET_NOT_FOUND",
        `${deviceId} has no shared-cabinet door on board ${board} lock ${lock}; see the cabinets config`,
        { status: 404 },
      );
    }
    this.#ctx.db.transaction(() => {
      this.#seed(locker);
      this.#setItem({ deviceId, board, lock }, itemPresent);
      this.#ctx.outbox.add(
        "cabinet.stocked",
        { deviceId, board, lock, itemPresent, at: this.#ctx.now().toISOString() },
        Priority.normal,
      );
    })();
    return { door: doorOf(locker, board, lock, this.#ctx.defaultSize), itemPresent };
  }

  /** Moves a loan on once its door job settled; safe to call again. */
  applyDoorJob(job: Job): void {
    const loan = this.#loans.byJob(job.id);
    if (!loan || !["done", "failed", "uncertain"].includes(job.state)) return;
    const { db, outbox, now } = this.#ctx;
    const at = now().toISOString();
    const event = { loanId: loan.id, jobId: job.id, at };
    db.transaction(() => {
      if (job.id === loan.borrow_job_id && loan.state === "opening") {
        const to =
          job.state === "done" ? "out" : job.state === "failed" ? "cancelled" : "uncertain";
        if (!this.#loans.move(loan.id, "opening", to)) return;
        if (to === "cancelled") this.#setItem(loan, true);
        if (to !== "out") outbox.add(`cabinet.borrow_${to}`, event, Priority.kept);
      }
      if (job.id === loan.return_job_id && loan.state === "returning") {
        const to = job.state === "done" ? "returned" : job.state === "failed" ? "out" : "uncertain";
        if (!this.#loans.move(loan.id, "returning", to, to === "returned" ? at : null)) return;
        if (to === "returned") {
          this.#setItem(returnPlace(loan), true);
          outbox.add("cabinet.returned", { ...event, ...returnPlace(loan) }, Priority.kept);
        } else outbox.add(`cabinet.return_${to === "out" ? "failed" : to}`, event, Priority.kept);
      }
    })();
  }

  /** Settles loans whose door job ended while nobody waited (e.g. across a restart). */
  reconcile(): void {
    for (const jobId of this.#loans.awaitingJobs()) {
      const job = this.#ctx.jobs.get(jobId);
      if (job) this.applyDoorJob(job);
    }
  }

  async #answerReturn(loan: LoanRow, repeated: boolean): Promise<CabinetReturnResponse> {
    const place = returnPlace(loan);
    const locker = requireLocker(this.#ctx.devices, place.deviceId);
    const jobId = loan.return_job_id ?? "";
    const state = loan.state === "returned" ? "opened" : await this.#await(locker, jobId);
    const number = doorNumber(locker, place.board, place.lock);
    return {
      loanId: loan.id,
      door: doorOf(locker, place.board, place.lock, this.#ctx.defaultSize),
      jobId,
      state,
      repeated,
      message: `${number} 号柜门已打开，请放回物品并关好柜门，谢谢`,
    };
  }

  #await(locker: Locker, jobId: string): Promise<"opened" | "opening"> {
    return awaitDoor(locker, jobId, {
      waitMs: this.#ctx.doorWaitMs,
      jobs: this.#ctx.jobs,
      apply: (job) => this.applyDoorJob(job),
    });
  }

  #refuseRepeat(requestId: string): void {
    const loan = this.#loans.byRequest(requestId);
    if (!loan) return;
    throw new LinliError(
      "LINLI_ERR_CABINET_DUPLICATE_REQUEST",
      `this borrow was already made as loan ${loan.id}; its return code was shown then, and no door opens again`,
      { status: 409, details: { loanId: loan.id } },
    );
  }

  #cabinets(deviceId: string | undefined): CabinetConfig[] {
    const chosen = this.#config.filter(
      (one) => deviceId === undefined || one.deviceId === deviceId,
    );
    if (chosen.length === 0) {
      throw new LinliError(
        "LINLI_ERR_CABINET_NOT_FOUND",
        deviceId === undefined ? "本机没有共享柜" : `没有编号为 ${deviceId} 的共享柜`,
        { status: 404 },
      );
    }
    return chosen;
  }

  #doors(cabinet: CabinetConfig, locker: Locker): DoorPlace[] {
    return allDoors(locker).filter((door) =>
      this.isCabinetDoor(cabinet.deviceId, door.board, door.lock),
    );
  }

  #exists(locker: Locker, board: number, lock: number): boolean {
    const { boards, locksPerBoard } = locker.profile.capabilities;
    return board >= 1 && board <= boards && lock >= 1 && lock <= locksPerBoard;
  }

  #seed(locker: Locker): void {
    const cabinet = this.#config.find((one) => one.deviceId === locker.id);
    if (!cabinet) return;
    const insert = this.#ctx.db.prepare(
      "INSERT OR IGNORE INTO cabinet_doors (device_id, board, lock, item_present, updated_at) VALUES (?, ?, ?, 1, ?)",
    );
    const at = this.#ctx.now().toISOString();
    for (const door of this.#doors(cabinet, locker))
      insert.run(locker.id, door.board, door.lock, at);
  }

  #setItem(door: DoorPlace | LoanRow, present: boolean): void {
    const deviceId = "deviceId" in door ? door.deviceId : door.device_id;
    this.#ctx.db
      .prepare(
        "UPDATE cabinet_doors SET item_present = ?, updated_at = ? WHERE device_id = ? AND board = ? AND lock = ?",
      )
      .run(present ? 1 : 0, this.#ctx.now().toISOString(), deviceId, door.board, door.lock);
  }

  /** Usable cabinet doors with an item in them, in door order. */
  #withItem(cabinet: CabinetConfig): { locker: Locker; board: number; lock: number }[] {
    const locker = lockerOf(this.#ctx.devices, cabinet.deviceId);
    if (!locker) return [];
    this.#seed(locker);
    const usable = usableNow(locker);
    return this.#loans
      .doorsWithItem(locker.id, true)
      .filter((door) => this.isCabinetDoor(locker.id, door.board, door.lock))
      .filter((door) => usable(door.board, door.lock))
      .map((door) => ({ locker, ...door }));
  }

  /** The loan's own door when it is empty and free, else any empty cabinet door. */
  #returnDoor(loan: LoanRow): { locker: Locker; board: number; lock: number } {
    const reserved = this.#loans.returnDoorsInUse();
    const candidates = this.#config.flatMap((cabinet) => {
      const locker = lockerOf(this.#ctx.devices, cabinet.deviceId);
      if (!locker) return [];
      this.#seed(locker);
      const usable = usableNow(locker);
      return this.#loans
        .doorsWithItem(locker.id, false)
        .filter((door) => this.isCabinetDoor(locker.id, door.board, door.lock))
        .filter((door) => usable(door.board, door.lock))
        .filter((door) => !reserved.has(`${locker.id}/${door.board}-${door.lock}`))
        .map((door) => ({ locker, ...door }));
    });
    const own = candidates.find(
      (door) =>
        door.locker.id === loan.device_id && door.board === loan.board && door.lock === loan.lock,
    );
    const chosen = own ?? candidates[0];
    if (chosen) return chosen;
    throw new LinliError("LINLI_ERR_CABINET_FULL", "柜子暂时没有空门，请联系工作人员", {
      status: 409,
    });
  }
}

function returnPlace(loan: LoanRow): DoorPlace {
  return {
    deviceId: loan.return_device_id ?? loan.device_id,
    board: loan.return_board ?? loan.board,
    lock: loan.return_lock ?? loan.lock,
  };
}
