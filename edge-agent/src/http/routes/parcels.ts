import { LinliError } from "@linli/protocols";
import {
  CabinetBorrowRequest,
  CabinetBorrowResponse,
  CabinetReturnRequest,
  CabinetReturnResponse,
  CabinetStockRequest,
  CabinetStockResponse,
  LockerLayoutResponse,
  ParcelDepositRequest,
  ParcelDepositResponse,
  ParcelListQuery,
  ParcelListResponse,
  ParcelPickupRequest,
  ParcelPickupResponse,
  PICKUP_SCAN_EVENT,
} from "@linli/protocols/api";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ParcelService, ScanPickupOutcome } from "../../services/parcels/parcel-service.js";
import type { HttpApp } from "../types.js";
import type { EventStream } from "./events-ws.js";
import { errorRef, explainInvalid } from "./validation.js";

/**
 * Decides whether an operator is signed in (the operator auth's guard): resolves
 * to let the request through, throws a LinliError (401) or replies to refuse.
 * Runs as an onRequest hook, before the body is parsed or validated.
 */
export type ParcelOperatorGuard = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown>;

const doorErrors = { 400: errorRef, 404: errorRef, 409: errorRef, 429: errorRef, 502: errorRef };

/** Answers a cool-down with Retry-After, which the error handler alone would not set. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seconds = error instanceof LinliError ? error.details?.retryAfterSeconds : undefined;
    if (error instanceof LinliError && error.status === 429 && typeof seconds === "number") {
      reply.header("retry-after", String(seconds));
    }
    throw error;
  }
}

/**
 * Shows every scanned pickup on the screens: the door that opened, or why
 * none did, as a `device.event` "pickup_scan" from the scanner on the
 * WebSocket. Returns what stops it.
 */
export function forwardScanPickups(
  parcels: ParcelService,
  stream: Pick<EventStream, "broadcast">,
  now: () => Date = () => new Date(),
): () => void {
  const forward = ({ scannerId, ...data }: ScanPickupOutcome) =>
    stream.broadcast({
      type: "device.event",
      deviceId: scannerId,
      at: now().toISOString(),
      event: PICKUP_SCAN_EVENT,
      data,
    });
  parcels.on("scanPickup", forward);
  return () => parcels.off("scanPickup", forward);
}

/** Resident routes: pick up a parcel by code or QR, borrow from and return to a shared cabinet. */
export function parcelRoutes(options: { parcels: ParcelService }) {
  const { parcels } = options;
  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/parcels/layout",
      {
        schema: {
          summary:
            "The locker banks' doors (numbers, sizes, parcel or shared-cabinet use) for the drawing that shows which door opened",
          tags: ["parcels"],
          response: { 200: LockerLayoutResponse },
        },
      },
      async () => parcels.layout(),
    );

    app.post(
      "/parcels/pickup",
      {
        schema: {
          summary: "Open a parcel's door by its pickup code or scanned QR (codes are rate-limited)",
          tags: ["parcels"],
          body: ParcelPickupRequest,
          response: { 200: ParcelPickupResponse, 202: ParcelPickupResponse, ...doorErrors },
        },
        schemaErrorFormatter: explainInvalid(ParcelPickupRequest, "LINLI_ERR_PARCEL_BAD_REQUEST"),
      },
      async (request, reply) => {
        const result = await withRetryAfter(reply, () => parcels.pickup(request.body));
        return reply.status(result.state === "opened" ? 200 : 202).send(result);
      },
    );

    app.post(
      "/cabinets/borrow",
      {
        schema: {
          summary: "Borrow from a shared cabinet (共享童车柜): a door with an item opens",
          tags: ["parcels"],
          body: CabinetBorrowRequest,
          response: { 200: CabinetBorrowResponse, 202: CabinetBorrowResponse, ...doorErrors },
        },
        schemaErrorFormatter: explainInvalid(CabinetBorrowRequest, "LINLI_ERR_CABINET_BAD_REQUEST"),
        // Borrowing needs nothing: a POST without a body is a borrow from any cabinet.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request, reply) => {
        const result = await parcels.borrow(request.body);
        return reply.status(result.state === "opened" ? 200 : 202).send(result);
      },
    );

    app.post(
      "/cabinets/return",
      {
        schema: {
          summary: "Return to a shared cabinet with the return code: an empty door opens",
          tags: ["parcels"],
          body: CabinetReturnRequest,
          response: { 200: CabinetReturnResponse, 202: CabinetReturnResponse, ...doorErrors },
        },
        schemaErrorFormatter: explainInvalid(CabinetReturnRequest, "LINLI_ERR_CABINET_BAD_REQUEST"),
      },
      async (request, reply) => {
        const result = await withRetryAfter(reply, () => parcels.giveBack(request.body.code));
        return reply.status(result.state === "opened" ? 200 : 202).send(result);
      },
    );
  };
}

/** Operator routes behind the injected guard: deposit, the parcel lists, cabinet stock. */
export function parcelOperatorRoutes(options: {
  parcels: ParcelService;
  guard: ParcelOperatorGuard;
}) {
  const { parcels, guard } = options;
  const refused = { 400: errorRef, 401: errorRef, 404: errorRef, 409: errorRef, 503: errorRef };
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", async (request, reply) => guard(request, reply));

    app.post(
      "/operator/parcels",
      {
        schema: {
          summary: "Deposit a parcel: a free door of the size opens; the pickup code is shown once",
          tags: ["operator", "parcels"],
          body: ParcelDepositRequest,
          response: { 201: ParcelDepositResponse, ...refused },
        },
        schemaErrorFormatter: explainInvalid(ParcelDepositRequest, "LINLI_ERR_PARCEL_BAD_REQUEST"),
      },
      async (request, reply) => reply.status(201).send(parcels.deposit(request.body)),
    );

    app.get(
      "/operator/parcels",
      {
        schema: {
          summary: 'Parcels by state ("overdue": waiting past the deadline), oldest first',
          tags: ["operator", "parcels"],
          querystring: ParcelListQuery,
          response: { 200: ParcelListResponse, ...refused },
        },
        schemaErrorFormatter: explainInvalid(ParcelListQuery, "LINLI_ERR_PARCEL_BAD_REQUEST"),
      },
      async (request) => parcels.list(request.query),
    );

    app.post(
      "/operator/cabinets/stock",
      {
        schema: {
          summary: "Record whether a shared-cabinet door holds an item (after restocking)",
          tags: ["operator", "parcels"],
          body: CabinetStockRequest,
          response: { 200: CabinetStockResponse, ...refused },
        },
        schemaErrorFormatter: explainInvalid(CabinetStockRequest, "LINLI_ERR_CABINET_BAD_REQUEST"),
      },
      async (request) => parcels.stockCabinet(request.body),
    );
  };
}
