import type { DisplayState, OperatorDisplayResponse } from "@linli/protocols/api";
import { TouchReporter } from "../../data/touch-reporter.js";
import { getJson, postJson } from "./client.js";

/** The screen (edge-agent/src/http/routes/display.ts): its state, and the operator's actions. */
export const fetchDisplay = (signal?: AbortSignal) =>
  getJson<OperatorDisplayResponse>("/operator/display", signal);

export const wakeDisplay = () => postJson<DisplayState>("/operator/display/wake");

export const sleepDisplay = () => postJson<DisplayState>("/operator/display/sleep");

export const setDisplayBrightness = (percent: number) =>
  postJson<DisplayState>("/operator/display/brightness", { percent });

/** The console runs on the kiosk's own screen: its touches keep the screen lit at night too. */
export function consoleTouches(): TouchReporter {
  return new TouchReporter(() => postJson<DisplayState>("/display/touch", {}));
}
