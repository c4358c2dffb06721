/**
 * The touchscreen on a running agent (`linli start --demo` as its own
 * process), pointed at a fake sysfs backlight and a fake
 * /proc/bus/input/devices through display.sysRoot and display.procRoot: the
 * schedule writes bl_power, a touch wakes the screen, an operator darkens it,
 * and telemetry upstream says what the screen and the touch panel are doing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DisplayState, TelemetryMessage } from "@linli/protocols/api";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeHost, fakeHost, KIOSK_INPUT_DEVICES } from "../../edge-agent/src/host/testing.js";
import type { AgentProcess } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin, until } from "../support/api.js";
import { freePort } from "../support/ports.js";

const BASE = "linli/v1/weifang-xincun/kiosk-01";
const PIN = "135790";

let host: FakeHost;
let agent: AgentProcess;
let api: AgentApi;
let upstream: MqttClient;
const telemetry: TelemetryMessage[] = [];
const events: { type: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  host = fakeHost();
  host.addBacklight({ name: "panel", maxBrightness: 255, brightness: 128 });
  host.setInputDevices(KIOSK_INPUT_DEVICES);
  const config = join(host.sysRoot, "..", "linli.yaml");
  // Asleep all day, so the test does not depend on the hour it runs at.
  writeFileSync(
    config,
    `display:
  sleep: [{ from: "00:00", to: "24:00" }]
  wakeMinutes: 1
  brightness: 90
  nightBrightness: 40
  backlight: auto # the demo leaves the backlight alone unless told
  sysRoot: ${host.sysRoot}
  procRoot: ${host.procRoot}
`,
  );
  const brokerPort = await freePort();
  ({ agent, api } = await startAgentWithPin(PIN, {
    env: {
      LINLI_CONFIG: config,
      LINLI_BROKER_PORT: String(brokerPort),
      LINLI_UPLINK_TELEMETRY_INTERVAL_SECONDS: "5",
    },
  }));
  upstream = mqtt.connect(`mqtt://127.0.0.1:${brokerPort}`, { protocolVersion: 4 });
  upstream.on("message", (topic, payload) => {
    const message = JSON.parse(payload.toString());
    if (topic === `${BASE}/telemetry`) telemetry.push(message as TelemetryMessage);
    if (topic === `${BASE}/events`) events.push(message);
  });
  await new Promise<void>((resolve) => upstream.once("connect", () => resolve()));
  await upstream.subscribeAsync([`${BASE}/telemetry`, `${BASE}/events`], { qos: 1 });
});

afterAll(async () => {
  await upstream?.endAsync(true);
  await agent?.stop();
});

const blPower = () => host.read("panel", "bl_power");

async function nextTelemetry(accept: (message: TelemetryMessage) => boolean) {
  const from = telemetry.length;
  return until(async () => telemetry.slice(from).find(accept), "a telemetry report", 15_000);
}

describe("the kiosk's touchscreen on a running agent", () => {
  it("powers the backlight down in sleep hours, level kept, and says so to a screen that connects", async () => {
    expect(blPower()).toBe("4");
    expect(host.read("panel", "brightness")).toBe("128");
    const socket = new WebSocket(`${agent.url.replace("http", "ws")}/api/v1/events`);
    const first = await new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message.type === "display.state") resolve(message);
      });
      socket.on("error", reject);
    });
    socket.terminate();
    expect(first.display).toMatchObject({ phase: "asleep", dark: true, brightnessPercent: 0 });
  });

  it("reports the display and the touch panel in telemetry, with no touch yet", async () => {
    const report = await nextTelemetry((message) => message.kiosk.touch !== undefined);
    expect(report.kiosk.touch).toEqual({
      devices: [
        { name: "Goodix Capacitive TouchScreen", handler: "event5" },
        { name: "ILITEK ILITEK-TP", handler: "event6" },
        { name: "eGalax Inc. USB TouchController", handler: "event7" },
      ],
      present: true,
      lastTouchAt: null,
    });
    expect(report.kiosk.display).toEqual({
      phase: "asleep",
      brightnessPercent: 0,
      backlight: {
        device: "panel",
        maxBrightness: 255,
        powerControl: true,
        writable: true,
        error: null,
      },
    });
  });

  it("wakes the screen at the night brightness when the UI reports a touch", async () => {
    const answer = await api.call<DisplayState>("POST", "/display/touch", {});
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ phase: "woken", dark: false, brightnessPercent: 40 });
    expect(blPower()).toBe("0");
    expect(host.read("panel", "brightness")).toBe("102");
    const report = await nextTelemetry((message) => message.kiosk.display?.phase === "woken");
    expect(Date.parse(report.kiosk.touch?.lastTouchAt ?? "")).toBeGreaterThan(Date.now() - 30_000);
  });

  it("lets an operator darken it again, behind the PIN, and tells upstream who did", async () => {
    expect((await api.call("POST", "/operator/display/sleep")).status).toBe(401);
    expect(blPower()).toBe("0");
    await api.signIn(PIN);
    const answer = await api.call<DisplayState>("POST", "/operator/display/sleep", undefined, true);
    expect(answer.body.phase).toBe("asleep");
    expect(blPower()).toBe("4");
    const audited = await until(
      async () =>
        events.find(
          (event) => event.type === "operator.action" && event.data.action === "display_sleep",
        ),
      "the operator.action event upstream",
    );
    expect(audited.data).toMatchObject({ action: "display_sleep", detail: { phase: "asleep" } });
  });
});
