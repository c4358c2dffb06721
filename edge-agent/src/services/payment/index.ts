export {
  type Charge,
  type ChargeListener,
  type ChargeRequest,
  type ChargeState,
  isRetryable,
  PaymentError,
  type PaymentProvider,
  type RefundReceipt,
  type RefundRequest,
} from "./provider.js";
export {
  SIMULATED_QR_PREFIX,
  type SimulatedPaymentOptions,
  SimulatedPaymentProvider,
} from "./simulated-provider.js";
