/**
 * What every page's dictionary shares — the resident screens, the operator
 * console, the fleet view — without any dictionary, so each page's bundle
 * carries only its own words.
 */

/** Chinese first; English on request. The first value is the default. */
export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks a key up in one language's dictionary and fills its `{name}` placeholders. */
export function translatorFor<K extends string>(
  dictionary: Readonly<Record<K, string>>,
): (key: K, params?: MessageParams) => string {
  return (key, params) => {
    const text = dictionary[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in params ? String(params[name]) : placeholder,
    );
  };
}
