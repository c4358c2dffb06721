import Type, { type Static, type TSchema } from "typebox";

/** Outlet search, detail and the circle's coverage report. */

export const OutletSearchQuery = Type.Object(
  {
    category: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'a category code or Chinese name from /categories, e.g. "pharmacy" or "药店"',
      }),
    ),
    group: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'a slogan group code or name, e.g. "store_breakfast" or "一店一早"',
      }),
    ),
    q: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          "text of up to 40 characters: Chinese (药店, 修), full pinyin (bianlidian) or initials (bld)",
      }),
    ),
    maxMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 60,
        description: "a whole number of walking minutes from 1 to 60",
      }),
    ),
    openNow: Type.Optional(
      Type.Boolean({ description: "true or false (true: only outlets open right now)" }),
    ),
    elderly: Type.Optional(
      Type.Boolean({
        description: "true or false (true: read maxMinutes at the elderly walking speed)",
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 20,
        description: "a whole number of results from 1 to 100 (default 20)",
      }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100_000,
        default: 0,
        description: "a whole number of results to skip, from 0 to 100000",
      }),
    ),
  },
  { $id: "OutletSearchQuery", additionalProperties: false },
);
export type OutletSearchQuery = Static<typeof OutletSearchQuery>;

export const OutletParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200, description: "an outlet id" }) },
  { $id: "OutletParams" },
);
export type OutletParams = Static<typeof OutletParams>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Minutes = Type.Object(
  {
    normal: Type.Integer({ minimum: 0, description: "at the normal speed, rounded up" }),
    elderly: Type.Integer({ minimum: 0, description: "at the elderly speed, rounded up" }),
  },
  { description: "walking minutes from the kiosk" },
);

const Summary = {
  id: Type.String(),
  name: Type.String(),
  category: Type.String({ description: "a category code" }),
  address: Nullable(Type.String()),
  brand: Nullable(Type.String()),
  chain: Nullable(Type.String()),
  lng: Type.Number({ description: "WGS-84 longitude" }),
  lat: Type.Number({ description: "WGS-84 latitude" }),
  distanceMeters: Type.Integer({
    minimum: 0,
    description: "estimated walking distance: straight line times the circuity factor",
  }),
  walkMinutes: Minutes,
  openState: Type.Union([Type.Literal("open"), Type.Literal("closed"), Type.Literal("unknown")], {
    description: '"unknown" when the hours are not known',
  }),
  openNow: Type.Boolean({ description: "false when closed or when the hours are unknown" }),
  opensAt: Nullable(
    Type.String({ format: "date-time", description: "when a closed outlet next opens" }),
  ),
  closesAt: Nullable(
    Type.String({ format: "date-time", description: "when an open outlet next closes" }),
  ),
};

export const OutletMatch = Type.Object(
  {
    kind: Type.Union(
      [
        Type.Literal("exact"),
        Type.Literal("prefix"),
        Type.Literal("substring"),
        Type.Literal("pinyin"),
        Type.Literal("initials"),
        Type.Literal("category"),
        Type.Literal("service"),
      ],
      {
        description:
          "exact name > name prefix > name substring > pinyin or initials > category or service",
      },
    ),
    highlight: Nullable(
      Type.Object(
        { start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) },
        { description: "the matched characters of the name: [start, end) in UTF-16 code units" },
      ),
    ),
  },
  { $id: "OutletMatch", description: "how the text query matched; null without one" },
);
export type OutletMatch = Static<typeof OutletMatch>;

export const OutletSummary = Type.Object(
  { ...Summary, match: Nullable(OutletMatch) },
  { $id: "OutletSummary" },
);
export type OutletSummary = Static<typeof OutletSummary>;

export const OutletSearchResponse = Type.Object(
  {
    items: Type.Array(OutletSummary),
    total: Type.Integer({ minimum: 0, description: "all matches, across pages" }),
  },
  { $id: "OutletSearchResponse" },
);
export type OutletSearchResponse = Static<typeof OutletSearchResponse>;

export const OutletDetail = Type.Object(
  {
    ...Summary,
    phone: Nullable(Type.String()),
    hours: Nullable(
      Type.String({ description: "OSM opening_hours syntax, e.g. Mo-Su 06:00-20:00" }),
    ),
    services: Type.Array(Type.String(), { description: "一店多能: 代收代发, 打印复印 …" }),
    prices: Type.Array(
      Type.Object({
        item: Type.String(),
        priceFen: Type.Integer({ minimum: 0, description: "price in fen: ￥15.00 → 1500" }),
        unit: Type.Optional(Type.String()),
      }),
      { description: "小修小补 明码标价" },
    ),
    updatedAt: Type.String(),
  },
  { $id: "OutletDetail" },
);
export type OutletDetail = Static<typeof OutletDetail>;

const CircleClass = Type.Union([
  Type.Literal("品质型"),
  Type.Literal("提升型"),
  Type.Literal("基础型"),
]);

const ChainShare = Type.Object({
  outlets: Type.Integer({ minimum: 0 }),
  chained: Type.Integer({ minimum: 0 }),
  share: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
});

const CategoryCoverage = Type.Object({
  code: Type.String(),
  zh: Type.String(),
  class: Type.Union([Type.Literal("basic"), Type.Literal("quality")]),
  radiusMinutes: Type.Number(),
  covered: Type.Boolean({ description: "the nearest outlet is within the radius" }),
  nearest: Nullable(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      distanceMeters: Type.Integer({ minimum: 0 }),
      walkMinutes: Minutes,
    }),
  ),
  withinRadius: Type.Integer({ minimum: 0, description: "outlets of the category within reach" }),
});

export const CoverageResponse = Type.Object(
  {
    generatedAt: Type.String({ format: "date-time" }),
    circleClass: Nullable(CircleClass),
    explanation: Type.String({ description: "why the circle has this class, or none" }),
    rules: Type.Array(
      Type.Object({
        class: CircleClass,
        met: Type.Boolean(),
        shortfalls: Type.Array(Type.String()),
      }),
    ),
    basic: Type.Object({
      covered: Type.Integer({ minimum: 0 }),
      total: Type.Integer({ minimum: 0 }),
      share: Type.Number({ minimum: 0, maximum: 1 }),
    }),
    quality: Type.Object({
      covered: Type.Integer({ minimum: 0 }),
      total: Type.Integer({ minimum: 0 }),
    }),
    categories: Type.Array(CategoryCoverage),
    gaps: Type.Array(CategoryCoverage, { description: "缺什么补什么: uncovered, basic first" }),
    chainShare: Type.Object({ all: ChainShare, within15Minutes: ChainShare }),
  },
  { $id: "CoverageResponse" },
);
export type CoverageResponse = Static<typeof CoverageResponse>;
