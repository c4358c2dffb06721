import type {
  ParcelDepositRequest,
  ParcelDepositResponse,
  ParcelListQuery,
  ParcelListResponse,
} from "@linli/protocols/api";
import { getJson, newRequestId, postJson, queryString } from "./client.js";

/** Typed wrappers over the operator parcel routes (edge-agent/src/http/routes/parcels.ts). */

export const depositParcel = (request: Omit<ParcelDepositRequest, "requestId">) =>
  postJson<ParcelDepositResponse>("/operator/parcels", { ...request, requestId: newRequestId() });

export const fetchParcels = (query: ParcelListQuery, signal?: AbortSignal) =>
  getJson<ParcelListResponse>(`/operator/parcels${queryString({ ...query })}`, signal);
