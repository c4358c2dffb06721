import type { CategoriesResponse, CategoryEntry, HealthResponse } from "@linli/protocols/api";
import type { Lang, Translate } from "./i18n/i18n.js";
import type { KioskSettings } from "./settings.js";

/**
 * What every panel and component is given by the shell, like home-assistant's
 * `hass`: a new object whenever any of it changes, so lit re-renders.
 */
export interface KioskContext {
  lang: Lang;
  t: Translate;
  /** 长辈模式: larger type and targets, fewer items per screen, elderly walking speed. */
  elderly: boolean;
  health: HealthResponse;
  catalog: CategoriesResponse;
  settings: KioskSettings;
  /**
   * This resident's visit: a new id after every idle reset. The agent keeps
   * one rating per session with it.
   */
  sessionId: string;
}

/** A fresh session id: 16 random hex digits (the agent takes 8–64 of [A-Za-z0-9_-]). */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function categoryByCode(kiosk: KioskContext, code: string): CategoryEntry | undefined {
  return kiosk.catalog.categories.find((category) => category.code === code);
}

/** The walking minutes that matter for this resident: elderly ones in 长辈模式. */
export function minutesFor(kiosk: KioskContext, walk: { normal: number; elderly: number }): number {
  return kiosk.elderly ? walk.elderly : walk.normal;
}
