import { LinliError } from "@linli/protocols";
import type { RosterEntry, SessionRoster } from "@linli/protocols/api";
import type { BookingRow } from "./booking-rows.js";
import type { CommunityContext } from "./context.js";
import { sessionView } from "./sessions.js";

/** One line of a roster: no more of a phone number than its last four digits. */
export function rosterEntryOf(row: BookingRow, number: number): RosterEntry {
  return {
    id: row.id,
    number,
    state: row.state,
    seats: row.seats,
    phoneLastFour: row.phone_last_four,
    origin: row.origin,
    attended: row.attended_at !== null,
    attendedAt: row.attended_at,
    createdAt: row.created_at,
  };
}

/** A session's bookings, numbered in booking order; only its owner kiosk has them. */
export function rosterOf(ctx: CommunityContext, sessionId: string): SessionRoster {
  const session = ctx.sessions.get(sessionId);
  if (!session) {
    throw new LinliError("LINLI_ERR_COMMUNITY_NO_SESSION", `no session ${sessionId}`, {
      status: 404,
    });
  }
  if (session.owner !== ctx.kiosk.id) {
    throw new LinliError(
      "LINLI_ERR_COMMUNITY_NOT_OWNER",
      `session ${sessionId} is run by kiosk ${session.owner}: its roster is kept there`,
      { status: 409 },
    );
  }
  const items = ctx.bookings
    .forSession(sessionId)
    .map((row, index) => rosterEntryOf(row, index + 1));
  const confirmed = items.filter((item) => item.state === "confirmed");
  return {
    session: sessionView(session, ctx.kiosk.id, true),
    seatsBooked: confirmed.reduce((sum, item) => sum + item.seats, 0),
    attended: confirmed.filter((item) => item.attended).reduce((sum, item) => sum + item.seats, 0),
    items,
  };
}
