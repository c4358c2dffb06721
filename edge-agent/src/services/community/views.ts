import { LinliError } from "@linli/protocols";
import type { BookingView, Refusal } from "@linli/protocols/api";
import type { BookingRow } from "./booking-rows.js";
import { bookingQrOf, spacedCode } from "./codes.js";
import type { CommunityContext } from "./context.js";
import { definitionOf, type SessionRow } from "./sessions.js";

/** A booking as the resident's screen shows it, with what to tell them. */
export function bookingView(
  ctx: CommunityContext,
  row: BookingRow,
  code: string | null,
): BookingView {
  const session = ctx.sessions.get(row.session_id);
  const definition = session ? definitionOf(session) : undefined;
  const title = definition?.titleZh ?? "活动";
  const shownCode = row.state === "confirmed" ? code : null;
  const refusal: Refusal | null =
    row.refusal_reason !== null
      ? { reason: row.refusal_reason, message: row.refusal_message ?? "" }
      : null;
  return {
    id: row.id,
    sessionId: row.session_id,
    owner: row.owner,
    session:
      session && definition
        ? {
            titleZh: definition.titleZh,
            titleEn: definition.titleEn,
            placeZh: definition.placeZh,
            placeEn: definition.placeEn,
            startsAt: session.starts_at,
            endsAt: session.ends_at,
          }
        : null,
    state: row.state,
    seats: row.seats,
    phoneLastFour: row.phone_last_four,
    code: shownCode,
    qr: shownCode === null ? null : bookingQrOf(shownCode),
    refusal,
    ticket:
      row.ticket_job_id !== null && row.ticket_printer_id !== null
        ? { jobId: row.ticket_job_id, printerId: row.ticket_printer_id }
        : null,
    message: messageOf(row, title, shownCode),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function messageOf(row: BookingRow, title: string, code: string | null): string {
  switch (row.state) {
    case "pending":
      return `正在向中心确认「${title}」的名额，请稍候，确认前没有为您保留名额`;
    case "confirmed": {
      const how =
        row.ticket_job_id !== null
          ? "请取走凭条，到场时出示"
          : row.phone_last_four !== null
            ? `到场时报手机尾号 ${row.phone_last_four}`
            : "请记下预约码";
      return `「${title}」预约成功，${row.seats} 位。${how}${code ? `；预约码 ${spacedCode(code)}` : ""}`;
    }
    case "cancelled":
      return `已取消「${title}」的预约，名额已经让出`;
    default:
      return row.refusal_message ?? `「${title}」没有预约成功`;
  }
}

export function refused(refusal: Refusal): LinliError {
  return new LinliError("LINLI_ERR_COMMUNITY_REFUSED", refusal.message, {
    status: 409,
    details: { reason: refusal.reason },
  });
}

/** The owner of a session cannot be asked now: nothing is booked, nothing promised. */
export function unreachable(session: SessionRow, why: string): LinliError {
  const title = definitionOf(session).titleZh;
  return new LinliError(
    "LINLI_ERR_COMMUNITY_OWNER_UNREACHABLE",
    `「${title}」由中心的 ${session.owner} 号自助机管理名额，${why}，现在无法预约，没有为您保留名额。请稍后再试，或到中心服务台预约`,
    { status: 503, details: { reason: "owner-unreachable", owner: session.owner } },
  );
}
