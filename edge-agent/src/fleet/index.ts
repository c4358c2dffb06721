export { FLEET_MAX, fleetRoster, type RosterEntry } from "./roster.js";
export { SimulatedDevices } from "./simulated-devices.js";
export {
  SimulatedFleet,
  type SimulatedFleetOptions,
  type SimulatedKioskSummary,
} from "./simulated-fleet.js";
export { SimulatedHost, SimulatedOutbox } from "./simulated-host.js";
export {
  type PublishCounts,
  SimulatedKiosk,
  type SimulatedKioskOptions,
  type SimulatedKioskState,
} from "./simulated-kiosk.js";
