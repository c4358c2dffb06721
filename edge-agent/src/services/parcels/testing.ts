/**
 * Test rig for the resident services: a store file with the services'
 * migration, the outbox, a job store, the bus, and a device manager driving a
 * simulated ESC/POS printer and KR-CU16 locker buses over the in-process
 * serial binding (the real serial transport and drivers). Used by the
 * services' unit and route tests and the integration tests; not by the agent.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { loadProfiles } from "@linli/device-profiles";
import { ErrorResponse } from "@linli/protocols/api";
import Fastify from "fastify";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { EventBus } from "../../bus.js";
import type { DeviceConfig } from "../../config/index.js";
import { DRIVERS } from "../../devices/drivers.js";
import { JobStore } from "../../devices/jobs/job-store.js";
import { DeviceManager } from "../../devices/manager.js";
import { byteTransportFactories } from "../../devices/transports/factories.js";
import { registerErrorHandlers } from "../../http/errors.js";
import type { HttpApp } from "../../http/types.js";
import { createLogger } from "../../log.js";
import { KrCu16BusSimulator } from "../../simulators/lockers/krcu16-bus.js";
import { EscPosPrinterSimulator } from "../../simulators/printer/index.js";
import { MIGRATIONS, type Migration, type SqliteDatabase, Store } from "../../store/index.js";
import { Outbox } from "../../uplink/outbox.js";
import { servicesMigration } from "./migration.js";

export const PRINTER_ID = "printer-1";
export const LOCKER_ID = "lockers-1";
export const CABINET_ID = "cabinet-1";
/** KR-CU16 board 1 is wire address 0. */
export const BOARD_ADDRESS = 0;

export interface ServicesRigOptions {
  /** A printer profile id, or false for a kiosk without a printer; generic-escpos-58 by default. */
  readonly printer?: string | false;
  /** The parcel locker; true by default. */
  readonly lockers?: boolean;
  /** A second KR-CU16 bus used as a shared cabinet; false by default. */
  readonly cabinet?: boolean;
}

export interface ServicesRig {
  readonly store: Store;
  readonly db: SqliteDatabase;
  readonly jobs: JobStore;
  readonly outbox: Outbox;
  readonly bus: EventBus;
  readonly devices: DeviceManager;
  readonly printer: EscPosPrinterSimulator;
  readonly lockers: KrCu16BusSimulator;
  readonly cabinet: KrCu16BusSimulator;
  /** Outbox events of a type, oldest first. */
  events(type: string): { type: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

/**
 * The agent's migrations with the services' one: as the agent lists it once
 * it is wired in (the agent numbers it), else appended after the last.
 */
export function servicesMigrations(): Migration[] {
  if (MIGRATIONS.some((migration) => migration.name === servicesMigration.name)) {
    return [...MIGRATIONS];
  }
  const last = MIGRATIONS.at(-1)?.version ?? 0;
  return [
    ...MIGRATIONS,
    { ...servicesMigration, version: Math.max(last + 1, servicesMigration.version) },
  ];
}

export function tempStorePath(): string {
  return join(mkdtempSync(join(tmpdir(), "linli-services-")), "linli.db");
}

export async function openServicesRig(options: ServicesRigOptions = {}): Promise<ServicesRig> {
  const log = createLogger({ level: "silent" });
  const store = new Store(tempStorePath(), log, servicesMigrations());
  store.start();
  const jobs = new JobStore(store.db);
  const outbox = new Outbox(store.db);
  const bus = new EventBus();
  // As the agent does: every job step reaches the bus.
  jobs.onTransition((job) => {
    bus.emit("jobState", {
      jobId: job.id,
      deviceId: job.deviceId,
      kind: job.kind,
      state: job.state,
      ...(job.error ? { detail: job.error } : {}),
    });
  });
  const binding = new SimulatedSerialBinding();
  const printerProfile = options.printer ?? "generic-escpos-58";
  const printer = new EscPosPrinterSimulator({
    columns: printerProfile !== false && printerProfile.includes("80") ? 48 : 32,
  });
  const lockers = new KrCu16BusSimulator({ name: "parcel lockers" });
  const cabinet = new KrCu16BusSimulator({ name: "shared cabinet" });
  const devices: DeviceConfig[] = [];
  const serial = (path: string) => ({ type: "serial" as const, path });
  if (printerProfile !== false) {
    binding.plug("/dev/ttyPRN0", printer);
    devices.push({
      id: PRINTER_ID,
      profile: printerProfile,
      transport: serial("/dev/ttyPRN0"),
      options: { pollIntervalMs: 50, statusTimeoutMs: 400 },
    });
  }
  // A door open for a second counts as left open, so tests see the report soon.
  const lockerOptions = { pollIntervalMs: 100, replyTimeoutMs: 400, leftOpenAfterMs: 1_000 };
  if (options.lockers ?? true) {
    binding.plug("/dev/ttyLOCK0", lockers);
    devices.push({
      id: LOCKER_ID,
      profile: "kerong-kr-cu16",
      transport: serial("/dev/ttyLOCK0"),
      options: lockerOptions,
    });
  }
  if (options.cabinet) {
    binding.plug("/dev/ttyLOCK1", cabinet);
    devices.push({
      id: CABINET_ID,
      profile: "kerong-kr-cu16",
      transport: serial("/dev/ttyLOCK1"),
      options: lockerOptions,
    });
  }
  const manager = new DeviceManager({
    devices,
    profiles: loadProfiles(),
    drivers: DRIVERS,
    transports: byteTransportFactories({
      serialBinding: binding,
      backoff: { initialMs: 50, maxMs: 300 },
    }),
    jobs,
    bus,
    log,
  });
  await manager.start();
  await until(
    () => manager.list().every((device) => device.health.state !== "offline"),
    "every device to answer",
  );
  return {
    store,
    db: store.db,
    jobs,
    outbox,
    bus,
    devices: manager,
    printer,
    lockers,
    cabinet,
    events: (type) =>
      outbox
        .next(0, 100_000)
        .filter((event) => event.type === type)
        .map((event) => ({ type: event.type, payload: event.payload as Record<string, unknown> })),
    close: async () => {
      await manager.stop();
      for (const path of ["/dev/ttyPRN0", "/dev/ttyLOCK0", "/dev/ttyLOCK1"]) binding.unplug(path);
      printer.dispose();
      lockers.dispose();
      cabinet.dispose();
      store.stop();
    },
  };
}

/** Waits until `check` holds, polling every 10 ms. */
export async function until(check: () => boolean, what: string, ms = 8_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The agent's HTTP setup (http/app.ts) with only these route plugins under /api/v1. */
export async function buildServicesApp(
  routes: readonly ((api: HttpApp) => Promise<void>)[],
): Promise<HttpApp> {
  const app: HttpApp = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(app, { appShell: false });
  await app.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
  });
  app.addSchema(ErrorResponse);
  await app.register(
    async (api) => {
      for (const plugin of routes) await api.register(plugin);
      api.get("/docs/json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: "/api/v1" },
  );
  await app.ready();
  return app;
}
