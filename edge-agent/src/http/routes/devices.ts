import {
  DeviceListResponse,
  type DeviceSummaryDto,
  DeviceSummarySchema,
} from "@linli/protocols/api";
import Type from "typebox";
import type { DeviceManager } from "../../devices/manager.js";
import type { HttpApp } from "../types.js";

/** Devices and their live health. Read-only: actions on devices are operator routes. */
export function deviceRoutes(devices: DeviceManager) {
  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/devices",
      {
        schema: {
          summary: "Every device of this kiosk with its live health",
          tags: ["devices"],
          response: { 200: DeviceListResponse },
        },
      },
      async () => ({ items: devices.list() }),
    );
    app.get(
      "/devices/:id",
      {
        schema: {
          summary: "One device with its live health",
          tags: ["devices"],
          params: Type.Object({ id: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,80}$" }) }),
          response: { 200: DeviceSummarySchema },
        },
      },
      async (request) => {
        const { id } = request.params;
        devices.require(id);
        return devices.list().find((device) => device.id === id) as DeviceSummaryDto;
      },
    );
  };
}
