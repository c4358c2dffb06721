import type { OperatorActions, OperatorDevices } from "../../operator/actions.js";
import type { OperatorAuth } from "../../operator/auth.js";
import type { EventLog } from "../../operator/event-log.js";
import type { HttpApp } from "../types.js";
import { operatorDeviceRoutes } from "./operator-devices.js";
import { operatorEventRoutes } from "./operator-events.js";
import { operatorSessionRoutes } from "./operator-session.js";

export interface OperatorRoutesOptions {
  auth: OperatorAuth;
  actions: OperatorActions;
  devices: Pick<OperatorDevices, "list">;
  events: Pick<EventLog, "query">;
}

/**
 * Every operator route, under /api/v1: login, logout and session (open),
 * devices, actions and the event log (behind the session guard, each in its
 * own encapsulated context so the guard never reaches a resident route).
 */
export function operatorRoutes(options: OperatorRoutesOptions) {
  return async (app: HttpApp): Promise<void> => {
    await app.register(operatorSessionRoutes(options));
    await app.register(operatorDeviceRoutes(options));
    await app.register(operatorEventRoutes(options));
  };
}
