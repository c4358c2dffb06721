export {
  type SlotRow,
  VendingProductConfig,
  type VendingUnitConfig,
  vendingUnitsOf,
} from "./catalogue.js";
export { VENDING_ORDER_EVENT, VENDING_REFUND_FAILED_EVENT } from "./context.js";
export { vendingMigration } from "./migration.js";
export { outcomeOf, yuan } from "./outcome.js";
export { VendingService, type VendingServiceOptions } from "./vending-service.js";
