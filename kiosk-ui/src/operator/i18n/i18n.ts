import { type Lang, type MessageParams, translatorFor } from "../../i18n/translate.js";
import { en, type MessageKey, zhCN } from "./strings.js";

export { DEFAULT_LANG, LANGS, type Lang, type MessageParams } from "../../i18n/translate.js";
export type { MessageKey } from "./strings.js";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export const translator = (lang: Lang): Translate => translatorFor(dictionaries[lang]);
