import type { DoorSize } from "@linli/device-profiles";
import type { JobStore } from "../../devices/jobs/job-store.js";
import type { Logger } from "../../log.js";
import type { SqliteDatabase } from "../../store/index.js";
import type { CodeGuard } from "./code-guard.js";
import type { CodeHasher } from "./codes.js";
import type { ServiceDevices, ServiceOutbox } from "./types.js";

/** What the parcel and cabinet halves of the service share once started. */
export interface DoorServiceContext {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly devices: ServiceDevices;
  readonly jobs: JobStore;
  readonly hasher: CodeHasher;
  readonly guard: CodeGuard;
  readonly log: Logger;
  readonly now: () => Date;
  /** The size of a door whose profile gives none. */
  readonly defaultSize: DoorSize;
  /** How long an answer waits for the door to confirm it opened. */
  readonly doorWaitMs: number;
  /** How long after a door opened the same code answers again without opening it. */
  readonly repeatWindowMs: number;
}
