export {
  type VmcHostCommand,
  VmcMachine,
  type VmcMachineHooks,
  type VmcOutgoing,
  type VmcVendRecord,
  type VmcVendResult,
} from "./vmc-machine.js";
export {
  type VmcCounters,
  VmcSimulator,
  type VmcSimulatorOptions,
  type VmcSnapshot,
} from "./vmc-simulator.js";
export {
  VMC_SELECTION_STATUS_CODE,
  type VmcSelectionVerdict,
  type VmcSlotState,
  VmcSlots,
  type VmcSlotsOptions,
} from "./vmc-slots.js";
export { type VmcReceived, VmcTestHost } from "./vmc-test-host.js";
