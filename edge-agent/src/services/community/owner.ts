/**
 * The owner kiosk's decisions: a session's seats are given, returned and
 * marked attended only here, each in one transaction with its outbox event,
 * whether the resident stands at this kiosk or another kiosk asked over MQTT.
 */
import type { Refusal, SessionAudience } from "@linli/protocols/api";
import { Priority } from "../../uplink/outbox.js";
import type { BookingRow } from "./booking-rows.js";
import type { CommunityContext } from "./context.js";
import { definitionOf, type SessionRow } from "./sessions.js";

export interface OwnerBookInput {
  bookingId: string;
  sessionId: string;
  seats: number;
  eligible: boolean;
  phoneLastFour: string | null;
  phoneKey: string | null;
  origin: string;
  correlationId: string | null;
  printWanted: boolean;
}

export type OwnerOutcome =
  | { ok: true; row: BookingRow; code: string; seatsLeft: number }
  | { ok: false; refusal: Refusal };

const AUDIENCE_WORDS: Readonly<Record<Exclude<SessionAudience, "everyone">, string>> = {
  elderly: "60 岁以上老人",
  "job-seekers": "求职的居民",
  residents: "本社区居民",
};

export function titleOf(session: SessionRow): string {
  return definitionOf(session).titleZh;
}

export function seatsLeft(session: SessionRow): number {
  return Math.max(0, session.capacity - session.seats_taken);
}

/**
 * Books seats of an own session, or says why not. `during` runs inside the
 * same transaction once the seats are taken (the ticket print job), so a
 * failure there gives the seats back.
 */
export function ownerBook(
  ctx: CommunityContext,
  input: OwnerBookInput,
  during?: (row: BookingRow, code: string) => Partial<BookingRow>,
): OwnerOutcome {
  return ctx.db.transaction((): OwnerOutcome => {
    const at = ctx.now();
    const session = ctx.sessions.get(input.sessionId);
    if (!session || session.owner !== ctx.kiosk.id) {
      return refuse("not-found", "没有找到这个活动，可能已经取消，请返回刷新后再看");
    }
    const title = titleOf(session);
    if (session.status !== "open") return refuse("closed", `「${title}」已停止预约`);
    if (new Date(session.starts_at) <= at) {
      return refuse("started", `「${title}」已经开始，不能再预约`);
    }
    if (input.seats > session.max_seats) {
      return refuse("too-many-seats", `「${title}」每次最多预约 ${session.max_seats} 位`);
    }
    const audience = definitionOf(session).audience;
    if (audience !== "everyone" && !input.eligible) {
      return refuse("not-eligible", `「${title}」仅限${AUDIENCE_WORDS[audience]}预约`);
    }
    if (
      input.phoneKey !== null &&
      ctx.bookings.activeForPhone(session.id, input.origin, input.phoneKey)
    ) {
      return refuse(
        "duplicate",
        `尾号 ${input.phoneLastFour ?? ""} 的手机已预约过「${title}」，不用重复预约`,
      );
    }
    if (!ctx.sessions.take(session.id, input.seats, at)) {
      const left = seatsLeft(session);
      return refuse(
        "full",
        left === 0
          ? `「${title}」名额已满，请选择其他场次`
          : `「${title}」只剩 ${left} 个名额，不够 ${input.seats} 位`,
      );
    }
    const { code, hash } = ctx.keys.newCode((candidate) => ctx.bookings.codeInUse(candidate));
    const row: BookingRow = {
      id: input.bookingId,
      session_id: session.id,
      owner: ctx.kiosk.id,
      origin: input.origin,
      seats: input.seats,
      state: "confirmed",
      code_hash: hash,
      phone_last_four: input.phoneLastFour,
      phone_key: input.phoneKey,
      correlation_id: input.correlationId,
      deadline_at: null,
      print_wanted: input.printWanted ? 1 : 0,
      refusal_reason: null,
      refusal_message: null,
      ticket_job_id: null,
      ticket_printer_id: null,
      attended_at: null,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    ctx.bookings.insert(row);
    const printed = during?.(row, code) ?? {};
    if (Object.keys(printed).length > 0) {
      ctx.bookings.update(row.id, { ...printed, updated_at: row.updated_at });
    }
    const after = ctx.sessions.get(session.id) ?? session;
    ctx.outbox.add(
      "booking.created",
      {
        bookingId: row.id,
        sessionId: session.id,
        kind: definitionOf(session).kind,
        origin: input.origin,
        seats: input.seats,
        withPhone: input.phoneKey !== null,
        seatsLeft: seatsLeft(after),
        at: row.created_at,
      },
      Priority.kept,
    );
    return { ok: true, row: { ...row, ...printed }, code, seatsLeft: seatsLeft(after) };
  })();
}

/** Gives a confirmed booking's seats back; false when it was not confirmed (nothing changes). */
export function ownerCancel(ctx: CommunityContext, row: BookingRow, by: string): boolean {
  return ctx.db.transaction((): boolean => {
    const current = ctx.bookings.get(row.id);
    if (current?.state !== "confirmed" || current.owner !== ctx.kiosk.id) return false;
    const at = ctx.now();
    ctx.bookings.update(row.id, { state: "cancelled", updated_at: at.toISOString() });
    ctx.sessions.release(current.session_id, current.seats, at);
    const session = ctx.sessions.get(current.session_id);
    ctx.outbox.add(
      "booking.cancelled",
      {
        bookingId: current.id,
        sessionId: current.session_id,
        origin: current.origin,
        seats: current.seats,
        by,
        seatsLeft: session ? seatsLeft(session) : null,
        at: at.toISOString(),
      },
      Priority.kept,
    );
    return true;
  })();
}

export function ownerAttendance(
  ctx: CommunityContext,
  row: BookingRow,
  attended: boolean,
): BookingRow {
  return ctx.db.transaction((): BookingRow => {
    const at = ctx.now().toISOString();
    const attendedAt = attended ? (row.attended_at ?? at) : null;
    ctx.bookings.update(row.id, { attended_at: attendedAt, updated_at: at });
    ctx.outbox.add(
      "attendance.marked",
      { bookingId: row.id, sessionId: row.session_id, seats: row.seats, attended, at },
      Priority.normal,
    );
    return { ...row, attended_at: attendedAt, updated_at: at };
  })();
}

function refuse(reason: Refusal["reason"], message: string): OwnerOutcome {
  return { ok: false, refusal: { reason, message } };
}
