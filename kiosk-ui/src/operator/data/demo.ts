import { getJson } from "./client.js";

/**
 * Demo mode only (edge-agent/src/demo/routes.ts): what the simulated printer
 * printed, so the console can show test receipts as paper.
 */

export interface DemoReceipt {
  text: string;
  qrCodes: string[];
  cutAt: string;
}

export interface DemoPrinter {
  printer: { paper: string; coverOpen: boolean; online: boolean; receipts: number };
  receipts: DemoReceipt[];
}

export const fetchDemoPrinter = (last = 5, signal?: AbortSignal) =>
  getJson<DemoPrinter>(`/demo/printer?last=${last}`, signal);
