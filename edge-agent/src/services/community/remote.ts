/**
 * The asking kiosk's side of booking another kiosk's session: a pending
 * booking, the request to the owner, the owner's answer (or none by the
 * deadline), and cancellations forwarded to the owner. Nothing here promises
 * a seat: only the owner's confirmation does.
 */
import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import type { BookingView, PeerReply, PeerRequest } from "@linli/protocols/api";
import type { BookingRow } from "./booking-rows.js";
import type { CommunityContext } from "./context.js";
import type { CommunityTopics } from "./peer.js";
import { definitionOf, type SessionRow } from "./sessions.js";
import { bookingView, refused, unreachable } from "./views.js";

/** What a forwarded cancellation names: the booking (by this kiosk) or the ticket's code. */
type Ask = { kind: "cancel"; bookingId?: string; code?: string };

export interface RemoteBookInput {
  session: SessionRow;
  seats: number;
  eligible: boolean;
  phoneLastFour: string | null;
  phoneKey: string | null;
  print: boolean;
}

export interface RequestsOptions {
  ctx: CommunityContext;
  topics: CommunityTopics;
  timeoutMs: number;
  send(owner: string, request: PeerRequest): Promise<void>;
  connected(): boolean;
  /** Runs in the confirming transaction; returns what to record (the ticket's job). */
  onConfirmed(row: BookingRow, code: string): Partial<BookingRow>;
}

export class Requests {
  readonly #options: RequestsOptions;
  readonly #online = new Map<string, boolean>();
  readonly #waiters = new Map<string, (reply: PeerReply | Error) => void>();

  constructor(options: RequestsOptions) {
    this.#options = options;
  }

  ownerStatus(kiosk: string, online: boolean): void {
    this.#online.set(kiosk, online);
  }

  /** Connected upstream and the owner's retained status says online. */
  reachable(owner: string): boolean {
    return this.#options.connected() && this.#online.get(owner) === true;
  }

  book(input: RemoteBookInput): BookingRow {
    const { ctx, topics } = this.#options;
    const { session } = input;
    if (!this.reachable(session.owner)) {
      throw unreachable(
        session,
        this.#options.connected() ? "它现在联系不上" : "本机现在没有连上网络",
      );
    }
    if (
      input.phoneKey !== null &&
      ctx.bookings.activeForPhone(session.id, ctx.kiosk.id, input.phoneKey)
    ) {
      throw refused({
        reason: "duplicate",
        message: `尾号 ${input.phoneLastFour ?? ""} 的手机已预约过「${definitionOf(session).titleZh}」，不用重复预约`,
      });
    }
    const at = ctx.now();
    const id = randomUUID();
    const deadline = new Date(at.getTime() + this.#options.timeoutMs).toISOString();
    const row: BookingRow = {
      id,
      session_id: session.id,
      owner: session.owner,
      origin: ctx.kiosk.id,
      seats: input.seats,
      state: "pending",
      code_hash: null,
      phone_last_four: input.phoneLastFour,
      phone_key: input.phoneKey,
      correlation_id: id,
      deadline_at: deadline,
      print_wanted: input.print ? 1 : 0,
      refusal_reason: null,
      refusal_message: null,
      ticket_job_id: null,
      ticket_printer_id: null,
      attended_at: null,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    ctx.bookings.insert(row);
    this.#options
      .send(session.owner, {
        kind: "book",
        correlationId: id,
        from: ctx.kiosk.id,
        replyTo: topics.replies,
        deadline,
        sessionId: session.id,
        seats: input.seats,
        eligible: input.eligible,
        phoneLastFour: input.phoneLastFour,
        phoneKey: input.phoneKey,
      })
      .catch((error: unknown) => {
        ctx.log.warn({ err: error, bookingId: id }, "community: booking request not sent");
        this.#settle(id, "refused", {
          refusal_reason: "owner-unreachable",
          refusal_message: "请求没有发出去，没有为您保留名额，请稍后再试",
        });
      });
    return row;
  }

  /** An answer from an owner: to a pending booking, or to a waiting cancellation. */
  replied(reply: PeerReply): void {
    const waiter = this.#waiters.get(reply.correlationId);
    if (waiter) {
      waiter(reply);
      return;
    }
    const { ctx } = this.#options;
    const row = ctx.bookings.byCorrelation(reply.correlationId);
    if (!row || row.origin !== ctx.kiosk.id) return;
    if (row.state !== "pending") {
      if (reply.status === "ok" && reply.booking.state === "confirmed") {
        // Confirmed after the resident was told nothing was booked: give the seats back.
        ctx.log.warn(
          { bookingId: row.id },
          "community: late confirmation, cancelling it at the owner",
        );
        void this.#ask(row.owner, { kind: "cancel", bookingId: row.id }).catch(() => undefined);
      }
      return;
    }
    if (reply.status === "error") {
      this.#settle(row.id, "refused", {
        refusal_reason: reply.error.reason,
        refusal_message: reply.error.message,
      });
      return;
    }
    const { code } = reply.booking;
    if (reply.booking.state !== "confirmed" || code === undefined) return;
    ctx.db.transaction(() => {
      const at = ctx.now().toISOString();
      ctx.bookings.update(row.id, {
        state: "confirmed",
        code_hash: ctx.keys.codeHash(code),
        deadline_at: null,
        updated_at: at,
      });
      const extra = this.#options.onConfirmed({ ...row, state: "confirmed" }, code);
      if (Object.keys(extra).length > 0) ctx.bookings.update(row.id, { ...extra, updated_at: at });
      this.#cacheSeatsLeft(row.session_id, reply.booking.seatsLeft);
    })();
  }

  /** Pending bookings past their deadline: nothing was promised, and the resident is told so. */
  expire(): void {
    const { ctx } = this.#options;
    for (const row of ctx.bookings.pendingPast(ctx.now())) {
      const session = ctx.sessions.get(row.session_id);
      const title = session ? definitionOf(session).titleZh : "活动";
      this.#settle(row.id, "expired", {
        refusal_reason: "owner-no-answer",
        refusal_message: `没有等到管理「${title}」的自助机确认，没有为您保留名额，请稍后再试，或到中心服务台预约`,
      });
    }
  }

  /** Cancels this kiosk's copy of a booking at its owner. */
  async cancelCopy(row: BookingRow): Promise<BookingRow> {
    const { ctx } = this.#options;
    const session = ctx.sessions.get(row.session_id);
    if (row.state === "pending") {
      throw new LinliError("LINLI_ERR_COMMUNITY_PENDING", "这个预约还在等中心确认，请稍后再取消", {
        status: 409,
      });
    }
    const reply = await this.#ask(row.owner, { kind: "cancel", bookingId: row.id }, session);
    const at = ctx.now().toISOString();
    // Either way the owner holds no seats for it any more (cancelled now, or before at the owner).
    ctx.bookings.update(row.id, { state: "cancelled", updated_at: at });
    if (reply.status === "ok") this.#cacheSeatsLeft(row.session_id, reply.booking.seatsLeft);
    return ctx.bookings.get(row.id) ?? row;
  }

  /** A code this kiosk does not know may be for another kiosk's session: asks its owners. */
  async cancelElsewhere(code: string): Promise<BookingView | undefined> {
    const { ctx } = this.#options;
    const owners = [
      ...new Set(
        ctx.sessions
          .upcoming(ctx.now())
          .map((row) => row.owner)
          .filter((owner) => owner !== ctx.kiosk.id),
      ),
    ];
    if (owners.length === 0) return undefined;
    const reachable = owners.filter((owner) => this.reachable(owner));
    if (reachable.length === 0) {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_OWNER_UNREACHABLE",
        "本机没有找到这个预约码；它可能属于中心其他自助机管理的活动，现在联系不上，请稍后再试或到服务台取消",
        { status: 503, details: { reason: "owner-unreachable" } },
      );
    }
    const replies = await Promise.all(
      reachable.map((owner) => this.#ask(owner, { kind: "cancel", code }).catch(() => undefined)),
    );
    const ok = replies.find((reply) => reply?.status === "ok");
    if (ok?.status !== "ok") return undefined;
    const session = ctx.sessions.get(ok.booking.sessionId);
    this.#cacheSeatsLeft(ok.booking.sessionId, ok.booking.seatsLeft);
    const at = ctx.now().toISOString();
    return bookingView(
      ctx,
      {
        id: ok.booking.id,
        session_id: ok.booking.sessionId,
        owner: session?.owner ?? "",
        origin: "",
        seats: ok.booking.seats,
        state: "cancelled",
        code_hash: null,
        phone_last_four: null,
        phone_key: null,
        correlation_id: null,
        deadline_at: null,
        print_wanted: 0,
        refusal_reason: null,
        refusal_message: null,
        ticket_job_id: null,
        ticket_printer_id: null,
        attended_at: null,
        created_at: at,
        updated_at: at,
      },
      null,
    );
  }

  stop(): void {
    for (const waiter of this.#waiters.values()) waiter(new Error("the community service stopped"));
    this.#waiters.clear();
  }

  async #ask(owner: string, ask: Ask, session?: SessionRow): Promise<PeerReply> {
    const { ctx, topics, timeoutMs } = this.#options;
    if (!this.reachable(owner)) {
      if (session) throw unreachable(session, "它现在联系不上");
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_OWNER_UNREACHABLE",
        "管理这个预约的自助机现在联系不上，请稍后再试",
        {
          status: 503,
          details: { reason: "owner-unreachable" },
        },
      );
    }
    const correlationId = randomUUID();
    const deadline = new Date(ctx.now().getTime() + timeoutMs).toISOString();
    const answered = new Promise<PeerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(correlationId);
        reject(
          new LinliError(
            "LINLI_ERR_COMMUNITY_OWNER_NO_ANSWER",
            "管理这个预约的自助机没有回应，什么都没有改变，请稍后再试",
            {
              status: 504,
              details: { reason: "owner-no-answer" },
            },
          ),
        );
      }, timeoutMs);
      this.#waiters.set(correlationId, (reply) => {
        clearTimeout(timer);
        this.#waiters.delete(correlationId);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      });
    });
    const request: PeerRequest = {
      ...ask,
      correlationId,
      from: ctx.kiosk.id,
      replyTo: topics.replies,
      deadline,
    };
    await this.#options.send(owner, request).catch((error: unknown) => {
      this.#waiters.get(correlationId)?.(error instanceof Error ? error : new Error(String(error)));
    });
    return answered;
  }

  #settle(id: string, state: "refused" | "expired", changes: Partial<BookingRow>): void {
    const { ctx } = this.#options;
    const row = ctx.bookings.get(id);
    if (row?.state !== "pending") return;
    ctx.bookings.update(id, {
      ...changes,
      state,
      deadline_at: null,
      updated_at: ctx.now().toISOString(),
    });
  }

  #cacheSeatsLeft(sessionId: string, seatsLeft: number): void {
    const { ctx } = this.#options;
    ctx.db
      .prepare(
        `UPDATE community_sessions SET seats_taken = max(0, min(capacity, capacity - ?))
         WHERE id = ? AND owner != ?`,
      )
      .run(seatsLeft, sessionId, ctx.kiosk.id);
  }
}
