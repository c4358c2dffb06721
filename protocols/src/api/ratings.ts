import Type, { type Static, type TSchema } from "typebox";

/**
 * Ratings (好差评): the five levels, the preset reasons for a bad rating and
 * the kiosk's own services that can be rated — data shared by the agent and
 * the kiosk UI — and the schemas of the resident and operator rating routes.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const RATING_LEVELS = [
  { score: 5, zh: "非常满意", en: "Very satisfied" },
  { score: 4, zh: "满意", en: "Satisfied" },
  { score: 3, zh: "基本满意", en: "Fairly satisfied" },
  { score: 2, zh: "不满意", en: "Dissatisfied" },
  { score: 1, zh: "非常不满意", en: "Very dissatisfied" },
] as const;

/** Ratings at or below this score need at least one reason; at or above the next they count as satisfied. */
export const RATING_BAD_AT_MOST = 2;

/** The share of ratings ≥ 3 operators aim for. */
export const SATISFACTION_TARGET = 0.9;

/** The most characters of free text a resident may add to a rating or a problem report. */
export const RESIDENT_TEXT_MAX = 200;

export const RATING_REASON_CODES = [
  "attitude",
  "long_wait",
  "unclear_prices",
  "broken_facility",
  "untidy",
  "other",
] as const;
export type RatingReasonCode = (typeof RATING_REASON_CODES)[number];

export const RATING_REASONS: readonly { code: RatingReasonCode; zh: string; en: string }[] = [
  { code: "attitude", zh: "态度不好", en: "Unfriendly staff" },
  { code: "long_wait", zh: "等候时间长", en: "Long wait" },
  { code: "unclear_prices", zh: "价格不透明", en: "Prices not shown clearly" },
  { code: "broken_facility", zh: "设施故障", en: "Something out of order" },
  { code: "untidy", zh: "环境脏乱", en: "Dirty or untidy" },
  { code: "other", zh: "其他", en: "Other" },
];

/** The centre's own services a resident can rate; the agent's config may replace the list. */
export const RATED_SERVICES: readonly { code: string; zh: string; en: string }[] = [
  { code: "parcel_pickup", zh: "快递取件", en: "Parcel pickup" },
  { code: "shared_cabinet", zh: "共享童车柜", en: "Shared stroller cabinet" },
  { code: "vending", zh: "自助售货", en: "Vending" },
  { code: "printing", zh: "打印服务", en: "Printing" },
  { code: "meal_booking", zh: "助餐预约", en: "Community meals" },
  { code: "courses", zh: "公益课程", en: "Community courses" },
  { code: "job_guidance", zh: "就业指导", en: "Job guidance" },
  { code: "centre_services", zh: "邻里中心服务", en: "The centre's services" },
];

export const RatingSubjectKind = Type.Union(
  [Type.Literal("kiosk"), Type.Literal("outlet"), Type.Literal("service")],
  { description: '"kiosk", "outlet" or "service"' },
);
export type RatingSubjectKind = Static<typeof RatingSubjectKind>;

export const RatingSubjectInput = Type.Object(
  {
    kind: RatingSubjectKind,
    id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "an outlet's id (kind outlet) or a service code from /ratings/options (kind service); none for the kiosk",
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'what is rated, as {kind, id}: kind "kiosk", "outlet" (id: the outlet\'s id) or "service" (id: a service code)',
  },
);
export type RatingSubjectInput = Static<typeof RatingSubjectInput>;

export const RatingRequest = Type.Object(
  {
    sessionId: Type.String({
      pattern: "^[A-Za-z0-9_-]{8,64}$",
      description:
        "the id the kiosk UI made for this resident's session: 8 to 64 letters, digits, _ or -",
    }),
    score: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: "a whole number from 1 (非常不满意) to 5 (非常满意)",
    }),
    subject: RatingSubjectInput,
    reasons: Type.Optional(
      Type.Array(
        Type.Enum([...RATING_REASON_CODES], {
          description: `one of ${RATING_REASON_CODES.join(", ")}`,
        }),
        { maxItems: RATING_REASON_CODES.length, uniqueItems: true, description: "reason codes" },
      ),
    ),
    text: Type.Optional(
      Type.String({
        maxLength: RESIDENT_TEXT_MAX,
        description: `text of at most ${RESIDENT_TEXT_MAX} characters`,
      }),
    ),
  },
  { $id: "RatingRequest", additionalProperties: false },
);
export type RatingRequest = Static<typeof RatingRequest>;

/** What the resident's kiosk hears back: nothing an operator sees (misuse, follow-ups). */
export const RatingCreated = Type.Object(
  {
    id: Type.String(),
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    level: Type.String({ description: "the level's Chinese name, e.g. 满意" }),
    createdAt: Type.String({ format: "date-time" }),
  },
  { $id: "RatingCreated" },
);
export type RatingCreated = Static<typeof RatingCreated>;

const Choice = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });

export const RatingOptions = Type.Object(
  {
    levels: Type.Array(
      Type.Object({ score: Type.Integer(), zh: Type.String(), en: Type.String() }),
      { description: "best first" },
    ),
    reasons: Type.Array(Choice),
    services: Type.Array(Choice),
    reasonsRequiredAtOrBelow: Type.Integer({ description: "scores that need a reason" }),
    textMaxLength: Type.Integer(),
  },
  { $id: "RatingOptions" },
);
export type RatingOptions = Static<typeof RatingOptions>;

const Day = Type.String({
  pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
  description: "a day as YYYY-MM-DD, in the kiosk's time zone",
});

export const RatingReportQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    subject: Type.Optional(
      Type.String({
        pattern: "^(kiosk|outlet:.{1,200}|service:[a-z0-9_]{1,40})$",
        description: '"kiosk", "outlet:<outlet id>" or "service:<service code>"',
      }),
    ),
  },
  { $id: "RatingReportQuery", additionalProperties: false },
);
export type RatingReportQuery = Static<typeof RatingReportQuery>;

export const RatingSubject = Type.Object({
  kind: RatingSubjectKind,
  id: Nullable(Type.String()),
  name: Nullable(Type.String({ description: "the outlet's or service's name when rated" })),
});
export type RatingSubject = Static<typeof RatingSubject>;

const Tally = {
  total: Type.Integer({ minimum: 0, description: "every rating, misuse included" }),
  misuse: Type.Integer({ minimum: 0, description: "flagged as repeated presses, left out" }),
  counted: Type.Integer({ minimum: 0, description: "ratings that count: total − misuse" }),
  satisfied: Type.Integer({ minimum: 0, description: "counted ratings of 3 or more" }),
  satisfactionRate: Nullable(
    Type.Number({ minimum: 0, maximum: 1, description: "satisfied ÷ counted; null with none" }),
  ),
};

export const RatingReport = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    timeZone: Type.String(),
    target: Type.Number({ description: "the satisfaction rate aimed for, e.g. 0.9" }),
    meetsTarget: Nullable(Type.Boolean()),
    ...Tally,
    byScore: Type.Array(
      Type.Object({ score: Type.Integer(), level: Type.String(), count: Type.Integer() }),
      { description: "counted ratings per level, best first" },
    ),
    byDay: Type.Array(Type.Object({ day: Type.String(), ...Tally }), {
      description: "every day of the range, oldest first",
    }),
    bySubject: Type.Array(Type.Object({ key: Type.String(), subject: RatingSubject, ...Tally }), {
      description: "every rated subject, most ratings first",
    }),
    followUps: Type.Object({
      open: Type.Integer({ description: "not yet resolved" }),
      overdue: Type.Integer({ description: "not resolved and past the deadline" }),
    }),
  },
  { $id: "RatingReport" },
);
export type RatingReport = Static<typeof RatingReport>;

export const FollowUpState = Type.Union(
  [Type.Literal("open"), Type.Literal("contacted"), Type.Literal("resolved")],
  { description: '"open", "contacted" or "resolved"' },
);
export type FollowUpState = Static<typeof FollowUpState>;

export const FollowUpQuery = Type.Object(
  {
    state: Type.Optional(FollowUpState),
    overdue: Type.Optional(
      Type.Boolean({ description: "true or false (true: unresolved and past the deadline)" }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, description: "a whole number from 1 to 200" }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, description: "a whole number of items to skip" }),
    ),
  },
  { $id: "FollowUpQuery", additionalProperties: false },
);
export type FollowUpQuery = Static<typeof FollowUpQuery>;

export const FollowUpParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, description: "a follow-up's id" }) },
  { $id: "FollowUpParams" },
);
export type FollowUpParams = Static<typeof FollowUpParams>;

export const FollowUpUpdate = Type.Object(
  {
    state: Type.Union([Type.Literal("contacted"), Type.Literal("resolved")], {
      description: '"contacted" or "resolved"',
    }),
    note: Type.String({
      minLength: 1,
      maxLength: 500,
      description: "what was done, in 1 to 500 characters",
    }),
  },
  { $id: "FollowUpUpdate", additionalProperties: false },
);
export type FollowUpUpdate = Static<typeof FollowUpUpdate>;

export const FollowUp = Type.Object(
  {
    id: Type.String(),
    state: FollowUpState,
    dueAt: Type.String({ format: "date-time", description: "end of the last working day" }),
    overdue: Type.Boolean(),
    openedAt: Type.String({ format: "date-time" }),
    updatedAt: Type.String({ format: "date-time" }),
    history: Type.Array(
      Type.Object({
        state: FollowUpState,
        note: Type.String(),
        at: Type.String({ format: "date-time" }),
      }),
    ),
    rating: Type.Object({
      id: Type.String(),
      score: Type.Integer(),
      level: Type.String(),
      subject: RatingSubject,
      reasons: Type.Array(Type.String()),
      text: Nullable(Type.String()),
      source: Type.Union([Type.Literal("kiosk"), Type.Literal("rating-box")]),
      createdAt: Type.String({ format: "date-time" }),
    }),
  },
  { $id: "FollowUp" },
);
export type FollowUp = Static<typeof FollowUp>;

export const FollowUpList = Type.Object(
  { items: Type.Array(FollowUp), total: Type.Integer({ minimum: 0 }) },
  { $id: "FollowUpList" },
);
export type FollowUpList = Static<typeof FollowUpList>;
