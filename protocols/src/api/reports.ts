import Type, { type Static, type TSchema } from "typebox";
import { RESIDENT_TEXT_MAX } from "./ratings.js";

/**
 * Problem reports to the community (随手拍/问题上报): the preset categories,
 * each with its preset reasons, and the schemas of the report routes.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PROBLEM_CATEGORY_CODES = [
  "facility_damage",
  "sanitation",
  "noise",
  "service_quality",
  "safety_hazard",
  "other",
] as const;
export type ProblemCategoryCode = (typeof PROBLEM_CATEGORY_CODES)[number];

interface Choice {
  code: string;
  zh: string;
  en: string;
}

export const PROBLEM_CATEGORIES: readonly (Choice & {
  code: ProblemCategoryCode;
  reasons: readonly Choice[];
})[] = [
  {
    code: "facility_damage",
    zh: "设施损坏",
    en: "Damaged facilities",
    reasons: [
      { code: "lighting", zh: "照明不亮", en: "Lights out" },
      {
        code: "seats_equipment",
        zh: "座椅或健身器材损坏",
        en: "Broken seats or fitness equipment",
      },
      { code: "doors_access", zh: "门窗或门禁故障", en: "Doors or entry system broken" },
      { code: "lift", zh: "电梯故障", en: "Lift out of order" },
    ],
  },
  {
    code: "sanitation",
    zh: "环境卫生",
    en: "Cleanliness",
    reasons: [
      { code: "rubbish", zh: "垃圾未清运", en: "Rubbish not collected" },
      { code: "dirty_area", zh: "地面或楼道脏乱", en: "Dirty ground or stairway" },
      { code: "smell", zh: "异味", en: "Bad smell" },
      { code: "pests", zh: "蚊虫鼠害", en: "Insects or rats" },
    ],
  },
  {
    code: "noise",
    zh: "噪音扰民",
    en: "Noise",
    reasons: [
      { code: "night_noise", zh: "夜间噪音", en: "Noise at night" },
      { code: "construction", zh: "施工噪音", en: "Building work" },
      { code: "shop_music", zh: "商铺外放音乐", en: "Loud music from a shop" },
      { code: "square_dance", zh: "广场舞音量大", en: "Loud square dancing" },
    ],
  },
  {
    code: "service_quality",
    zh: "服务质量",
    en: "Service quality",
    reasons: [
      { code: "attitude", zh: "态度不好", en: "Unfriendly staff" },
      { code: "long_wait", zh: "等候时间长", en: "Long wait" },
      { code: "unclear_prices", zh: "价格不透明", en: "Prices not shown clearly" },
      { code: "not_open", zh: "未按时营业", en: "Not open at the posted hours" },
    ],
  },
  {
    code: "safety_hazard",
    zh: "安全隐患",
    en: "Safety hazard",
    reasons: [
      { code: "fire_exit", zh: "消防通道堵塞", en: "Fire exit blocked" },
      { code: "ebike_charging", zh: "电动车违规充电", en: "E-bike charged indoors" },
      { code: "wiring", zh: "电线私拉乱接", en: "Unsafe wiring" },
      { code: "falling_objects", zh: "高空坠物风险", en: "Risk of falling objects" },
    ],
  },
  { code: "other", zh: "其他", en: "Other", reasons: [] },
];

export const ProblemReportRequest = Type.Object(
  {
    category: Type.Enum([...PROBLEM_CATEGORY_CODES], {
      description: `one of ${PROBLEM_CATEGORY_CODES.join(", ")}`,
    }),
    outletId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "an outlet's id, when it is about one",
      }),
    ),
    reasons: Type.Optional(
      Type.Array(
        Type.String({
          pattern: "^[a-z_]{1,40}$",
          description: "a reason code of the chosen category, from /reports/options",
        }),
        { maxItems: 10, uniqueItems: true, description: "reason codes" },
      ),
    ),
    text: Type.Optional(
      Type.String({
        maxLength: RESIDENT_TEXT_MAX,
        description: `text of at most ${RESIDENT_TEXT_MAX} characters`,
      }),
    ),
  },
  { $id: "ProblemReportRequest", additionalProperties: false },
);
export type ProblemReportRequest = Static<typeof ProblemReportRequest>;

/** What the resident sees: the reference number to quote. */
export const ProblemReportCreated = Type.Object(
  {
    reference: Type.String({ description: 'the number to quote, e.g. "R240607-003"' }),
    category: Type.String(),
    createdAt: Type.String({ format: "date-time" }),
  },
  { $id: "ProblemReportCreated" },
);
export type ProblemReportCreated = Static<typeof ProblemReportCreated>;

const ChoiceSchema = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });

export const ProblemReportOptions = Type.Object(
  {
    categories: Type.Array(
      Type.Object({ ...ChoiceSchema.properties, reasons: Type.Array(ChoiceSchema) }),
    ),
    textMaxLength: Type.Integer(),
  },
  { $id: "ProblemReportOptions" },
);
export type ProblemReportOptions = Static<typeof ProblemReportOptions>;

export const ProblemReportQuery = Type.Object(
  {
    category: Type.Optional(
      Type.Enum([...PROBLEM_CATEGORY_CODES], {
        description: `one of ${PROBLEM_CATEGORY_CODES.join(", ")}`,
      }),
    ),
    from: Type.Optional(
      Type.String({
        pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        description: "a day as YYYY-MM-DD, in the kiosk's time zone",
      }),
    ),
    to: Type.Optional(
      Type.String({
        pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        description: "a day as YYYY-MM-DD, in the kiosk's time zone",
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, description: "a whole number from 1 to 200" }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, description: "a whole number of items to skip" }),
    ),
  },
  { $id: "ProblemReportQuery", additionalProperties: false },
);
export type ProblemReportQuery = Static<typeof ProblemReportQuery>;

export const ProblemReport = Type.Object(
  {
    id: Type.String(),
    reference: Type.String(),
    category: Type.String(),
    categoryName: Type.String({ description: "the category's Chinese name" }),
    outlet: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    reasons: Type.Array(Type.String()),
    text: Nullable(Type.String({ description: "phone numbers masked" })),
    day: Type.String(),
    createdAt: Type.String({ format: "date-time" }),
  },
  { $id: "ProblemReport" },
);
export type ProblemReport = Static<typeof ProblemReport>;

export const ProblemReportList = Type.Object(
  { items: Type.Array(ProblemReport), total: Type.Integer({ minimum: 0 }) },
  { $id: "ProblemReportList" },
);
export type ProblemReportList = Static<typeof ProblemReportList>;
