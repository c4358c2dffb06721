import { en, type MessageKey, zhCN } from "./strings.js";
import { type Lang, type MessageParams, translatorFor } from "./translate.js";

export type { MessageKey } from "./strings.js";

export { DEFAULT_LANG, LANGS, type Lang, type MessageParams } from "./translate.js";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export const translator = (lang: Lang): Translate => translatorFor(dictionaries[lang]);

/** A catalog entry's name in the current language. */
export function localName(entry: { zh: string; en: string }, lang: Lang): string {
  return lang === "en" ? entry.en : entry.zh;
}
