/**
 * The owner kiosk's answers to other kiosks of the site: a booking decided
 * exactly as if the resident stood here (owner.ts), a cancellation by the
 * booking's id (only from the kiosk that took it) or by the ticket's code.
 * A request past its deadline is refused unread: the asking kiosk has
 * already told the resident that nothing was booked.
 */
import type { PeerReply, PeerRequest } from "@linli/protocols/api";
import type { BookingRow } from "./booking-rows.js";
import { isBookingCode } from "./codes.js";
import type { CommunityContext } from "./context.js";
import { ownerBook, ownerCancel } from "./owner.js";

export interface AnswerHooks {
  /** The code of a booking confirmed moments ago, to answer a repeated request the same way. */
  shownCode(id: string): string | null;
  show(id: string, code: string): void;
  /** The seats changed: announce the owner's sessions again. */
  announce(): void;
  wrongCode(atMs: number): void;
}

/** The owner's answer to another kiosk's request; never throws for a request it can refuse. */
export function answerPeer(
  ctx: CommunityContext,
  request: PeerRequest,
  hooks: AnswerHooks,
): PeerReply {
  const at = ctx.now();
  const error = (reason: "owner-no-answer" | "wrong-code" | "not-found", message: string) =>
    ({
      correlationId: request.correlationId,
      status: "error",
      error: { reason, message },
    }) as const;
  if (new Date(request.deadline) < at) {
    return error("owner-no-answer", "请求到达时已超时，没有预留名额，请重新预约");
  }
  if (request.kind === "book") {
    const known = ctx.bookings.byCorrelation(request.correlationId);
    if (known) {
      const code = hooks.shownCode(known.id);
      if (known.state === "confirmed" && code !== null) {
        return okReply(ctx, request.correlationId, known, code);
      }
      return error("not-found", "这个预约请求已处理过，请重新预约");
    }
    const outcome = ownerBook(ctx, {
      bookingId: request.correlationId,
      sessionId: request.sessionId,
      seats: request.seats,
      eligible: request.eligible,
      phoneLastFour: request.phoneLastFour,
      phoneKey: request.phoneKey,
      origin: request.from,
      correlationId: request.correlationId,
      printWanted: false,
    });
    if (!outcome.ok) {
      return { correlationId: request.correlationId, status: "error", error: outcome.refusal };
    }
    hooks.show(outcome.row.id, outcome.code);
    hooks.announce();
    return okReply(ctx, request.correlationId, outcome.row, outcome.code);
  }
  const row =
    request.bookingId !== undefined
      ? ctx.bookings.get(request.bookingId)
      : request.code !== undefined && isBookingCode(request.code)
        ? ctx.bookings.activeByCode(ctx.keys.codeHash(request.code))
        : undefined;
  // By id only the kiosk that took the booking may cancel it; by code, whoever holds the ticket.
  const allowed = row && (request.bookingId === undefined || row.origin === request.from);
  if (!row || !allowed || row.owner !== ctx.kiosk.id || row.state !== "confirmed") {
    if (request.code !== undefined) hooks.wrongCode(at.getTime());
    return error("wrong-code", "预约码不对，或这个预约已经取消了");
  }
  ownerCancel(ctx, row, request.from);
  hooks.announce();
  const after = ctx.bookings.get(row.id) ?? row;
  const session = ctx.sessions.get(row.session_id);
  return {
    correlationId: request.correlationId,
    status: "ok",
    booking: {
      id: after.id,
      sessionId: after.session_id,
      state: "cancelled",
      seats: after.seats,
      seatsLeft: session ? Math.max(0, session.capacity - session.seats_taken) : 0,
    },
  };
}

function okReply(
  ctx: CommunityContext,
  correlationId: string,
  row: BookingRow,
  code: string,
): PeerReply {
  const session = ctx.sessions.get(row.session_id);
  return {
    correlationId,
    status: "ok",
    booking: {
      id: row.id,
      sessionId: row.session_id,
      state: "confirmed",
      seats: row.seats,
      code,
      seatsLeft: session ? Math.max(0, session.capacity - session.seats_taken) : 0,
    },
  };
}
