/**
 * The category catalog of a 15-minute community living circle, after the
 * MOFCOM guides (城市一刻钟便民生活圈建设指南): 基本保障类 within a 5–10
 * minute walk, 品质提升类 within 15. It is data, shared by the agent and the
 * UI, and a deployment can extend it from config. Codes are stable API.
 */
export type CategoryClass = "basic" | "quality";

export interface Category {
  code: string;
  zh: string;
  en: string;
  class: CategoryClass;
  /** The walking minutes within which the category counts as covered. */
  radiusMinutes: number;
  /** An icon id the UI maps to a glyph. */
  icon: string;
  /** Other names an import file or a resident may use. */
  synonyms: readonly string[];
}

const basic = (
  code: string,
  zh: string,
  en: string,
  icon: string,
  synonyms: string[] = [],
): Category => ({ code, zh, en, class: "basic", radiusMinutes: 10, icon, synonyms });

const quality = (
  code: string,
  zh: string,
  en: string,
  icon: string,
  synonyms: string[] = [],
): Category => ({ code, zh, en, class: "quality", radiusMinutes: 15, icon, synonyms });

export const CATEGORIES: readonly Category[] = [
  basic("convenience_store", "便利店", "Convenience store", "store", ["便利超市", "小卖部"]),
  basic("supermarket", "综合超市", "Supermarket", "cart", ["超市", "大卖场"]),
  basic("wet_market", "菜市场", "Wet market", "basket", ["农贸市场", "菜场", "标准化菜市场"]),
  basic("fresh_grocery", "生鲜超市(菜店)", "Fresh grocery", "vegetable", [
    "菜店",
    "生鲜超市",
    "生鲜店",
    "社区菜店",
  ]),
  basic("breakfast", "早餐店", "Breakfast", "breakfast", ["早餐", "早点", "早餐点"]),
  basic("laundry", "洗染店", "Laundry and dyeing", "laundry", ["洗衣店", "干洗店", "洗衣"]),
  basic("hair_beauty", "美容美发店", "Hair and beauty", "scissors", [
    "理发店",
    "美发店",
    "美容店",
    "理发",
  ]),
  basic("photo_print", "照相文印店", "Photo and printing", "printer", [
    "打印店",
    "文印店",
    "照相馆",
    "复印店",
  ]),
  basic("housekeeping", "家政服务点", "Housekeeping", "broom", ["家政", "家政服务"]),
  basic("repair", "维修点", "Repairs", "wrench", ["维修", "修理铺", "小修小补", "修鞋", "配钥匙"]),
  basic("pharmacy", "药店", "Pharmacy", "pill", ["药房", "大药房"]),
  basic("postal_express", "邮政快递综合服务点", "Post and parcels", "parcel", [
    "快递站",
    "快递驿站",
    "驿站",
    "邮政所",
    "快递",
  ]),
  basic("recycling", "再生资源回收点", "Recycling", "recycle", ["回收站", "废品回收", "回收点"]),
  quality("elderly_care", "养老服务", "Elderly care", "elder", [
    "老年康护",
    "老年康护/养老服务",
    "日间照料中心",
    "长者照护之家",
    "养老",
  ]),
  quality("community_canteen", "社区食堂/助餐", "Community canteen", "canteen", [
    "社区食堂",
    "助餐",
    "助餐点",
    "长者食堂",
  ]),
  quality("specialty_dining", "特色餐饮", "Specialty dining", "dining", ["餐厅", "饭店", "小吃"]),
  quality("fitness", "运动健身", "Sports and fitness", "fitness", ["健身房", "健身", "体育"]),
  quality("bookstore", "书店书吧", "Books", "book", ["书店", "书吧"]),
  quality("education", "教育培训", "Education and training", "school", ["培训", "培训机构"]),
  quality("childcare", "幼儿托管/托育", "Childcare", "child", [
    "托育",
    "幼儿托管",
    "托育园",
    "托育机构",
  ]),
  quality("leisure", "休闲娱乐", "Leisure", "leisure", ["娱乐"]),
  quality("cafe", "咖啡店", "Cafe", "coffee", ["咖啡馆", "咖啡"]),
  quality("pet_services", "宠物服务", "Pet services", "pet", ["宠物店", "宠物医院", "宠物美容"]),
];

/** The slogans the UI groups by. */
export interface CategoryGroup {
  code: string;
  zh: string;
  en: string;
  categories: readonly string[];
}

export const GROUPS: readonly CategoryGroup[] = [
  {
    code: "store_breakfast",
    zh: "一店一早",
    en: "A shop and breakfast",
    categories: ["convenience_store", "breakfast"],
  },
  {
    code: "vegetables_repair",
    zh: "一菜一修",
    en: "Vegetables and repairs",
    categories: ["wet_market", "fresh_grocery", "repair"],
  },
  {
    code: "old_young",
    zh: "一老一小",
    en: "Elders and children",
    categories: ["elderly_care", "community_canteen", "childcare"],
  },
  {
    code: "recycle_wash",
    zh: "一收一洗",
    en: "Recycling and laundry",
    categories: ["recycling", "laundry"],
  },
];
