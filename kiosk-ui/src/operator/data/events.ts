import type { EventLogQuery, EventLogResponse } from "@linli/protocols/api";
import { getJson, queryString } from "./client.js";

/** The operator's event log (edge-agent/src/http/routes/operator-events.ts). */
export const fetchEventLog = (query: EventLogQuery, signal?: AbortSignal) =>
  getJson<EventLogResponse>(`/operator/events${queryString({ ...query })}`, signal);
