import { LinliError } from "@linli/protocols";
import type { DriverContext } from "../manager.js";
import { PrinterDriver } from "./printer-driver.js";

function positiveMs(options: Record<string, unknown>, key: string): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 50 || value > 600_000) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_DEVICE",
      `options.${key} must be milliseconds from 50 to 600000, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Builds a printer from a device config entry (options: pollIntervalMs, statusTimeoutMs). */
export function createPrinterDriver(context: DriverContext): PrinterDriver {
  const { profile } = context;
  if (profile.family !== "printer") {
    throw new LinliError(
      "LINLI_ERR_CONFIG_DEVICE",
      `device ${context.id}: profile ${profile.id} is not a printer`,
    );
  }
  const pollIntervalMs = positiveMs(context.options, "pollIntervalMs");
  const statusTimeoutMs = positiveMs(context.options, "statusTimeoutMs");
  return new PrinterDriver({
    id: context.id,
    profile,
    transport: context.transport,
    jobs: context.jobs,
    log: context.log,
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    ...(statusTimeoutMs === undefined ? {} : { statusTimeoutMs }),
  });
}
