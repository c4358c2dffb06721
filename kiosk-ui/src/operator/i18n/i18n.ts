import { en, type MessageKey, zhCN } from "./strings.js";

export type { MessageKey } from "./strings.js";

export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function translator(lang: Lang): Translate {
  const dictionary = dictionaries[lang];
  return (key, params) => {
    const text = dictionary[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in params ? String(params[name]) : placeholder,
    );
  };
}
