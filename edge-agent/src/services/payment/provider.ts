/**
 * The seam between the kiosk and whoever takes the money. Shaped after what
 * QR payment providers offer a kiosk (WeChat Pay Native, Alipay precreate):
 * a charge made with the merchant's own order id returns a QR code to show;
 * the provider confirms payment by notification and answers status queries;
 * an unpaid charge can be closed, after which it can never be paid; a refund
 * carries the merchant's own refund id. Both ids are idempotency keys: the
 * same call again returns what the first one made, so a retry after a
 * timeout or a crash never charges or refunds twice.
 */
import { LinliError } from "@linli/protocols";

/** Where a charge stands at the provider. Only `pending` can still change. */
export type ChargeState = "pending" | "paid" | "declined" | "expired" | "cancelled";

export interface ChargeRequest {
  /** The idempotency key: the same order id returns the same charge. */
  orderId: string;
  amountFen: number;
  /** What the resident's phone shows, e.g. "邻里中心 矿泉水". */
  description: string;
  /** After this the charge cannot be paid; the provider expires it. */
  expiresAt: Date;
}

export interface Charge {
  chargeId: string;
  orderId: string;
  amountFen: number;
  state: ChargeState;
  /** The text of the QR code the resident scans to pay. */
  qrText: string;
  expiresAt: string;
  paidAt: string | null;
}

export interface RefundRequest {
  /** The idempotency key: the same refund id never refunds twice. */
  refundId: string;
  chargeId: string;
  amountFen: number;
  reason: string;
}

/** The provider's record of a refund that went through. */
export interface RefundReceipt {
  refundId: string;
  providerRefundId: string;
  chargeId: string;
  amountFen: number;
  refundedAt: string;
}

export type ChargeListener = (charge: Charge) => void;

export interface PaymentProvider {
  readonly name: string;
  createCharge(request: ChargeRequest): Promise<Charge>;
  getCharge(chargeId: string): Promise<Charge>;
  /** Closes an unpaid charge; answers the charge as it ends up (a paid one stays paid). */
  cancelCharge(chargeId: string): Promise<Charge>;
  refund(request: RefundRequest): Promise<RefundReceipt>;
  /** The provider's payment notifications; returns the unsubscribe. */
  onChargeUpdate(listener: ChargeListener): () => void;
}

/**
 * What a provider call failed with. `retryable`: the same call may well
 * succeed later (network, provider busy); otherwise a person must look.
 */
export class PaymentError extends LinliError {
  readonly retryable: boolean;

  constructor(
    code: `LINLI_ERR_PAYMENT_${string}`,
    message: string,
    options: { retryable: boolean; status?: number; cause?: unknown },
  ) {
    super(code, message, {
      status: options.status ?? (options.retryable ? 503 : 409),
      cause: options.cause,
    });
    this.retryable = options.retryable;
  }
}

/** Whether an error from a provider call is worth the same call again later. */
export function isRetryable(error: unknown): boolean {
  // An error the provider did not classify (a crash in an SDK) is treated as transient.
  return error instanceof PaymentError ? error.retryable : !(error instanceof LinliError);
}
