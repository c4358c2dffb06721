/**
 * Vending: a resident picks a product, pays by QR through the `payment`
 * provider, the unit vends; a vend that fails is refunded, with a refund
 * record the operator sees, and the stock stays as it was.
 *
 * Every order lives in SQLite from the first moment (state `created`) and
 * every move writes its `vending.order` outbox event in the same
 * transaction (context.ts). The moves themselves are order-flow.ts, run one
 * at a time per order, from disk: after a crash start() finds each order
 * where it stopped and carries it on, so a paid order always ends vended or
 * refunded, exactly once (the vend job and the refund are both keyed by the
 * order id).
 */
import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type {
  OperatorVendingOrder,
  OperatorVendingSlot,
  OperatorVendingSlotsResponse,
  VendingCatalogueResponse,
  VendingOrder,
  VendingOrderListQuery,
  VendingOrderListResponse,
  VendingOrderRequest,
  VendingRefundRequest,
  VendingRestockRequest,
} from "@linli/protocols/api";
import type { EventBus } from "../../bus.js";
import { JobStore } from "../../devices/jobs/job-store.js";
import { VEND_JOB_KIND, vendJobId } from "../../devices/vending/vend-jobs.js";
import { createLogger, type Logger } from "../../log.js";
import type { Actor } from "../../operator/actions.js";
import {
  recordEssential,
  reportStoreFailure,
  requireStoreWritable,
  type SqliteDatabase,
  storeRefusal,
} from "../../store/index.js";
import type { ServiceOutbox } from "../parcels/types.js";
import type { PaymentProvider } from "../payment/provider.js";
import { SlotCatalogue, type VendingUnitConfig } from "./catalogue.js";
import { moveOrder, type RefundRetry, recordCreated, type VendingContext } from "./context.js";
import { type OperatorAuditLike, openOperatorRefund, restockSlot } from "./operator-steps.js";
import { OrderFlow, paymentUnavailable } from "./order-flow.js";
import { type OrderRow, OrderRows, toOperatorOrder, toResidentOrder } from "./order-rows.js";
import { checkOrderable, noSuchOrder, refuseRefund } from "./refusals.js";
import type { VendingDevices } from "./units.js";
import { catalogueView, operatorSlotView } from "./views.js";

export interface VendingServiceOptions {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly devices: VendingDevices;
  /** Where vend jobs are read; a JobStore on `db` by default. */
  readonly jobs?: JobStore;
  /** Order moves go out on it as `vendingOrder`; vend job progress comes in. */
  readonly bus?: EventBus;
  /** Without one, nothing can be sold (orders answer 503); orders already paid are still settled. */
  readonly payment?: PaymentProvider;
  /** The products each unit's configuration lists (vendingUnitsOf). */
  readonly units?: readonly VendingUnitConfig[];
  /** Restocks and manual refunds are audited as operator actions. */
  readonly audit?: OperatorAuditLike;
  /** How long a resident has to pay; 3 minutes by default. */
  readonly paymentWindowMs?: number;
  /** How often open orders are looked at (payments, vends, refunds due); 2 s by default. */
  readonly pollMs?: number;
  readonly refundRetry?: Partial<RefundRetry>;
  /** How long a paid order waits for its unit to come back online; 15 s by default. */
  readonly offlineGraceMs?: number;
  /** How long stop() waits for a step in flight; 2 s by default. */
  readonly stopWaitMs?: number;
  readonly now?: () => Date;
  readonly log?: Logger;
}

/** Orders a pass looks at: everything not finished. */
const OPEN_STATES = [
  "created",
  "awaiting_payment",
  "paid",
  "vending",
  "vend_failed",
  "refunding",
] as const;

export class VendingService {
  readonly #options: VendingServiceOptions;
  readonly #rows: OrderRows;
  readonly #queues = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #ctx: VendingContext | undefined;
  #flow: OrderFlow | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: VendingServiceOptions) {
    this.#options = options;
    this.#rows = new OrderRows(options.db);
  }

  /** Seeds the catalogue, listens for payments and vends, and carries on every open order. */
  start(): void {
    if (this.#ctx) return;
    const { db, outbox, devices, bus, payment } = this.#options;
    const now = this.#options.now ?? (() => new Date());
    const ctx: VendingContext = {
      db,
      outbox,
      bus,
      rows: this.#rows,
      catalogue: new SlotCatalogue(db, now),
      devices,
      jobs: this.#options.jobs ?? new JobStore(db),
      payment,
      log: (this.#options.log ?? createLogger({ level: "silent" })).child({ service: "vending" }),
      now,
      refundRetry: { initialMs: 2_000, maxMs: 300_000, ...this.#options.refundRetry },
      offlineGraceMs: this.#options.offlineGraceMs ?? 15_000,
    };
    for (const unit of this.#options.units ?? []) ctx.catalogue.seed(unit);
    this.#ctx = ctx;
    this.#flow = new OrderFlow(ctx);
    this.#unsubscribe = payment?.onChargeUpdate((charge) => {
      const row = this.#rows.byCharge(charge.chargeId);
      if (row) this.#kick(row.id);
    });
    bus?.on(this, "jobState", ({ jobId, kind, state }) => {
      if (kind !== VEND_JOB_KIND || state === "queued" || state === "running") return;
      const orderId = jobId.slice(vendJobId("").length);
      if (this.#rows.get(orderId)) this.#kick(orderId);
    });
    this.#pass();
    this.#timer = setInterval(() => this.#pass(), this.#options.pollMs ?? 2_000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (!this.#ctx) return;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    this.#options.bus?.removeListeners(this);
    this.#flow?.halt();
    this.#ctx = undefined;
    const waited = new Promise((resolve) => setTimeout(resolve, this.#options.stopWaitMs ?? 2_000));
    await Promise.race([this.idle(), waited]);
    this.#flow = undefined;
  }

  /** Resolves once no order step is running (for tests, and for stop). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  get #started(): { ctx: VendingContext; flow: OrderFlow } {
    if (!this.#ctx || !this.#flow) {
      throw new LinliError("LINLI_ERR_VENDING_NOT_STARTED", "the vending service is not started", {
        status: 503,
      });
    }
    return { ctx: this.#ctx, flow: this.#flow };
  }

  /** What residents can buy now, per unit; stock counts stay with the operator. */
  catalogue(): VendingCatalogueResponse {
    return catalogueView(this.#started.ctx);
  }

  /** Places an order and makes its charge: the answer carries the QR to pay with. */
  async order(input: VendingOrderRequest): Promise<VendingOrder> {
    const { ctx } = this.#started;
    // Refused before any charge is made when the store cannot record the order (a full disk).
    requireStoreWritable(ctx.db);
    const at = ctx.now();
    const id = randomUUID();
    const payBy = new Date(at.getTime() + (this.#options.paymentWindowMs ?? 180_000));
    const recordOrder = ctx.db.transaction(() => {
      // Checked and written in one transaction: two residents never get the last item both.
      const slot = checkOrderable(ctx, input);
      const row: OrderRow = {
        id,
        device_id: input.deviceId,
        slot: input.slot,
        name_zh: slot.name_zh,
        name_en: slot.name_en,
        amount_fen: slot.price_fen,
        state: "created",
        session_id: input.sessionId ?? null,
        charge_id: null,
        charge_qr: null,
        pay_by: payBy.toISOString(),
        vend_job_id: null,
        failure: null,
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
        paid_at: null,
        vended_at: null,
      };
      ctx.rows.insert(row);
      recordCreated(ctx, row);
    });
    recordEssential(ctx.db, () => recordOrder());
    return this.#serial(id, async () => {
      const row = ctx.rows.get(id) as OrderRow;
      try {
        const charge = await this.#payment().createCharge({
          orderId: id,
          amountFen: row.amount_fen,
          description: `${row.name_zh} (${row.device_id} #${row.slot})`,
          expiresAt: payBy,
        });
        moveOrder(ctx, id, ["created"], "awaiting_payment", {
          change: { charge_id: charge.chargeId, charge_qr: charge.qrText },
        });
      } catch (error) {
        // The store failed after the charge was made: its QR is never shown, so it cannot be
        // paid, and the order, still `created`, has the charge closed by a later pass.
        const refusal = storeRefusal(ctx.db, error);
        if (refusal) throw refusal;
        ctx.log.warn({ err: error, orderId: id }, "could not make the charge for an order");
        moveOrder(ctx, id, ["created"], "cancelled", { reason: "payment_unavailable" });
        throw paymentUnavailable(error);
      }
      return toResidentOrder(ctx.rows.get(id) as OrderRow);
    });
  }

  get(id: string): VendingOrder {
    this.#started;
    return toResidentOrder(this.#rows.get(id) ?? noSuchOrder(id));
  }

  /** The resident gives up before paying: the charge is closed first, so it can no longer be paid. */
  async cancel(id: string): Promise<VendingOrder> {
    const { ctx, flow } = this.#started;
    if (!this.#rows.get(id)) noSuchOrder(id);
    await this.#serial(id, async () => {
      const row = ctx.rows.get(id) as OrderRow;
      if (row.state !== "awaiting_payment") return;
      const closed = await this.#payment()
        .cancelCharge(row.charge_id ?? "")
        .catch((error: unknown) => {
          throw paymentUnavailable(error);
        });
      if (closed.state === "cancelled") {
        moveOrder(ctx, id, ["awaiting_payment"], "cancelled", { reason: "cancelled_by_resident" });
      } else {
        flow.applyCharge(row, closed);
      }
    });
    const row = ctx.rows.get(id) as OrderRow;
    if (row.state === "paid") this.#kick(id);
    if (!["cancelled", "expired", "declined"].includes(row.state)) {
      throw new LinliError(
        "LINLI_ERR_VENDING_ALREADY_PAID",
        "这笔订单已经付款，正在出货；如果出货失败会自动退款",
        { status: 409, details: { state: row.state } },
      );
    }
    return toResidentOrder(row);
  }

  /** Operator: orders newest first, by state and unit, a page at a time. */
  list(query: VendingOrderListQuery = {}): VendingOrderListResponse {
    this.#started;
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { rows, total } = this.#rows.page({
      state: query.state === "all" ? undefined : query.state,
      deviceId: query.deviceId,
      limit,
      offset,
    });
    const items = rows.map((row) => toOperatorOrder(row, this.#rows.refundOf(row.id)));
    return { items, total, limit, offset };
  }

  operatorOrder(id: string): OperatorVendingOrder {
    this.#started;
    const row = this.#rows.get(id) ?? noSuchOrder(id);
    return toOperatorOrder(row, this.#rows.refundOf(id));
  }

  /**
   * Operator: refunds a paid order that was not vended, now. Idempotent: an
   * order refunding or refunded answers as it is (a refund the provider
   * refused is tried again); the audit records only a refund newly asked for.
   */
  async refund(
    id: string,
    input: VendingRefundRequest = {},
    actor?: Actor,
  ): Promise<OperatorVendingOrder> {
    const { ctx, flow } = this.#started;
    if (!this.#rows.get(id)) noSuchOrder(id);
    await this.#serial(id, async () => {
      const row = ctx.rows.get(id) as OrderRow;
      refuseRefund(row);
      const reason = input.reason ?? "refunded by an operator";
      openOperatorRefund(ctx, row, reason, this.#options.audit, actor);
      await flow.run(id);
    });
    return this.operatorOrder(id);
  }

  /** Operator: what is in a slot now, and optionally its price, product and whether it sells. */
  restock(input: VendingRestockRequest, actor?: Actor): OperatorVendingSlot {
    const { ctx } = this.#started;
    const row = restockSlot(ctx, input, this.#options.audit, actor);
    return operatorSlotView(ctx, row.device_id, row.slot);
  }

  /** Operator: every slot with its stock, what open orders hold, and jams. */
  slots(deviceId?: string): OperatorVendingSlotsResponse {
    const { ctx } = this.#started;
    const rows = ctx.catalogue.list(deviceId);
    return { items: rows.map((row) => operatorSlotView(ctx, row.device_id, row.slot)) };
  }

  #payment(): PaymentProvider {
    const payment = this.#options.payment;
    if (!payment) throw paymentUnavailable();
    return payment;
  }

  /** Every open order once more: payments to ask about, vends to settle, refunds due. */
  #pass(): void {
    try {
      for (const row of this.#rows.inStates(OPEN_STATES)) this.#kick(row.id);
    } catch (error) {
      if (!reportStoreFailure(this.#options.db, error)) {
        this.#ctx?.log.error({ err: error }, "vending pass failed");
      }
    }
  }

  /** Runs the order's flow, unless a step of it is running: then once more after it. */
  #kick(id: string): void {
    const flow = this.#flow;
    if (!flow || !this.#ctx) return;
    if (this.#queues.has(id)) {
      this.#again.add(id);
      return;
    }
    this.#serial(id, () => flow.run(id)).catch((error: unknown) =>
      this.#ctx?.log.error({ err: error, orderId: id }, "vending order flow failed"),
    );
  }

  /** One piece of work at a time per order, in the order asked. */
  #serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#queues.get(id) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(id, tail);
    void tail.then(() => {
      if (this.#queues.get(id) !== tail) return;
      this.#queues.delete(id);
      if (this.#again.delete(id)) this.#kick(id);
    });
    return result;
  }
}
