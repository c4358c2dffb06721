import {
  OperatorVendingOrder,
  OperatorVendingSlot,
  OperatorVendingSlotsResponse,
  VendingCatalogueResponse,
  VendingOrder,
  VendingOrderListQuery,
  VendingOrderListResponse,
  VendingOrderParams,
  VendingOrderRequest,
  VendingRefundRequest,
  VendingRestockRequest,
} from "@linli/protocols/api";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { Actor } from "../../operator/actions.js";
import type { VendingService } from "../../services/vending/vending-service.js";
import type { HttpApp } from "../types.js";
import { errorRef, explainInvalid } from "./validation.js";

/** The operator auth's guard: resolves to let a request through, throws (401) to refuse. */
export type VendingOperatorGuard = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown>;

const BAD_REQUEST = "LINLI_ERR_VENDING_BAD_REQUEST";
const tags = ["vending"];

/**
 * Resident routes: what can be bought, ordering with a payment QR, following
 * an order, and cancelling one before paying. Nothing here shows stock counts,
 * payment ids or refunds: those are the operator's.
 */
export function vendingRoutes(options: { vending: VendingService }) {
  const { vending } = options;
  const refused = { 400: errorRef, 404: errorRef, 409: errorRef, 503: errorRef };
  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/vending",
      {
        schema: {
          summary: "The vending units with their products, prices and what can be bought now",
          tags,
          response: { 200: VendingCatalogueResponse },
        },
      },
      async () => vending.catalogue(),
    );

    app.post(
      "/vending/orders",
      {
        schema: {
          summary: "Order one product: answers the order with the QR code to pay with",
          tags,
          body: VendingOrderRequest,
          response: { 201: VendingOrder, ...refused },
        },
        schemaErrorFormatter: explainInvalid(VendingOrderRequest, BAD_REQUEST),
      },
      async (request, reply) => reply.status(201).send(await vending.order(request.body)),
    );

    app.get(
      "/vending/orders/:id",
      {
        schema: {
          summary:
            "An order's state and what to tell the resident; vend progress also streams on /events",
          tags,
          params: VendingOrderParams,
          response: { 200: VendingOrder, 400: errorRef, 404: errorRef },
        },
        schemaErrorFormatter: explainInvalid(VendingOrderParams, BAD_REQUEST),
      },
      async (request) => vending.get(request.params.id),
    );

    app.post(
      "/vending/orders/:id/cancel",
      {
        schema: {
          summary: "Cancel an order before it is paid (409 once paid: it vends or is refunded)",
          tags,
          params: VendingOrderParams,
          response: { 200: VendingOrder, ...refused },
        },
        schemaErrorFormatter: explainInvalid(VendingOrderParams, BAD_REQUEST),
      },
      async (request) => vending.cancel(request.params.id),
    );
  };
}

/** Operator routes behind the injected guard: orders, manual refunds, slots and restocking. */
export function vendingOperatorRoutes(options: {
  vending: VendingService;
  guard: VendingOperatorGuard;
  /** Who acts, for the audit; the session the guard found. */
  actorOf?: (request: FastifyRequest) => Actor;
}) {
  const { vending, guard, actorOf } = options;
  const refused = { 400: errorRef, 401: errorRef, 404: errorRef, 409: errorRef, 503: errorRef };
  const operatorTags = ["operator", "vending"];
  return async (app: HttpApp): Promise<void> => {
    // Before the body is parsed or validated: without a session nothing else is looked at.
    app.addHook("onRequest", async (request, reply) => guard(request, reply));

    app.get(
      "/operator/vending/orders",
      {
        schema: {
          summary: "Vending orders newest first, by state and unit, a page at a time, with refunds",
          tags: operatorTags,
          querystring: VendingOrderListQuery,
          response: { 200: VendingOrderListResponse, ...refused },
        },
        schemaErrorFormatter: explainInvalid(VendingOrderListQuery, BAD_REQUEST),
      },
      async (request) => vending.list(request.query),
    );

    app.get(
      "/operator/vending/orders/:id",
      {
        schema: {
          summary: "One vending order with its payment, vend job and refund",
          tags: operatorTags,
          params: VendingOrderParams,
          response: { 200: OperatorVendingOrder, ...refused },
        },
        schemaErrorFormatter: explainInvalid(VendingOrderParams, BAD_REQUEST),
      },
      async (request) => vending.operatorOrder(request.params.id),
    );

    app.post(
      "/operator/vending/orders/:id/refund",
      {
        schema: {
          summary: "Refund a paid order that was not vended (idempotent; retries a refused refund)",
          tags: operatorTags,
          params: VendingOrderParams,
          body: VendingRefundRequest,
          response: { 200: OperatorVendingOrder, ...refused },
        },
        schemaErrorFormatter: explainInvalid(VendingRefundRequest, BAD_REQUEST),
        // A refund needs no reason: a POST without a body is a refund.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => vending.refund(request.params.id, request.body, actorOf?.(request)),
    );

    app.post(
      "/operator/vending/restock",
      {
        schema: {
          summary:
            "Record a slot's stock after restocking, and optionally its price, product and sale",
          tags: operatorTags,
          body: VendingRestockRequest,
          response: { 200: OperatorVendingSlot, ...refused },
        },
        schemaErrorFormatter: explainInvalid(VendingRestockRequest, BAD_REQUEST),
      },
      async (request) => vending.restock(request.body, actorOf?.(request)),
    );

    app.get(
      "/operator/vending/slots",
      {
        schema: {
          summary: "Every vending slot with its stock, what open orders hold, and jams",
          tags: operatorTags,
          querystring: Type.Object(
            {
              deviceId: Type.Optional(
                Type.String({
                  pattern: "^[a-z0-9][a-z0-9-]{0,80}$",
                  description: "a vending unit's device id",
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: OperatorVendingSlotsResponse, ...refused },
        },
      },
      async (request) => vending.slots(request.query.deviceId),
    );
  };
}
