/**
 * The parcel-locker driver: one RS-485 bus of boards speaking the 8A/80 or
 * the KR-CU16 protocol (an adapter each), door opens as durable jobs, door
 * monitoring by polling (plus the 8A's change reports), and health.
 *
 * Jobs and crash recovery live in door-jobs.ts; the open itself in door-open.ts.
 */
import { EventEmitter } from "node:events";
import type { LockerProfile } from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import { createLogger, type Logger } from "../../log.js";
import { type Device, type DeviceEvents, type DeviceHealth, initialHealth } from "../device.js";
import type { JobStore } from "../jobs/job-store.js";
import type { Transport } from "../transport.js";
import { board8aAdapter } from "./board8a-adapter.js";
import { type EchoMode, LockerBus } from "./bus.js";
import { DoorBook, type DoorDetail } from "./door-book.js";
import { DoorJobs, type DoorOpenJob } from "./door-jobs.js";
import type { DoorOpenResult, DoorOpenSteps } from "./door-open.js";
import { krCu16Adapter } from "./krcu16-adapter.js";
import { doorsIn, type LockerAnswer, type LockerProtocolAdapter } from "./protocol.js";

export const LOCKER_DEFAULTS = {
  echo: "auto" as EchoMode,
  replyTimeoutMs: 500,
  pollIntervalMs: 1_000,
  leftOpenAfterMs: 120_000,
  openRetries: 2,
  statusAttempts: 2,
  reconnectWaitMs: 5_000,
};

export interface LockerDriverOptions extends Partial<typeof LOCKER_DEFAULTS> {
  readonly id: string;
  readonly profile: LockerProfile;
  readonly transport: Transport;
  readonly jobs: JobStore;
  readonly log?: Logger;
  /** Wire address of board 1 (8A: 1, KR-CU16: 0 unless set). */
  readonly firstBoardAddress?: number;
}

export function lockerAdapterFor(
  profile: LockerProfile,
  firstAddress?: number,
): LockerProtocolAdapter {
  const layout = {
    boards: profile.capabilities.boards,
    locksPerBoard: profile.capabilities.locksPerBoard,
    ...(firstAddress === undefined ? {} : { firstAddress }),
  };
  return profile.protocol === "lock-8a" ? board8aAdapter(layout) : krCu16Adapter(layout);
}

export class LockerDriver extends EventEmitter<DeviceEvents> implements Device {
  readonly id: string;
  readonly profileId: string;
  readonly family = "locker" as const;
  readonly adapter: LockerProtocolAdapter;
  readonly #settings: typeof LOCKER_DEFAULTS;
  readonly #profile: LockerProfile;
  readonly #transport: Transport;
  readonly #jobs: DoorJobs;
  readonly #log: Logger;
  readonly #bus: LockerBus;
  readonly #doors: DoorBook;
  readonly #health: DeviceHealth = initialHealth();
  readonly #reconnectWaiters = new Set<() => void>();
  #published = "";
  #running = false;
  #answering: boolean | undefined;
  #ready: Promise<void> = Promise.resolve();
  #markReady: () => void = () => {};
  #pollTimer: NodeJS.Timeout | undefined;
  #poll: Promise<void> | undefined;
  #lastPollAt: string | null = null;

  constructor(options: LockerDriverOptions) {
    super();
    this.id = options.id;
    this.profileId = options.profile.id;
    this.#profile = options.profile;
    this.#transport = options.transport;
    this.#log = (options.log ?? createLogger({ level: "silent" })).child({ device: options.id });
    this.#settings = settingsOf(options);
    this.adapter = lockerAdapterFor(options.profile, options.firstBoardAddress);
    this.#bus = new LockerBus(this.#transport, this.adapter, this.#settings);
    this.#doors = new DoorBook(this.#settings.leftOpenAfterMs, (type, data) =>
      this.emit("event", type, data),
    );
    const steps: DoorOpenSteps = {
      bus: this.#bus,
      retries: this.#settings.openRetries,
      statusAttempts: this.#settings.statusAttempts,
      reconnected: () => this.#reconnected(),
      told: () => {},
      heard: (answer) => this.#apply(answer),
    };
    this.#jobs = new DoorJobs({
      deviceId: options.id,
      jobs: options.jobs,
      log: this.#log,
      steps,
      linkUp: () => this.#transport.connected,
      ready: () => this.#ready,
      settled: (job, outcome) => this.#settled(job, outcome),
    });
  }

  get health(): DeviceHealth {
    return structuredClone(this.#health);
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#jobs.start();
    this.#ready = new Promise((resolve) => {
      this.#markReady = resolve;
    });
    this.#bus.on("unsolicited", this.#onUnsolicited);
    this.#bus.on("heard", this.#onHeard);
    this.#bus.on("echo", this.#onEcho);
    this.#transport.on("connected", this.#onConnected);
    this.#transport.on("disconnected", this.#onDisconnected);
    this.#transport.on("fault", this.#onFault);
    this.#bus.start();
    await this.#transport.start();
    this.#schedulePoll();
    this.#publish();
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    clearTimeout(this.#pollTimer);
    this.#bus.stop();
    for (const wake of this.#reconnectWaiters) wake();
    await this.#jobs.stop();
    await this.#poll;
    this.#bus.off("unsolicited", this.#onUnsolicited);
    this.#bus.off("heard", this.#onHeard);
    this.#bus.off("echo", this.#onEcho);
    this.#transport.off("connected", this.#onConnected);
    this.#transport.off("disconnected", this.#onDisconnected);
    this.#transport.off("fault", this.#onFault);
    await this.#transport.stop();
    this.#answering = undefined;
    this.#publish();
  }

  /**
   * Opens a door as a durable job, recorded before anything is sent, and
   * returns it at once (state `queued`); `whenSettled` waits for its end.
   * The same jobId again returns the job it names and opens nothing.
   */
  openDoor(board: number, lock: number, options: { jobId?: string } = {}): DoorOpenJob {
    const { boards, locksPerBoard } = this.#profile.capabilities;
    if (!isIn(board, boards) || !isIn(lock, locksPerBoard)) {
      throw new LinliError(
        "LINLI_ERR_LOCKER_BAD_DOOR",
        `${this.id} has boards 1–${boards} with locks 1–${locksPerBoard}; there is no board ${board} lock ${lock}`,
        { status: 400, details: { board, lock } },
      );
    }
    return this.#jobs.open(board, lock, options.jobId);
  }

  /** Resolves with the job once it is done, failed or uncertain. */
  whenSettled(jobId: string): Promise<DoorOpenJob> {
    return this.#jobs.whenSettled(jobId);
  }

  /** Asks every board now and returns what is known of the doors. */
  async queryDoors(): Promise<DoorDetail> {
    await this.#pollOnce();
    return this.#doors.detail();
  }

  #settled(job: DoorOpenJob, outcome: DoorOpenResult): void {
    const { board, lock } = job.payload;
    if (outcome.state === "done") this.#doors.clearJammed(board, lock);
    else {
      if (outcome.reason === "jammed") this.#doors.markJammed(board, lock);
      this.#health.errorCount += 1;
      this.#health.lastError = outcome.message;
      this.#log.warn({ jobId: job.id, board, lock, state: outcome.state }, outcome.message);
    }
    this.#publish();
  }

  // --- the link and door monitoring ----------------------------------------------------

  readonly #onConnected = () => {
    for (const wake of this.#reconnectWaiters) wake();
    void this.#afterConnect();
  };

  readonly #onDisconnected = (reason: string) => {
    this.#log.warn({ reason }, "the locker bus went away");
    this.#answering = undefined;
    this.#publish();
  };

  readonly #onFault = (error: Error) => this.#log.warn({ err: error }, "locker transport fault");

  readonly #onUnsolicited = (answer: LockerAnswer) => {
    if (answer.kind === "door" && answer.unsolicited) this.#apply(answer);
  };

  readonly #onHeard = () => {
    this.#health.lastSeen = new Date().toISOString();
    if (this.#answering !== true) {
      this.#answering = true;
      this.#publish();
    }
  };

  readonly #onEcho = (detected: boolean | undefined) => {
    if (detected !== undefined) this.#log.info({ echo: detected }, "learned the adapter's echo");
    this.#publish();
  };

  /** Probe (the echo shows before a query's reply), first poll, then crash recovery. */
  async #afterConnect(): Promise<void> {
    await this.#bus.request({ kind: "lock-status", board: 1, lock: 1 }).then((outcome) => {
      if (outcome.kind === "answer") this.#apply(outcome.answer);
    });
    await this.#pollOnce();
    if (this.#jobs.recoveryPending) {
      // A settling the store cannot record (a full disk) must not keep the locker from serving.
      await this.#jobs.recover().catch((error: unknown) => {
        this.#log.error({ err: error }, "could not settle the door opens a crash left running");
      });
    }
    this.#markReady();
  }

  #reconnected(): Promise<boolean> {
    if (this.#transport.connected) return Promise.resolve(true);
    if (!this.#running) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#reconnectWaiters.delete(wake);
        resolve(this.#running && this.#transport.connected);
      };
      const timer = setTimeout(wake, this.#settings.reconnectWaitMs);
      this.#reconnectWaiters.add(wake);
    });
  }

  #schedulePoll(): void {
    if (!this.#running) return;
    this.#pollTimer = setTimeout(async () => {
      await this.#pollOnce();
      this.#schedulePoll();
    }, this.#settings.pollIntervalMs);
  }

  /** One status request per board; a poll already under way is joined, not doubled. */
  #pollOnce(): Promise<void> {
    this.#poll ??= this.#pollBoards().finally(() => {
      this.#poll = undefined;
    });
    return this.#poll;
  }

  async #pollBoards(): Promise<void> {
    if (this.#transport.connected) {
      let answered = 0;
      for (let board = 1; board <= this.#profile.capabilities.boards; board += 1) {
        const outcome = await this.#bus.request({ kind: "board-status", board });
        if (outcome.kind === "answer") {
          answered += 1;
          this.#apply(outcome.answer);
        }
        if (outcome.kind !== "answer" && outcome.reason === "stopped") return;
      }
      this.#lastPollAt = new Date().toISOString();
      if (answered === 0 && this.#answering !== false && this.#transport.connected) {
        this.#answering = false;
        this.#health.errorCount += 1;
        this.#health.lastError = "no board on the locker bus answers a status query";
        this.#log.warn("no board on the locker bus answers");
      }
    }
    this.#doors.checkLeftOpen();
    this.#publish();
  }

  #apply(answer: LockerAnswer): void {
    for (const { board, lock, open } of doorsIn(answer)) {
      if (lock <= this.#profile.capabilities.locksPerBoard) this.#doors.apply(board, lock, open);
    }
    this.#publish();
  }

  #publish(): void {
    const health = this.#health;
    const online = this.#transport.connected && this.#answering === true;
    health.connected = this.#transport.connected;
    health.state = !online
      ? "offline"
      : this.#doors.anyJammed
        ? "jammed"
        : this.#doors.anyOpen
          ? "door_open"
          : "ready";
    health.detail = {
      protocol: this.adapter.protocol,
      boards: this.#profile.capabilities.boards,
      locksPerBoard: this.#profile.capabilities.locksPerBoard,
      ...this.#doors.detail(),
      echo: { mode: this.#settings.echo, detected: this.#bus.echoDetected ?? null },
      lastPollAt: this.#lastPollAt,
    };
    // lastSeen and the poll time move every poll; only a real change is news.
    const { lastSeen: _seen, ...rest } = health;
    const fingerprint = JSON.stringify({ ...rest, detail: { ...rest.detail, lastPollAt: null } });
    if (fingerprint === this.#published) return;
    this.#published = fingerprint;
    this.emit("health", this.health);
  }
}

function settingsOf(options: LockerDriverOptions): typeof LOCKER_DEFAULTS {
  const settings = { ...LOCKER_DEFAULTS };
  for (const key of Object.keys(LOCKER_DEFAULTS) as (keyof typeof LOCKER_DEFAULTS)[]) {
    const value = options[key];
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  return settings;
}

function isIn(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}
