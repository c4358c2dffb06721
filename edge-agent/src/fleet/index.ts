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
export { SIMULATED_TIME_ZONE, SimulatedScreen } from "./simulated-screen.js";
export { SIMULATED_RESERVE_BYTES, SimulatedStore, type StoreCondition } from "./simulated-store.js";
