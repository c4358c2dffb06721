import type {
  BookingRequest,
  BookingView,
  CentreDirectory,
  NoticesResponse,
  PrintAccepted,
  SessionsResponse,
} from "@linli/protocols/api";
import { getJson, postJson } from "./api.js";

/** Typed wrappers over the agent's community routes (edge-agent/src/http/routes/community.ts). */

export const fetchNotices = (signal?: AbortSignal) => getJson<NoticesResponse>("/notices", signal);

export const fetchSessions = (signal?: AbortSignal) =>
  getJson<SessionsResponse>("/community/sessions", signal);

export const bookSession = (request: BookingRequest, signal?: AbortSignal) =>
  postJson<BookingView>("/community/bookings", request, signal);

export const fetchBooking = (id: string, signal?: AbortSignal) =>
  getJson<BookingView>(`/community/bookings/${encodeURIComponent(id)}`, signal);

export const cancelBooking = (code: string, signal?: AbortSignal) =>
  postJson<BookingView>("/community/bookings/cancel", { code }, signal);

export const fetchDirectory = (signal?: AbortSignal) =>
  getJson<CentreDirectory>("/community/directory", signal);

export const printDirectory = (signal?: AbortSignal) =>
  postJson<PrintAccepted>("/community/directory/print", {}, signal);

/** "13812345678" → "138****5678" while it is typed: the screen never shows a whole number. */
export function maskedPhone(digits: string): string {
  if (digits.length <= 3) return digits;
  if (digits.length <= 7) return `${digits.slice(0, 3)}${"*".repeat(digits.length - 3)}`;
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}

export const isMobile = (digits: string): boolean => /^1[3-9][0-9]{9}$/.test(digits);
