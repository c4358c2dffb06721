import { InvalidArgumentError } from "commander";
import { FLEET_MAX } from "../fleet/roster.js";

/** `--fleet <n>`: a whole number of simulated kiosks, 0 to FLEET_MAX; anything else is a usage error. */
export function parseFleetSize(value: string): number {
  const size = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(size) || size > FLEET_MAX) {
    throw new InvalidArgumentError(
      `the number of simulated kiosks must be a whole number from 0 to ${FLEET_MAX}, got "${value}".`,
    );
  }
  return size;
}
