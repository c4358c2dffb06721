export { LatencyStats, type LatencySummary } from "./latency.js";
export { MqttVendingDriver, type MqttVendingDriverOptions } from "./mqtt-vending-driver.js";
export {
  defaultVendingTopicPrefix,
  UNIT_FAILURE_REASONS,
  type UnitSlot,
  type UnitState,
  type UnitVendResult,
  VENDING_MQTT_PROTOCOL,
  type VendCommand,
  type VendingMqttProtocol,
} from "./mqtt-vending-protocol.js";
export {
  type MqttVendingUnitOptions,
  MqttVendingUnitSimulator,
  type UnitVendRecord,
} from "./mqtt-vending-unit-simulator.js";
export { SlotBook, type SlotInfo } from "./slot-book.js";
export {
  VEND_JOB_KIND,
  type VendExecutor,
  type VendFailureReason,
  type VendJob,
  VendJobs,
  type VendOutcome,
  type VendPayload,
  type VendResult,
  vendJobId,
} from "./vend-jobs.js";
export { type VendInProgress, VmcDriver, type VmcDriverOptions } from "./vmc-driver.js";
export {
  type VmcCommandOptions,
  type VmcHostCommand,
  VmcLink,
  type VmcLinkOptions,
  type VmcLinkStats,
} from "./vmc-link.js";
