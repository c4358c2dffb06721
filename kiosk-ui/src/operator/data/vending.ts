import type {
  OperatorVendingOrder,
  OperatorVendingSlot,
  OperatorVendingSlotsResponse,
  VendingOrderListQuery,
  VendingOrderListResponse,
  VendingRestockRequest,
} from "@linli/protocols/api";
import { getJson, postJson, queryString } from "./client.js";

/** Typed wrappers over the operator vending routes (edge-agent/src/http/routes/vending.ts). */

export const fetchVendingOrders = (query: VendingOrderListQuery, signal?: AbortSignal) =>
  getJson<VendingOrderListResponse>(`/operator/vending/orders${queryString({ ...query })}`, signal);

export const refundVendingOrder = (orderId: string, reason?: string) =>
  postJson<OperatorVendingOrder>(
    `/operator/vending/orders/${encodeURIComponent(orderId)}/refund`,
    reason ? { reason } : {},
  );

export const fetchVendingSlots = (deviceId?: string, signal?: AbortSignal) =>
  getJson<OperatorVendingSlotsResponse>(
    `/operator/vending/slots${queryString({ deviceId })}`,
    signal,
  );

export const restockVendingSlot = (request: VendingRestockRequest) =>
  postJson<OperatorVendingSlot>("/operator/vending/restock", request);
