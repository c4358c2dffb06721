import Type, { type Static } from "typebox";

/** The category catalog with how many outlets the circle has of each. */

export const CategoryEntry = Type.Object(
  {
    code: Type.String(),
    zh: Type.String(),
    en: Type.String(),
    class: Type.Union([Type.Literal("basic"), Type.Literal("quality")], {
      description: "basic: 基本保障类; quality: 品质提升类",
    }),
    radiusMinutes: Type.Number({ description: "covered when an outlet is within this walk" }),
    icon: Type.String(),
    synonyms: Type.Array(Type.String()),
    count: Type.Integer({ minimum: 0, description: "outlets of this category in the data set" }),
    withinRadius: Type.Integer({ minimum: 0, description: "of those, within radiusMinutes" }),
  },
  { $id: "CategoryEntry" },
);
export type CategoryEntry = Static<typeof CategoryEntry>;

export const CategoryGroupEntry = Type.Object(
  {
    code: Type.String(),
    zh: Type.String({ description: "the slogan, e.g. 一店一早" }),
    en: Type.String(),
    categories: Type.Array(Type.String(), { description: "category codes" }),
  },
  { $id: "CategoryGroupEntry" },
);
export type CategoryGroupEntry = Static<typeof CategoryGroupEntry>;

export const CategoriesResponse = Type.Object(
  { categories: Type.Array(CategoryEntry), groups: Type.Array(CategoryGroupEntry) },
  { $id: "CategoriesResponse" },
);
export type CategoriesResponse = Static<typeof CategoriesResponse>;
