/**
 * Test support: the operator services on a fresh SQLite store with the
 * operator migration, a movable clock, and a small fastify app with the
 * operator routes (the agent's HTTP setup: TypeBox, error handlers,
 * ErrorResponse). Devices are the caller's: fakes, or a real DeviceManager on
 * the rig's store. Used by the route tests and the integration tests.
 */
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { LinliError } from "@linli/protocols";
import { ErrorResponse } from "@linli/protocols/api";
import Fastify, { type LightMyRequestResponse } from "fastify";
import { SimulatedSerialBinding } from "../bindings/serial-simulated.js";
import { EventBus } from "../bus.js";
import {
  type Device,
  type DeviceEvents,
  type DeviceHealth,
  initialHealth,
} from "../devices/device.js";
import { type Job, JobStore } from "../devices/jobs/job-store.js";
import type { DeviceSummary } from "../devices/manager.js";
import { PrinterDriver } from "../devices/printer/printer-driver.js";
import { printerProfile } from "../devices/printer/testing.js";
import { SerialTransport } from "../devices/transports/serial.js";
import { registerErrorHandlers } from "../http/errors.js";
import { operatorRoutes } from "../http/routes/operator-routes.js";
import type { HttpApp } from "../http/types.js";
import { createLogger } from "../log.js";
import { MIGRATIONS, Store } from "../store/index.js";
import { Outbox } from "../uplink/outbox.js";
import { OperatorActions, type OperatorDevices } from "./actions.js";
import { OperatorAudit } from "./audit.js";
import { OperatorAuth, type OperatorAuthOptions } from "./auth.js";
import { SESSION_COOKIE } from "./cookie.js";
import { EventLog } from "./event-log.js";

export const TEST_PIN = "246810";
/** scrypt of TEST_PIN, made once by hashPin (about 50 ms a hash). */
export const TEST_PIN_HASH =
  "scrypt$16384$8$1$0w//aFtloW3PlAPD0pz/8w==$P8HYlgiefJICWISQuLEwpd9BSMriHVBY1DSMdB41bho=";

export interface TestClock {
  now: number;
  advance(ms: number): void;
}

export interface OperatorRigContext {
  store: Store;
  jobs: JobStore;
  bus: EventBus;
}

export interface OperatorRigOptions {
  /** The devices the operator acts on; none by default. */
  devices?: (context: OperatorRigContext) => OperatorDevices | Promise<OperatorDevices>;
  /** `operator.pinHash`; TEST_PIN_HASH by default, null for none configured. */
  pinHash?: string | null;
  /** Believe X-Forwarded-Proto (to test the Secure cookie over "https"). */
  trustProxy?: boolean;
  auth?: Partial<Pick<OperatorAuthOptions, "sessions" | "lockout">>;
  /** More route plugins under /api/v1 (the events WebSocket, …). */
  routes?: (context: OperatorRigContext) => ((api: HttpApp) => Promise<void>)[];
}

export interface OperatorRig extends OperatorRigContext {
  app: HttpApp;
  outbox: Outbox;
  events: EventLog;
  audit: OperatorAudit;
  auth: OperatorAuth;
  actions: OperatorActions;
  clock: TestClock;
  /** Logs in with TEST_PIN; the Cookie header to send. */
  login(): Promise<string>;
  /** app.inject under /api/v1, with a Cookie header when given. */
  get(url: string, cookie?: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: object, cookie?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function operatorRig(options: OperatorRigOptions = {}): Promise<OperatorRig> {
  const path = join(mkdtempSync(join(tmpdir(), "linli-operator-")), "linli.db");
  const log = createLogger({ level: "silent" });
  const store = new Store(path, log, MIGRATIONS);
  store.start();
  const bus = new EventBus();
  const jobs = new JobStore(store.db);
  const clock: TestClock = {
    now: Date.parse("2024-06-03T08:00:00Z"),
    advance(ms) {
      this.now += ms;
    },
  };
  const outbox = new Outbox(store.db);
  const events = new EventLog({ db: store.db, bus });
  events.start();
  const audit = new OperatorAudit({ db: store.db, outbox, eventLog: events });
  const pinHash = options.pinHash === undefined ? TEST_PIN_HASH : (options.pinHash ?? undefined);
  const auth = new OperatorAuth({
    db: store.db,
    pinHash: () => pinHash,
    audit,
    now: () => clock.now,
    ...options.auth,
  });
  auth.start();
  const devices = (await options.devices?.({ store, jobs, bus })) ?? {
    list: () => [],
    require: (id: string) => {
      throw new LinliError("LINLI_ERR_DEVICE_NOT_FOUND", `no device "${id}"`, { status: 404 });
    },
  };
  const actions = new OperatorActions({ devices, jobs, audit });

  const app: HttpApp = Fastify({
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(app, { appShell: false });
  await app.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
  });
  app.addSchema(ErrorResponse);
  await app.register(
    async (api) => {
      await api.register(operatorRoutes({ auth, actions, devices, events }));
      for (const routes of options.routes?.({ store, jobs, bus }) ?? []) await api.register(routes);
      api.get("/docs/json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: "/api/v1" },
  );
  await app.ready();
  const headers = (cookie?: string) => (cookie === undefined ? {} : { headers: { cookie } });

  return {
    store,
    jobs,
    bus,
    app,
    outbox,
    events,
    audit,
    auth,
    actions,
    clock,
    async login() {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/operator/login",
        payload: { pin: TEST_PIN },
      });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      const cookie = String(response.headers["set-cookie"]).split(";")[0] ?? "";
      if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error("no session cookie");
      return cookie;
    },
    get: (url, cookie) => app.inject({ method: "GET", url: `/api/v1${url}`, ...headers(cookie) }),
    post: (url, payload, cookie) =>
      app.inject({
        method: "POST",
        url: `/api/v1${url}`,
        ...(payload === undefined ? {} : { payload }),
        ...headers(cookie),
      }),
    async close() {
      await app.close();
      auth.stop();
      events.stop();
      store.stop();
    },
  };
}

export interface FakeDevices {
  devices: OperatorDevices;
  locker: FakeLocker;
  printer: PrinterDriver;
}

/** A fake locker "lockers-1" and a real, never started printer driver "printer-1". */
export function fakeDevices(jobs: JobStore): FakeDevices {
  const locker = new FakeLocker("lockers-1", jobs);
  const printer = new PrinterDriver({
    id: "printer-1",
    profile: printerProfile(),
    transport: new SerialTransport(new SimulatedSerialBinding(), {
      path: "/dev/ttyNONE",
      baudRate: 9600,
    }),
    jobs,
    log: createLogger({ level: "silent" }),
  });
  const all: Device[] = [locker, printer];
  const devices: OperatorDevices = {
    list: () => all.map(fakeSummary),
    require: (id) => {
      const device = all.find((candidate) => candidate.id === id);
      if (!device) {
        throw new LinliError("LINLI_ERR_DEVICE_NOT_FOUND", `no device "${id}"`, { status: 404 });
      }
      return { device };
    },
  };
  return { devices, locker, printer };
}

/** A device list entry for a fake device, complete enough for the response schema. */
export function fakeSummary(device: Device): DeviceSummary {
  return {
    id: device.id,
    profileId: device.profileId,
    family: device.family,
    vendor: "Test",
    model: "Fake",
    transport: "nowhere",
    source: "config",
    health: device.health,
    // A fake has no profile; the response schema takes any capabilities object.
    capabilities: {} as DeviceSummary["capabilities"],
    exposes: [],
  };
}

/**
 * A locker that records door opens as jobs (idempotent by job id, like the
 * real driver) without a bus; 2 boards of 16 locks.
 */
export class FakeLocker extends EventEmitter<DeviceEvents> implements Device {
  readonly profileId = "fake-locker";
  readonly family = "locker" as const;
  readonly health: DeviceHealth = { ...initialHealth(), state: "ready", connected: true };
  readonly opened: { board: number; lock: number }[] = [];
  readonly id: string;
  readonly #jobs: JobStore;

  constructor(id: string, jobs: JobStore) {
    super();
    this.id = id;
    this.#jobs = jobs;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  openDoor(board: number, lock: number, options: { jobId?: string } = {}): Job {
    const existing = options.jobId === undefined ? undefined : this.#jobs.get(options.jobId);
    if (existing) return existing;
    if (board > 2 || lock > 16) {
      throw new LinliError("LINLI_ERR_LOCKER_BAD_DOOR", `no board ${board} lock ${lock}`, {
        status: 400,
      });
    }
    this.opened.push({ board, lock });
    return this.#jobs.create(this.id, "door_open", { board, lock }, options.jobId);
  }
}
