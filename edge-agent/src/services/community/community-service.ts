/**
 * Community notices, the centre's bookable sessions and its directory.
 *
 * Sessions are owned by one kiosk, which alone gives seats (owner.ts), offline
 * too. Another kiosk of the site books through the owner over MQTT
 * (remote.ts): it records a pending booking, asks, and shows it pending until
 * the owner answers; while the owner is unreachable it promises nothing.
 */
import { randomUUID } from "node:crypto";
import { LinliError, phoneLastFour } from "@linli/protocols";
import type {
  BookingRequest,
  BookingView,
  CentreDirectory,
  CommunitySession,
  NoticesResponse,
  PrintAccepted,
  RosterEntry,
  SessionDefinition,
  SessionRoster,
  SessionsResponse,
} from "@linli/protocols/api";
import type { PrinterDriver } from "../../devices/printer/printer-driver.js";
import { createLogger, type Logger } from "../../log.js";
import {
  recordEssential,
  reportStoreFailure,
  requireStoreWritable,
  type SqliteDatabase,
} from "../../store/index.js";
import type { ServiceOutbox } from "../parcels/types.js";
import { answerPeer } from "./answer.js";
import { type BookingRow, BookingRows } from "./booking-rows.js";
import { CommunityKeys, WrongCodeLimiter } from "./codes.js";
import type { CommunityContext } from "./context.js";
import { DEMO_DIRECTORY, demoNotices, demoSessions } from "./demo-centre.js";
import { directoryDocument, rosterDocument, ticketDocument } from "./documents.js";
import { NoticeBoard } from "./notices.js";
import { ownerAttendance, ownerBook, ownerCancel } from "./owner.js";
import { type CommunityLink, CommunityPeer, communityTopics } from "./peer.js";
import { Requests } from "./remote.js";
import { rosterEntryOf, rosterOf } from "./roster.js";
import { announced, definitionOf, SessionRows, sessionView } from "./sessions.js";
import { bookingView, refused, unreachable } from "./views.js";

export interface CommunityServiceOptions {
  readonly db: SqliteDatabase;
  readonly outbox: ServiceOutbox;
  readonly kiosk: { readonly site: string; readonly id: string; readonly name: string };
  /** The uplink: without it the kiosk books only its own sessions. */
  readonly link?: CommunityLink;
  /** Where tickets, rosters and the directory print (the guide service's choice). */
  readonly printers?: { choosePrinter(id?: string): PrinterDriver };
  /** Seeds the demo centre's sessions, notices and directory. */
  readonly demo?: boolean;
  /** How long a pending booking waits for its owner; 8 s by default. */
  readonly replyTimeoutMs?: number;
  /** How long a booking's code is shown again to the screen that made it; 10 min by default. */
  readonly codeShownMs?: number;
  readonly now?: () => Date;
  readonly log?: Logger;
}

export class CommunityService {
  readonly #options: CommunityServiceOptions;
  #ctx: CommunityContext | undefined;
  #notices: NoticeBoard | undefined;
  #peer: CommunityPeer | undefined;
  #requests: Requests | undefined;
  readonly #limiter = new WrongCodeLimiter();
  readonly #shown = new Map<string, { code: string; until: number }>();
  #timer: NodeJS.Timeout | undefined;
  #announceTimer: NodeJS.Timeout | undefined;

  constructor(options: CommunityServiceOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    if (this.#ctx) return;
    const { db, outbox, kiosk } = this.#options;
    const now = this.#options.now ?? (() => new Date());
    const log = (this.#options.log ?? createLogger({ level: "silent" })).child({
      service: "community",
    });
    const ctx: CommunityContext = {
      db,
      outbox,
      kiosk,
      sessions: new SessionRows(db, kiosk.id),
      bookings: new BookingRows(db),
      keys: new CommunityKeys(db),
      now,
      log,
    };
    this.#ctx = ctx;
    this.#notices = new NoticeBoard(db);
    if (this.#options.demo) this.#seedDemo(ctx);
    const link = this.#options.link;
    if (link) {
      const topics = communityTopics(kiosk.site, kiosk.id);
      const requests = new Requests({
        ctx,
        topics,
        timeoutMs: this.#options.replyTimeoutMs ?? 8_000,
        send: (owner, request) =>
          this.#peer?.request(owner, request) ?? Promise.reject(new Error("no uplink")),
        connected: () => this.#peer?.connected ?? false,
        onConfirmed: (row, code) => this.#confirmedRemotely(row, code),
      });
      this.#requests = requests;
      const peer = new CommunityPeer({
        link,
        topics,
        kiosk: kiosk.id,
        log,
        handlers: {
          notices: (scope, list) => {
            this.#notices?.replace(scope, list.notices, now());
            log.info({ scope, notices: list.notices.length }, "community: notices applied");
          },
          directory: (directory) => this.#storeDirectory(directory, "site"),
          announcement: (owner, announcement) => {
            const skipped = ctx.sessions.applyAnnouncement(owner, announcement.sessions, now());
            if (skipped.length > 0) {
              log.warn(
                { owner, skipped },
                "community: another kiosk announced sessions with this kiosk's ids",
              );
            }
          },
          status: (other, online) => requests.ownerStatus(other, online),
          request: async (request) =>
            answerPeer(ctx, request, {
              shownCode: (id) => this.#shownCode(id),
              show: (id, code) => this.#show(id, code),
              announce: () => this.#announceSoon(),
              wrongCode: (atMs) => this.#limiter.wrong(atMs),
            }),
          reply: (reply) => requests.replied(reply),
          connected: () => this.#announceSoon(),
        },
      });
      this.#peer = peer;
      await peer.start();
      if (peer.connected) this.#announceSoon();
    }
    this.#timer = setInterval(() => this.#safely(() => this.#requests?.expire()), 500);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    clearTimeout(this.#announceTimer);
    this.#peer?.stop();
    this.#requests?.stop();
    this.#peer = undefined;
    this.#requests = undefined;
    this.#ctx = undefined;
  }

  get #started(): CommunityContext {
    if (!this.#ctx) {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_NOT_STARTED",
        "the community service is not started",
        {
          status: 503,
        },
      );
    }
    return this.#ctx;
  }

  notices(): NoticesResponse {
    const ctx = this.#started;
    return { items: this.#notices?.valid(ctx.now()) ?? [] };
  }

  /** Upcoming sessions, own and other kiosks', with seats left and whether booking can be decided now. */
  sessions(): SessionsResponse {
    const ctx = this.#started;
    const items = ctx.sessions
      .upcoming(ctx.now())
      .map((row) => sessionView(row, ctx.kiosk.id, this.#requests?.reachable(row.owner) ?? false));
    return { kiosk: ctx.kiosk.id, uplinkConnected: this.#peer?.connected ?? false, items };
  }

  /** Adds or changes one of this kiosk's sessions (operator); announced to the site. */
  defineSession(definition: SessionDefinition): CommunitySession {
    const ctx = this.#started;
    if (new Date(definition.endsAt) <= new Date(definition.startsAt)) {
      throw new LinliError("LINLI_ERR_COMMUNITY_BAD_SESSION", "endsAt must be after startsAt", {
        status: 400,
      });
    }
    const existing = ctx.sessions.get(definition.id);
    if (existing && existing.owner !== ctx.kiosk.id) {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_NOT_OWNER",
        `session ${definition.id} is run by kiosk ${existing.owner}; change it there`,
        { status: 409 },
      );
    }
    const row = ctx.sessions.define(definition, ctx.now());
    this.#announceSoon();
    return sessionView(row, ctx.kiosk.id, true);
  }

  /**
   * Books a session: decided at once for this kiosk's own sessions; for
   * another kiosk's, answered `pending` while the owner is asked.
   */
  book(request: BookingRequest): BookingView {
    const ctx = this.#started;
    // Refused before a seat is taken or a ticket printed when the store cannot record it.
    requireStoreWritable(ctx.db);
    const session = ctx.sessions.get(request.sessionId);
    if (!session) {
      throw new LinliError("LINLI_ERR_COMMUNITY_NO_SESSION", "没有找到这个活动，请返回刷新后再看", {
        status: 404,
        details: { reason: "not-found" },
      });
    }
    const phone = request.phone;
    const print = phone === undefined ? true : (request.print ?? false);
    const seats = request.seats ?? 1;
    const lastFour = phone === undefined ? null : phoneLastFour(phone);
    const phoneKey = phone === undefined ? null : ctx.keys.phoneKey(phone);
    if (session.owner !== ctx.kiosk.id) {
      const requests = this.#requests;
      if (!requests) throw unreachable(session, "本机没有连接上级网络");
      if (print) this.#printer();
      const row = recordEssential(ctx.db, () =>
        requests.book({
          session,
          seats,
          eligible: request.eligible ?? false,
          phoneLastFour: lastFour,
          phoneKey,
          print,
        }),
      );
      return bookingView(ctx, row, null);
    }
    const printer = print ? this.#printer() : undefined;
    const outcome = recordEssential(ctx.db, () =>
      ownerBook(
        ctx,
        {
          bookingId: randomUUID(),
          sessionId: session.id,
          seats,
          eligible: request.eligible ?? false,
          phoneLastFour: lastFour,
          phoneKey,
          origin: ctx.kiosk.id,
          correlationId: null,
          printWanted: print,
        },
        printer ? (row, code) => this.#printTicket(printer, row, code) : undefined,
      ),
    );
    if (!outcome.ok) throw refused(outcome.refusal);
    this.#show(outcome.row.id, outcome.code);
    this.#announceSoon();
    return bookingView(ctx, outcome.row, outcome.code);
  }

  /** A booking as its screen follows it: pending until the owner answers. */
  booking(id: string): BookingView {
    const ctx = this.#started;
    const row = ctx.bookings.get(id);
    if (!row) {
      throw new LinliError("LINLI_ERR_COMMUNITY_NO_BOOKING", `no booking ${id}`, { status: 404 });
    }
    return bookingView(ctx, row, this.#shownCode(id));
  }

  /** Cancels by the ticket's code, here or through the session's owner. */
  async cancel(code: string): Promise<BookingView> {
    const ctx = this.#started;
    // A cancellation frees a seat: refused unless the store can record it.
    requireStoreWritable(ctx.db);
    const nowMs = ctx.now().getTime();
    this.#limiter.check(nowMs);
    const row = ctx.bookings.activeByCode(ctx.keys.codeHash(code));
    if (row && row.owner === ctx.kiosk.id) {
      recordEssential(ctx.db, () => ownerCancel(ctx, row, ctx.kiosk.id));
      this.#announceSoon();
      return bookingView(ctx, ctx.bookings.get(row.id) ?? row, null);
    }
    const requests = this.#requests;
    if (row && requests) return bookingView(ctx, await requests.cancelCopy(row), null);
    const found = requests ? await requests.cancelElsewhere(code) : undefined;
    if (found) return found;
    this.#limiter.wrong(nowMs);
    throw new LinliError(
      "LINLI_ERR_COMMUNITY_WRONG_CODE",
      "预约码不对，或这个预约已经取消了，请核对凭条上的预约码",
      {
        status: 404,
        details: { reason: "wrong-code" },
      },
    );
  }

  directory(): CentreDirectory {
    const row = this.#started.db
      .prepare("SELECT directory FROM community_directory WHERE slot = 1")
      .get() as { directory: string } | undefined;
    if (!row) {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_NO_DIRECTORY",
        "中心的服务指南还没有下发，请到服务台咨询",
        { status: 404 },
      );
    }
    return JSON.parse(row.directory) as CentreDirectory;
  }

  printDirectory(): PrintAccepted {
    const ctx = this.#started;
    const printer = this.#printer();
    const job = printer.print(directoryDocument(this.directory(), ctx.now()), {
      jobId: `directory-${randomUUID()}`,
    });
    return { jobId: job.id, printerId: printer.id };
  }

  /** A session's bookings for the operator; only the owner kiosk has them. */
  roster(sessionId: string): SessionRoster {
    return rosterOf(this.#started, sessionId);
  }

  printRoster(sessionId: string): PrintAccepted {
    const ctx = this.#started;
    const roster = this.roster(sessionId);
    const printer = this.#printer();
    const { session } = roster;
    const job = printer.print(
      rosterDocument({
        centre: ctx.kiosk.name,
        title: session.titleZh,
        place: session.placeZh,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        capacity: session.capacity,
        entries: roster.items,
        printedAt: ctx.now(),
      }),
      { jobId: `roster-${randomUUID()}` },
    );
    return { jobId: job.id, printerId: printer.id };
  }

  markAttendance(bookingId: string, attended: boolean): RosterEntry {
    const ctx = this.#started;
    const row = ctx.bookings.get(bookingId);
    if (!row || row.owner !== ctx.kiosk.id) {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_NO_BOOKING",
        `no booking ${bookingId} on this kiosk's sessions`,
        {
          status: 404,
        },
      );
    }
    if (row.state !== "confirmed") {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_NOT_CONFIRMED",
        `booking ${bookingId} is ${row.state}: only a confirmed booking can be marked attended`,
        { status: 409 },
      );
    }
    const marked = ownerAttendance(ctx, row, attended);
    const number =
      ctx.bookings.forSession(row.session_id).findIndex((entry) => entry.id === row.id) + 1;
    return rosterEntryOf(marked, number);
  }

  /** A remote booking was confirmed: show its code, print its ticket if asked. */
  #confirmedRemotely(row: BookingRow, code: string): Partial<BookingRow> {
    this.#show(row.id, code);
    if (row.print_wanted !== 1) return {};
    try {
      return this.#printTicket(this.#printer(), row, code);
    } catch (error) {
      this.#started.log.warn({ err: error, bookingId: row.id }, "community: ticket not printed");
      return {};
    }
  }

  #printTicket(printer: PrinterDriver, row: BookingRow, code: string): Partial<BookingRow> {
    const ctx = this.#started;
    const session = ctx.sessions.get(row.session_id);
    if (!session) return {};
    const definition = definitionOf(session);
    const job = printer.print(
      ticketDocument({
        centre: ctx.kiosk.name,
        title: definition.titleZh,
        place: definition.placeZh,
        startsAt: session.starts_at,
        endsAt: session.ends_at,
        seats: row.seats,
        code,
        phoneLastFour: row.phone_last_four,
        ...(definition.noteZh === undefined ? {} : { note: definition.noteZh }),
        printedAt: ctx.now(),
      }),
      { jobId: `ticket-${row.id}` },
    );
    return { ticket_job_id: job.id, ticket_printer_id: printer.id };
  }

  #printer(): PrinterDriver {
    const printers = this.#options.printers;
    if (!printers) {
      throw new LinliError(
        "LINLI_ERR_COMMUNITY_NO_PRINTER",
        "本机暂时不能打印凭条，请留手机号预约或联系工作人员",
        {
          status: 503,
        },
      );
    }
    return printers.choosePrinter();
  }

  #show(id: string, code: string): void {
    const nowMs = this.#started.now().getTime();
    for (const [key, shown] of this.#shown) if (shown.until <= nowMs) this.#shown.delete(key);
    this.#shown.set(id, { code, until: nowMs + (this.#options.codeShownMs ?? 10 * 60_000) });
  }

  #shownCode(id: string): string | null {
    const shown = this.#shown.get(id);
    return shown && shown.until > this.#started.now().getTime() ? shown.code : null;
  }

  #storeDirectory(directory: CentreDirectory, source: "local" | "site"): void {
    this.#started.db
      .prepare(
        `INSERT INTO community_directory (slot, directory, source, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (slot) DO UPDATE SET directory = excluded.directory, source = excluded.source,
           updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(directory), source, this.#started.now().toISOString());
  }

  #seedDemo(ctx: CommunityContext): void {
    const at = ctx.now();
    for (const definition of demoSessions(ctx.kiosk.id, at)) {
      if (!ctx.sessions.get(definition.id)) ctx.sessions.define(definition, at);
    }
    if (this.#notices?.count("local") === 0) this.#notices.replace("local", demoNotices(at), at);
    const hasDirectory = ctx.db.prepare("SELECT 1 FROM community_directory").get() !== undefined;
    if (!hasDirectory) this.#storeDirectory(DEMO_DIRECTORY, "local");
  }

  /** Publishes this kiosk's sessions (retained) shortly after a change, once per burst. */
  #announceSoon(): void {
    if (!this.#peer || this.#announceTimer) return;
    this.#announceTimer = setTimeout(() => {
      this.#announceTimer = undefined;
      const ctx = this.#ctx;
      const peer = this.#peer;
      if (!ctx || !peer?.connected) return;
      const sessions = ctx.sessions
        .owned()
        .filter((row) => new Date(row.ends_at) > ctx.now())
        .map(announced);
      peer
        .announce({ owner: ctx.kiosk.id, publishedAt: ctx.now().toISOString(), sessions })
        .catch((error: unknown) =>
          ctx.log.warn({ err: error }, "community: sessions not announced"),
        );
    }, 50);
    this.#announceTimer.unref();
  }

  #safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (this.#ctx && reportStoreFailure(this.#ctx.db, error)) return;
      this.#ctx?.log.error({ err: error }, "community service background step failed");
    }
  }
}
