export { buildHttpApp, DEFAULT_UI_DIR, type HttpAppContext } from "./app.js";
export type { HttpApp } from "./types.js";
