import type { EventBus } from "../bus.js";
import type { Config } from "../config/index.js";
import type { JobStore } from "../devices/jobs/job-store.js";
import type { DeviceManager } from "../devices/manager.js";
import type { DisplayService } from "../host/display.js";
import { displayOperatorRoutes, displayRoutes } from "../http/routes/display.js";
import { EventStream, eventsWebSocketRoutes } from "../http/routes/events-ws.js";
import { guideRoutes } from "../http/routes/guides.js";
import { operatorCoverageRoutes } from "../http/routes/operator-coverage.js";
import { outletImportRoutes } from "../http/routes/operator-outlets.js";
import { operatorRoutes } from "../http/routes/operator-routes.js";
import { clientKeyOf } from "../http/routes/operator-session.js";
import { operatorUplinkRoutes, type UplinkWatch } from "../http/routes/operator-uplink.js";
import { forwardScanPickups, parcelOperatorRoutes, parcelRoutes } from "../http/routes/parcels.js";
import { ratingOperatorRoutes, ratingRoutes } from "../http/routes/ratings.js";
import { reportOperatorRoutes, reportRoutes } from "../http/routes/reports.js";
import type { HttpApp } from "../http/types.js";
import type { Logger } from "../log.js";
import { OperatorActions } from "../operator/actions.js";
import { OperatorAudit } from "../operator/audit.js";
import { OperatorAuth } from "../operator/auth.js";
import { EventLog } from "../operator/event-log.js";
import type { OutletRepository } from "../outlets/repository.js";
import type { OutletService } from "../outlets/service.js";
import type { Store } from "../store/index.js";
import type { Outbox } from "../uplink/outbox.js";
import type { CommunityLink } from "./community/peer.js";
import { startCommunity } from "./community/start.js";
import { GuideService } from "./guides/guide-service.js";
import { ParcelService } from "./parcels/parcel-service.js";
import { type RatingConfig, RatingService } from "./ratings/rating-service.js";
import { ReportService } from "./reports/report-service.js";
import { startVending } from "./vending/start.js";

export interface ServicesContext {
  config: Config;
  store: Store;
  outbox: Outbox;
  bus: EventBus;
  jobs: JobStore;
  devices: DeviceManager;
  outlets: OutletService;
  repository: OutletRepository;
  log: Logger;
  /** Demo mode: vending sells through the simulated payment provider. */
  demo?: boolean;
  /** The uplink, for services that talk to other kiosks of the site (community bookings). */
  uplink?: CommunityLink;
  /** The uplink's connection as the operator console shows it; absent when there is no uplink. */
  uplinkWatch?: UplinkWatch;
  /** The screen's power schedule: its state goes to the UI, its routes to residents and operators. */
  display?: DisplayService;
}

export interface RunningServices {
  routes: ((api: HttpApp) => Promise<void>)[];
  stop(): Promise<void>;
}

/**
 * The services residents and operators use, over the devices and the outlet
 * store: operator sign-in and actions, the live event stream, ratings and
 * problem reports. Each write goes to the outbox in its own transaction.
 */
export async function startServices(context: ServicesContext): Promise<RunningServices> {
  const { store, outbox, bus, jobs, devices, outlets, config } = context;
  const log = (component: string) => context.log.child({ component });
  const eventLog = new EventLog({ db: store.db, bus, log: log("event-log") });
  eventLog.start();
  const audit = new OperatorAudit({ db: store.db, outbox, eventLog });
  const auth = new OperatorAuth({
    db: store.db,
    pinHash: () => config.operator.pinHash,
    audit,
    log: log("operator"),
  });
  auth.start();
  const actions = new OperatorActions({ devices, jobs, audit });
  const { display } = context;
  const stream = new EventStream({
    bus,
    devices,
    ...(display ? { display } : {}),
    log: log("events"),
  });
  stream.start();
  const ratings = new RatingService({
    store,
    outbox,
    outlets,
    bus,
    config: ratingConfig(config.ratings),
    log: log("ratings"),
  });
  await ratings.start();
  const reports = new ReportService({ store, outbox, outlets, log: log("reports") });
  await reports.start();
  const guides = new GuideService({
    db: store.db,
    outbox,
    devices,
    outlets,
    jobs,
    kiosk: { id: config.kiosk.id, name: config.kiosk.name },
    ...(config.guides.navigationUrlTemplate === undefined
      ? {}
      : { navigationUrlTemplate: config.guides.navigationUrlTemplate }),
    ...(config.guides.printerId === undefined ? {} : { printerId: config.guides.printerId }),
  });
  await guides.start();
  const parcels = new ParcelService({
    db: store.db,
    outbox,
    devices,
    jobs,
    bus,
    cabinets: config.parcels.cabinets.map((deviceId) => ({ deviceId })),
    overdueAfterHours: config.parcels.overdueAfterHours,
    log: log("parcels"),
  });
  await parcels.start();
  const stopScanPickups = forwardScanPickups(parcels, stream);
  const vending = startVending(context, { auth, audit });
  const guard = auth.guard;
  const community = await startCommunity(context, { guides, guard });
  return {
    routes: [
      operatorRoutes({ auth, actions, devices, events: eventLog }),
      eventsWebSocketRoutes(stream),
      ratingRoutes({ ratings }),
      reportRoutes({ reports }),
      ratingOperatorRoutes({ ratings, guard }),
      reportOperatorRoutes({ reports, guard }),
      guideRoutes({ guides }),
      parcelRoutes({ parcels }),
      parcelOperatorRoutes({ parcels, guard }),
      outletImportRoutes({ repository: context.repository, guard }),
      operatorCoverageRoutes({ auth, audit, outlets, guides, kiosk: config.kiosk }),
      operatorUplinkRoutes({ guard, watch: context.uplinkWatch, outbox, db: store.db }),
      ...vending.routes,
      ...community.routes,
      ...(display
        ? [
            displayRoutes({ display }),
            displayOperatorRoutes({
              display,
              guard,
              audit,
              actorOf: (request) => ({
                sessionId: auth.sessionOf(request).id,
                clientKey: clientKeyOf(request),
              }),
            }),
          ]
        : []),
    ],
    stop: async () => {
      stopScanPickups();
      stream.stop();
      await community.stop();
      await vending.stop();
      await parcels.stop();
      await guides.stop();
      await ratings.stop();
      await reports.stop();
      auth.stop();
      eventLog.stop();
    },
  };
}

/** The ratings section of the config file, in the rating service's terms. */
function ratingConfig(section: Config["ratings"]): Partial<RatingConfig> {
  return {
    misuse: { maxRatings: section.misuseMaxRatings, windowSeconds: section.misuseWindowSeconds },
    followUp: {
      workingDays: section.followUpWorkingDays,
      holidays: section.holidays,
      workdays: section.workdays,
    },
    target: section.target,
  };
}
