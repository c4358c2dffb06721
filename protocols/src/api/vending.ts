import Type, { type Static, type TSchema } from "typebox";

/**
 * Vending: the resident picks a product, pays by QR, the unit vends; a vend
 * that fails is refunded and recorded. Prices are in fen (1/100 yuan).
 * Residents see products and their own order; stock counts, refunds and the
 * payment provider's ids are for operators. No personal data is kept.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const strict = { additionalProperties: false } as const;
const At = Type.String({ format: "date-time" });

const VendingDeviceId = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,80}$",
  description: 'a vending unit\'s device id, e.g. "vending-1"',
});
const Slot = Type.Integer({
  minimum: 1,
  maximum: 1000,
  description: "a slot (selection) number from 1, as printed on the unit",
});
const PriceFen = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: "a price in fen, 1 to 1000000 (¥0.01 to ¥10000)",
});

/** Every state an order passes through; see the vending service for the transitions. */
export const VENDING_ORDER_STATES = [
  "created",
  "awaiting_payment",
  "paid",
  "vending",
  "vended",
  "vend_failed",
  "refunding",
  "refunded",
  "expired",
  "cancelled",
  "declined",
] as const;
export type VendingOrderState = (typeof VENDING_ORDER_STATES)[number];
const OrderState = Type.Enum(VENDING_ORDER_STATES);

export const VendingProduct = Type.Object(
  {
    slot: Type.Integer({ minimum: 1 }),
    nameZh: Type.String(),
    nameEn: Type.String(),
    priceFen: Type.Integer({ minimum: 1 }),
    inStock: Type.Boolean(),
    available: Type.Boolean({ description: "in stock, enabled, and the slot can vend now" }),
  },
  { $id: "VendingProduct" },
);
export type VendingProduct = Static<typeof VendingProduct>;

export const VendingUnit = Type.Object(
  {
    deviceId: Type.String(),
    available: Type.Boolean({ description: "the unit is online and payments can be taken" }),
    reason: Nullable(
      Type.Enum(["offline", "payment_unavailable"], {
        description: "why the unit cannot sell now",
      }),
    ),
    products: Type.Array(VendingProduct),
  },
  { $id: "VendingUnit" },
);
export type VendingUnit = Static<typeof VendingUnit>;

export const VendingCatalogueResponse = Type.Object(
  { units: Type.Array(VendingUnit) },
  { $id: "VendingCatalogueResponse" },
);
export type VendingCatalogueResponse = Static<typeof VendingCatalogueResponse>;

export const VendingOrderRequest = Type.Object(
  {
    deviceId: VendingDeviceId,
    slot: Slot,
    sessionId: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z0-9_-]{8,64}$",
        description: "the kiosk UI's session id: 8 to 64 letters, digits, _ or -",
      }),
    ),
  },
  { ...strict, $id: "VendingOrderRequest" },
);
export type VendingOrderRequest = Static<typeof VendingOrderRequest>;

export const VendingOrderParams = Type.Object(
  {
    id: Type.String({
      pattern: "^[0-9a-f-]{36}$",
      description: "an order id as the order answer gave it",
    }),
  },
  { ...strict, $id: "VendingOrderParams" },
);
export type VendingOrderParams = Static<typeof VendingOrderParams>;

export const VendingPayment = Type.Object(
  {
    chargeId: Type.String(),
    qr: Type.String({ description: "the text of the payment QR code to show" }),
    expiresAt: At,
  },
  { $id: "VendingPayment" },
);
export type VendingPayment = Static<typeof VendingPayment>;

/** What the resident's screen shows of an order. */
export const VendingOrder = Type.Object(
  {
    id: Type.String(),
    deviceId: Type.String(),
    slot: Type.Integer({ minimum: 1 }),
    product: Type.Object({ nameZh: Type.String(), nameEn: Type.String() }),
    amountFen: Type.Integer({ minimum: 1 }),
    state: OrderState,
    payment: Type.Union([VendingPayment, Type.Null()], {
      description: "the QR to pay with, while awaiting payment; null otherwise",
    }),
    outcome: Type.Object(
      {
        message: Type.String({ description: "what to tell the resident, in plain Chinese" }),
        finished: Type.Boolean({ description: "true: nothing more will happen to this order" }),
      },
      { description: "the order's state in plain words" },
    ),
    createdAt: At,
    updatedAt: At,
  },
  { $id: "VendingOrder" },
);
export type VendingOrder = Static<typeof VendingOrder>;

export const VENDING_REFUND_STATES = ["pending", "succeeded", "failed"] as const;
export type VendingRefundState = (typeof VENDING_REFUND_STATES)[number];

export const VendingRefund = Type.Object(
  {
    id: Type.String({ description: "the refund's idempotency key at the payment provider" }),
    state: Type.Enum(VENDING_REFUND_STATES, {
      description: '"pending" is retried by itself; "failed" needs an operator',
    }),
    amountFen: Type.Integer({ minimum: 1 }),
    reason: Type.String(),
    requestedBy: Type.Enum(["system", "operator"]),
    attempts: Type.Integer({ minimum: 0 }),
    lastError: Nullable(Type.String()),
    providerRefundId: Nullable(Type.String()),
    createdAt: At,
    completedAt: Nullable(At),
  },
  { $id: "VendingRefund" },
);
export type VendingRefund = Static<typeof VendingRefund>;

/** An order as the operator sees it: the payment and vend ids and any refund. */
export const OperatorVendingOrder = Type.Object(
  {
    id: Type.String(),
    deviceId: Type.String(),
    slot: Type.Integer({ minimum: 1 }),
    product: Type.Object({ nameZh: Type.String(), nameEn: Type.String() }),
    amountFen: Type.Integer({ minimum: 1 }),
    state: OrderState,
    chargeId: Nullable(Type.String()),
    vendJobId: Nullable(Type.String()),
    failure: Nullable(Type.String({ description: "why the vend failed or the order closed" })),
    refund: Nullable(VendingRefund),
    createdAt: At,
    updatedAt: At,
    paidAt: Nullable(At),
    vendedAt: Nullable(At),
  },
  { $id: "OperatorVendingOrder" },
);
export type OperatorVendingOrder = Static<typeof OperatorVendingOrder>;

export const VendingOrderListQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Enum([...VENDING_ORDER_STATES, "all"] as const, {
        description: 'an order state, or "all" (the default)',
      }),
    ),
    deviceId: Type.Optional(VendingDeviceId),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, default: 50, description: "1 to 200" }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, default: 0, description: "how many orders to skip, from 0" }),
    ),
  },
  { ...strict, $id: "VendingOrderListQuery" },
);
export type VendingOrderListQuery = Static<typeof VendingOrderListQuery>;

export const VendingOrderListResponse = Type.Object(
  {
    items: Type.Array(OperatorVendingOrder, { description: "newest first" }),
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 1 }),
    offset: Type.Integer({ minimum: 0 }),
  },
  { $id: "VendingOrderListResponse" },
);
export type VendingOrderListResponse = Static<typeof VendingOrderListResponse>;

export const VendingRefundRequest = Type.Object(
  {
    reason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "why, in 1 to 200 characters, for the record",
      }),
    ),
  },
  { ...strict, $id: "VendingRefundRequest" },
);
export type VendingRefundRequest = Static<typeof VendingRefundRequest>;

export const VendingRestockRequest = Type.Object(
  {
    deviceId: VendingDeviceId,
    slot: Slot,
    stock: Type.Integer({
      minimum: 0,
      maximum: 999,
      description: "how many items are in the slot now, 0 to 999",
    }),
    priceFen: Type.Optional(PriceFen),
    nameZh: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: "the product's Chinese name" }),
    ),
    nameEn: Type.Optional(
      Type.String({ minLength: 1, maxLength: 60, description: "the product's English name" }),
    ),
    enabled: Type.Optional(Type.Boolean({ description: "false: residents cannot buy from it" })),
  },
  { ...strict, $id: "VendingRestockRequest" },
);
export type VendingRestockRequest = Static<typeof VendingRestockRequest>;

/** A slot as the operator sees it: the stock count and what open orders hold. */
export const OperatorVendingSlot = Type.Object(
  {
    deviceId: Type.String(),
    slot: Type.Integer({ minimum: 1 }),
    nameZh: Type.String(),
    nameEn: Type.String(),
    priceFen: Type.Integer({ minimum: 1 }),
    stock: Type.Integer({ minimum: 0 }),
    held: Type.Integer({ minimum: 0, description: "items promised to orders not yet vended" }),
    enabled: Type.Boolean(),
    jammed: Type.Boolean(),
    updatedAt: At,
  },
  { $id: "OperatorVendingSlot" },
);
export type OperatorVendingSlot = Static<typeof OperatorVendingSlot>;

export const OperatorVendingSlotsResponse = Type.Object(
  { items: Type.Array(OperatorVendingSlot) },
  { $id: "OperatorVendingSlotsResponse" },
);
export type OperatorVendingSlotsResponse = Static<typeof OperatorVendingSlotsResponse>;

/** The uplink and WebSocket message (type `vending.order`) for every order transition. */
export const VendingOrderEvent = Type.Object(
  {
    type: Type.Literal("vending.order"),
    orderId: Type.String(),
    deviceId: Type.String(),
    at: At,
    slot: Type.Integer({ minimum: 1 }),
    amountFen: Type.Integer({ minimum: 1 }),
    state: OrderState,
    reason: Type.Optional(Type.String({ description: "why a vend failed or an order closed" })),
  },
  { $id: "EventsVendingOrder" },
);
export type VendingOrderEvent = Static<typeof VendingOrderEvent>;
