/**
 * Vending as the agent wires it: the service over the kiosk's devices, its
 * resident and operator routes, and the payment provider. Real providers
 * plug in here; until one is configured, demo mode sells through the
 * simulated provider (and gets its demo controls), and a kiosk outside demo
 * mode lists its products but takes no orders (503: no way to pay).
 */
import type { FastifyRequest } from "fastify";
import { demoPaymentRoutes } from "../../demo/payment-routes.js";
import { clientKeyOf } from "../../http/routes/operator-session.js";
import { vendingOperatorRoutes, vendingRoutes } from "../../http/routes/vending.js";
import type { HttpApp } from "../../http/types.js";
import type { OperatorAudit } from "../../operator/audit.js";
import type { OperatorAuth } from "../../operator/auth.js";
import { SimulatedPaymentProvider } from "../payment/simulated-provider.js";
import type { ServicesContext } from "../wiring.js";
import { vendingUnitsOf } from "./catalogue.js";
import { VendingService } from "./vending-service.js";

export interface RunningVending {
  readonly service: VendingService;
  readonly routes: ((api: HttpApp) => Promise<void>)[];
  stop(): Promise<void>;
}

export function startVending(
  context: ServicesContext,
  operator: { auth: OperatorAuth; audit: OperatorAudit },
): RunningVending {
  const { store, outbox, devices, jobs, bus, config } = context;
  const payment = context.demo ? new SimulatedPaymentProvider({ db: store.db }) : undefined;
  const service = new VendingService({
    db: store.db,
    outbox,
    devices,
    jobs,
    bus,
    ...(payment ? { payment } : {}),
    units: vendingUnitsOf(config.devices),
    audit: operator.audit,
    log: context.log.child({ component: "vending" }),
  });
  service.start();
  const { auth } = operator;
  const actorOf = (request: FastifyRequest) => ({
    sessionId: auth.sessionOf(request).id,
    clientKey: clientKeyOf(request),
  });
  return {
    service,
    routes: [
      vendingRoutes({ vending: service }),
      vendingOperatorRoutes({ vending: service, guard: auth.guard, actorOf }),
      ...(payment ? [demoPaymentRoutes({ payment })] : []),
    ],
    stop: () => service.stop(),
  };
}
