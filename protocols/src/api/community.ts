import Type, { type Static, type TSchema } from "typebox";

/**
 * The community centre's own offer: notices pushed from upstream, bookable
 * sessions (长者助餐 lunch slots, 公益课程, 就业指导) with their bookings and
 * printed tickets, and the centre's directory (rooms, hours, contacts, 就享家).
 *
 * A session is owned by one kiosk (the one at the centre that runs it); the
 * owner alone decides whether a seat is given, and other kiosks of the site
 * book through it over MQTT request/response (the Peer* schemas). Phone
 * numbers travel in only: what leaves the kiosk is the last four digits.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const strict = { additionalProperties: false } as const;
const At = Type.String({ format: "date-time", description: "an ISO 8601 date and time" });

const ItemId = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$",
  description: "1 to 80 letters, digits, _ . : or -, starting with a letter or digit",
});
const KioskId = Type.String({
  pattern: "^[a-z0-9][a-z0-9-]{0,62}$",
  description: "a kiosk id, as in its topics",
});
const ShortText = (description: string, maxLength = 80) =>
  Type.String({ minLength: 1, maxLength, description });

/* ------------------------------------------------------------------ notices */

export const NOTICE_PRIORITIES = ["urgent", "important", "normal"] as const;
export type NoticePriority = (typeof NOTICE_PRIORITIES)[number];
export const NOTICE_SCOPES = ["site", "kiosk", "local"] as const;
export type NoticeScope = (typeof NOTICE_SCOPES)[number];

/** One notice as upstream sends it. */
export const NoticeMessage = Type.Object(
  {
    id: ItemId,
    titleZh: ShortText("the title in Chinese, 1 to 80 characters"),
    titleEn: Type.Optional(ShortText("the title in English", 120)),
    bodyZh: ShortText("the text in Chinese, 1 to 1000 characters", 1000),
    bodyEn: Type.Optional(ShortText("the text in English", 2000)),
    priority: Type.Enum(NOTICE_PRIORITIES, { description: '"urgent", "important" or "normal"' }),
    validFrom: At,
    validUntil: At,
  },
  strict,
);
export type NoticeMessage = Static<typeof NoticeMessage>;

/**
 * What upstream publishes, retained, on `linli/v1/{site}/notices` (every
 * kiosk) or `linli/v1/{site}/{kiosk}/notices` (one kiosk): the whole list for
 * that scope, which replaces the previous one. An empty list clears it.
 */
export const NoticeList = Type.Object(
  {
    notices: Type.Array(NoticeMessage, { maxItems: 100 }),
    publishedAt: Type.Optional(At),
  },
  strict,
);
export type NoticeList = Static<typeof NoticeList>;

export const Notice = Type.Object({
  id: Type.String(),
  scope: Type.Enum(NOTICE_SCOPES),
  titleZh: Type.String(),
  titleEn: Nullable(Type.String()),
  bodyZh: Type.String(),
  bodyEn: Nullable(Type.String()),
  priority: Type.Enum(NOTICE_PRIORITIES),
  validFrom: Type.String(),
  validUntil: Type.String(),
});
export type Notice = Static<typeof Notice>;

/** The notices valid now, most urgent first. */
export const NoticesResponse = Type.Object({ items: Type.Array(Notice) });
export type NoticesResponse = Static<typeof NoticesResponse>;

/* ----------------------------------------------------------------- sessions */

export const SESSION_KINDS = ["meal", "course", "employment", "other"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
/** Who may book: the kiosk cannot check it, the resident confirms it (`eligible`). */
export const SESSION_AUDIENCES = ["everyone", "elderly", "job-seekers", "residents"] as const;
export type SessionAudience = (typeof SESSION_AUDIENCES)[number];
export const SESSION_STATUSES = ["open", "closed", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A session as its owner describes it (and announces it to the site). */
export const SessionDefinition = Type.Object(
  {
    id: ItemId,
    kind: Type.Enum(SESSION_KINDS, {
      description: '"meal" (助餐), "course" (公益课程), "employment" (就业指导) or "other"',
    }),
    titleZh: ShortText("the title in Chinese"),
    titleEn: ShortText("the title in English", 120),
    placeZh: ShortText("where, in Chinese"),
    placeEn: ShortText("where, in English", 120),
    startsAt: At,
    endsAt: At,
    capacity: Type.Integer({ minimum: 1, maximum: 1000, description: "seats, 1 to 1000" }),
    audience: Type.Enum(SESSION_AUDIENCES, {
      description: '"everyone", "elderly", "job-seekers" or "residents"',
    }),
    noteZh: Type.Optional(ShortText("a note in Chinese, e.g. the price", 200)),
    noteEn: Type.Optional(ShortText("a note in English", 300)),
    maxSeatsPerBooking: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, description: "seats one booking may take (1–10)" }),
    ),
  },
  strict,
);
export type SessionDefinition = Static<typeof SessionDefinition>;

export const AnnouncedSession = Type.Object({
  ...SessionDefinition.properties,
  maxSeatsPerBooking: Type.Integer({ minimum: 1, maximum: 10 }),
  seatsLeft: Type.Integer({ minimum: 0 }),
  status: Type.Enum(SESSION_STATUSES),
});
export type AnnouncedSession = Static<typeof AnnouncedSession>;

/** Retained on `linli/v1/{site}/{owner}/sessions` by the owner kiosk. */
export const SessionsAnnouncement = Type.Object({
  owner: KioskId,
  publishedAt: At,
  sessions: Type.Array(AnnouncedSession, { maxItems: 500 }),
});
export type SessionsAnnouncement = Static<typeof SessionsAnnouncement>;

export const CommunitySession = Type.Object({
  ...AnnouncedSession.properties,
  owner: Type.String(),
  /** This kiosk owns the session and decides its bookings alone, offline too. */
  local: Type.Boolean(),
  /** For a session of another kiosk: whether that kiosk answers now. */
  ownerReachable: Type.Boolean(),
  /** When the seats left were last heard from the owner. */
  updatedAt: Type.String(),
});
export type CommunitySession = Static<typeof CommunitySession>;

export const SessionsResponse = Type.Object({
  kiosk: Type.String(),
  /** Whether this kiosk is connected upstream (to ask other kiosks). */
  uplinkConnected: Type.Boolean(),
  items: Type.Array(CommunitySession),
});
export type SessionsResponse = Static<typeof SessionsResponse>;

/* ----------------------------------------------------------------- bookings */

export const BOOKING_STATES = ["pending", "confirmed", "refused", "cancelled", "expired"] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

/** Why a booking (or its cancellation) was refused; the message says it in words. */
export const BOOKING_REFUSALS = [
  "full",
  "closed",
  "started",
  "not-found",
  "not-eligible",
  "duplicate",
  "too-many-seats",
  "owner-unreachable",
  "owner-no-answer",
  "wrong-code",
] as const;
export type BookingRefusalReason = (typeof BOOKING_REFUSALS)[number];

export const BookingCode = Type.String({
  pattern: "^[0-9]{8}$",
  description: "the 8-digit booking code printed on the ticket",
});

export const BookingRequest = Type.Object(
  {
    sessionId: ItemId,
    phone: Type.Optional(
      Type.String({
        pattern: "^1[3-9][0-9]{9}$",
        description: "an 11-digit mobile number; only its last four digits are kept",
      }),
    ),
    seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: "1 to 10 seats" })),
    eligible: Type.Optional(
      Type.Boolean({ description: "the resident confirms they belong to the session's audience" }),
    ),
    print: Type.Optional(Type.Boolean({ description: "print a ticket (always, without a phone)" })),
  },
  strict,
);
export type BookingRequest = Static<typeof BookingRequest>;

export const BookingCancelRequest = Type.Object({ code: BookingCode }, strict);
export type BookingCancelRequest = Static<typeof BookingCancelRequest>;

export const BookingParams = Type.Object({ id: Type.String({ maxLength: 80 }) }, strict);
export type BookingParams = Static<typeof BookingParams>;

export const Refusal = Type.Object({
  reason: Type.Enum(BOOKING_REFUSALS),
  message: Type.String(),
});
export type Refusal = Static<typeof Refusal>;

export const BookingView = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  owner: Type.String(),
  session: Nullable(
    Type.Object({
      titleZh: Type.String(),
      titleEn: Type.String(),
      placeZh: Type.String(),
      placeEn: Type.String(),
      startsAt: Type.String(),
      endsAt: Type.String(),
    }),
  ),
  state: Type.Enum(BOOKING_STATES),
  seats: Type.Integer(),
  phoneLastFour: Nullable(Type.String()),
  /** Shown to the resident who just booked (a few minutes), never stored in the clear. */
  code: Nullable(Type.String()),
  /** What the ticket's QR code carries. */
  qr: Nullable(Type.String()),
  refusal: Nullable(Refusal),
  ticket: Nullable(Type.Object({ jobId: Type.String(), printerId: Type.String() })),
  /** What to tell the resident, in Chinese. */
  message: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type BookingView = Static<typeof BookingView>;

/* ------------------------------------------------------------ peer protocol */

/**
 * A booking or cancellation one kiosk asks of a session's owner, on
 * `linli/v1/{site}/{owner}/bookings/request`. The reply goes to `replyTo`
 * (also the MQTT 5 response topic where the broker speaks 5) and carries the
 * same `correlationId`. A request after its `deadline` is refused unread:
 * the asking kiosk has told the resident nothing was booked.
 */
export const PeerBookRequest = Type.Object(
  {
    kind: Type.Literal("book"),
    correlationId: Type.String({ pattern: "^[A-Za-z0-9-]{8,64}$" }),
    from: KioskId,
    replyTo: Type.String({ minLength: 1, maxLength: 200 }),
    deadline: At,
    sessionId: ItemId,
    seats: Type.Integer({ minimum: 1, maximum: 10 }),
    eligible: Type.Boolean(),
    phoneLastFour: Nullable(Type.String({ pattern: "^[0-9]{4}$" })),
    /** A keyed hash made by the asking kiosk: one booking per phone and session, never the number. */
    phoneKey: Nullable(Type.String({ pattern: "^[0-9a-f]{64}$" })),
  },
  strict,
);
export type PeerBookRequest = Static<typeof PeerBookRequest>;

export const PeerCancelRequest = Type.Object(
  {
    kind: Type.Literal("cancel"),
    correlationId: Type.String({ pattern: "^[A-Za-z0-9-]{8,64}$" }),
    from: KioskId,
    replyTo: Type.String({ minLength: 1, maxLength: 200 }),
    deadline: At,
    bookingId: Type.Optional(Type.String({ maxLength: 80 })),
    code: Type.Optional(BookingCode),
  },
  strict,
);
export type PeerCancelRequest = Static<typeof PeerCancelRequest>;

export const PeerRequest = Type.Union([PeerBookRequest, PeerCancelRequest]);
export type PeerRequest = Static<typeof PeerRequest>;

export const PeerReply = Type.Union([
  Type.Object({
    correlationId: Type.String(),
    status: Type.Literal("ok"),
    booking: Type.Object({
      id: Type.String(),
      sessionId: Type.String(),
      state: Type.Enum(["confirmed", "cancelled"]),
      seats: Type.Integer({ minimum: 1 }),
      code: Type.Optional(BookingCode),
      seatsLeft: Type.Integer({ minimum: 0 }),
    }),
  }),
  Type.Object({
    correlationId: Type.String(),
    status: Type.Literal("error"),
    error: Refusal,
  }),
]);
export type PeerReply = Static<typeof PeerReply>;

/* ---------------------------------------------------------------- directory */

export const DIRECTORY_KINDS = ["room", "service", "job-station", "contact"] as const;

export const DirectoryEntry = Type.Object(
  {
    id: ItemId,
    kind: Type.Enum(DIRECTORY_KINDS),
    nameZh: ShortText("the name in Chinese"),
    nameEn: ShortText("the name in English", 120),
    whereZh: Type.Optional(ShortText("where, in Chinese")),
    whereEn: Type.Optional(ShortText("where, in English", 120)),
    hoursZh: Type.Optional(ShortText("opening hours in words, in Chinese")),
    hoursEn: Type.Optional(ShortText("opening hours in words, in English", 120)),
    phone: Type.Optional(Type.String({ pattern: "^[0-9+ -]{3,20}$" })),
    descriptionZh: Type.Optional(ShortText("what it offers, in Chinese", 300)),
    descriptionEn: Type.Optional(ShortText("what it offers, in English", 500)),
  },
  strict,
);
export type DirectoryEntry = Static<typeof DirectoryEntry>;

/** The centre's own directory; upstream may replace it, retained, on `linli/v1/{site}/directory`. */
export const CentreDirectory = Type.Object(
  {
    nameZh: ShortText("the centre's name in Chinese"),
    nameEn: ShortText("the centre's name in English", 120),
    addressZh: ShortText("its address in Chinese", 120),
    hoursZh: ShortText("its hours in words, in Chinese"),
    hoursEn: ShortText("its hours in words, in English", 120),
    phone: Type.String({ pattern: "^[0-9+ -]{3,20}$" }),
    entries: Type.Array(DirectoryEntry, { maxItems: 100 }),
  },
  strict,
);
export type CentreDirectory = Static<typeof CentreDirectory>;

export const PrintAccepted = Type.Object({ jobId: Type.String(), printerId: Type.String() });
export type PrintAccepted = Static<typeof PrintAccepted>;

/* ----------------------------------------------------------------- operator */

export const SessionParams = Type.Object({ id: ItemId }, strict);
export type SessionParams = Static<typeof SessionParams>;

export const RosterEntry = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  state: Type.Enum(BOOKING_STATES),
  seats: Type.Integer(),
  phoneLastFour: Nullable(Type.String()),
  /** The kiosk the resident booked at. */
  origin: Type.String(),
  attended: Type.Boolean(),
  attendedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type RosterEntry = Static<typeof RosterEntry>;

export const SessionRoster = Type.Object({
  session: CommunitySession,
  /** Confirmed seats; cancelled bookings are listed but not counted. */
  seatsBooked: Type.Integer(),
  attended: Type.Integer(),
  items: Type.Array(RosterEntry),
});
export type SessionRoster = Static<typeof SessionRoster>;

export const AttendanceRequest = Type.Object(
  { attended: Type.Boolean({ description: "true when the resident came" }) },
  strict,
);
export type AttendanceRequest = Static<typeof AttendanceRequest>;
