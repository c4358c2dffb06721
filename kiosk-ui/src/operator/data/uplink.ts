import type { OperatorUplinkResponse } from "@linli/protocols/api";
import { getJson } from "./client.js";

/** The uplink and its outbox (edge-agent/src/http/routes/operator-uplink.ts). */
export const fetchUplink = (signal?: AbortSignal) =>
  getJson<OperatorUplinkResponse>("/operator/uplink", signal);
