import type {
  OperatorDevicesResponse,
  OperatorJob,
  OperatorResolveJobRequest,
} from "@linli/protocols/api";
import { getJson, newRequestId, postJson } from "./client.js";

/** Typed wrappers over the operator device routes (edge-agent/src/http/routes/operator-devices.ts). */

export const fetchOperatorDevices = (signal?: AbortSignal) =>
  getJson<OperatorDevicesResponse>("/operator/devices", signal);

const device = (id: string) => `/operator/devices/${encodeURIComponent(id)}`;

export const openDoor = (deviceId: string, board: number, lock: number) =>
  postJson<OperatorJob>(`${device(deviceId)}/open-door`, {
    board,
    lock,
    requestId: newRequestId(),
  });

export const testPrint = (deviceId: string) =>
  postJson<OperatorJob>(`${device(deviceId)}/test-print`);

export const resolveJob = (jobId: string, action: OperatorResolveJobRequest["action"]) =>
  postJson<OperatorJob>(`/operator/jobs/${encodeURIComponent(jobId)}/resolve`, { action });
