/**
 * The community service as the agent wires it: over the store, the outbox,
 * the uplink link (to book other kiosks' sessions) and the guide service's
 * printer choice, with its resident and operator routes.
 */
import { communityOperatorRoutes, communityRoutes } from "../../http/routes/community.js";
import type { OperatorGuard } from "../../http/routes/ratings.js";
import type { HttpApp } from "../../http/types.js";
import type { GuideService } from "../guides/guide-service.js";
import type { ServicesContext } from "../wiring.js";
import { CommunityService } from "./community-service.js";

export interface RunningCommunity {
  readonly service: CommunityService;
  readonly routes: ((api: HttpApp) => Promise<void>)[];
  stop(): Promise<void>;
}

export async function startCommunity(
  context: ServicesContext,
  options: { guides: Pick<GuideService, "choosePrinter">; guard: OperatorGuard },
): Promise<RunningCommunity> {
  const { store, outbox, config } = context;
  const service = new CommunityService({
    db: store.db,
    outbox,
    kiosk: { site: config.kiosk.site, id: config.kiosk.id, name: config.kiosk.name },
    ...(context.uplink ? { link: context.uplink } : {}),
    printers: { choosePrinter: (id) => options.guides.choosePrinter(id) },
    demo: context.demo ?? false,
    log: context.log.child({ component: "community" }),
  });
  await service.start();
  return {
    service,
    routes: [
      communityRoutes({ community: service }),
      communityOperatorRoutes({ community: service, guard: options.guard }),
    ],
    stop: () => service.stop(),
  };
}
