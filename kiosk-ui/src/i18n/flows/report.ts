/**
 * The report flow's words. `en` must have the same keys as `zhCN`; both are
 * merged into the kiosk's dictionary in ../strings.ts.
 */
export const zhCN = {} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zhCN, string> = {};
