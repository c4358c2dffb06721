/**
 * The kiosk at night: the agent's schedule puts the screen to sleep (here all
 * day, so the test does not depend on the hour), the page goes true black
 * over a backlight powered down in a fake sysfs, and the first tap only
 * wakes it — the button under the finger is not pressed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeHost, fakeHost, KIOSK_INPUT_DEVICES } from "../../edge-agent/src/host/testing.js";
import type { AgentProcess } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin } from "../support/api.js";
import { launchChromium } from "../support/browser.js";
import { openKiosk, PORTRAIT } from "./kiosk.js";

const PIN = "864200";

let host: FakeHost;
let agent: AgentProcess;
let api: AgentApi;
let browser: Browser;

beforeAll(async () => {
  host = fakeHost();
  host.addBacklight({ name: "panel", maxBrightness: 255, brightness: 200 });
  host.setInputDevices(KIOSK_INPUT_DEVICES);
  const config = join(host.sysRoot, "..", "linli.yaml");
  writeFileSync(
    config,
    `display:
  sleep: [{ from: "00:00", to: "24:00" }]
  wakeMinutes: 1
  nightBrightness: 30
  backlight: auto # the demo leaves the backlight alone unless told
  sysRoot: ${host.sysRoot}
  procRoot: ${host.procRoot}
`,
  );
  [{ agent, api }, browser] = await Promise.all([
    startAgentWithPin(PIN, { env: { LINLI_CONFIG: config } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

const blPower = () => host.read("panel", "bl_power");

/** The sleep layer's colour, as the screen shows it. */
function layerColour(page: Page) {
  return page
    .locator("linli-sleep-screen")
    .evaluate((layer) => getComputedStyle(layer).backgroundColor);
}

describe("the kiosk's screen in sleep hours", () => {
  it("is true black over a powered-down backlight, and a tap only wakes it", async () => {
    const { context, page } = await openKiosk(browser, agent, "/");
    const layer = page.locator("linli-sleep-screen");
    await layer.waitFor();
    expect(await layerColour(page)).toBe("rgb(0, 0, 0)");
    expect(blPower()).toBe("4");
    // A tap right on the search tile of the home screen, behind the black.
    const search = page.locator('button[data-path="/search"]');
    const box = await search.boundingBox();
    if (!box || box.y + box.height > PORTRAIT.height)
      throw new Error("the search tile is off screen");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await layer.waitFor({ state: "detached" });
    await expect.poll(blPower).toBe("0");
    expect(host.read("panel", "brightness")).toBe(String(Math.round(0.3 * 255)));
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByRole("searchbox").count()).toBe(0);
    expect((await api.call<{ phase: string }>("GET", "/display")).body.phase).toBe("woken");
    // Now awake, the same tile works as always.
    await search.click();
    await page.getByRole("searchbox").waitFor();
    await context.close();
  });

  it("shows the operator the screen, whose touches keep it lit, with brightness and sleep at hand", async () => {
    await api.signIn(PIN);
    await api.call("POST", "/operator/display/sleep", {}, true);
    expect(blPower()).toBe("4");
    const context = await browser.newContext({
      viewport: PORTRAIT,
      locale: "zh-CN",
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${agent.url}/operator`);
    const keypad = page.locator("linli-op-login linli-op-keypad");
    await keypad.waitFor();
    // The first tap on the keypad is a touch on the kiosk's screen: it lights up.
    for (const digit of PIN) await keypad.getByRole("button", { name: digit, exact: true }).tap();
    await expect.poll(blPower).toBe("0");
    await page.getByRole("button", { name: "登录" }).tap();
    const card = page.locator("linli-op-display-card");
    await card.getByRole("heading", { name: "屏幕" }).waitFor();
    await card.getByText("夜间已唤醒").waitFor();
    await card.getByText("Goodix Capacitive TouchScreen (event5)", { exact: false }).waitFor();
    await card.getByRole("button", { name: "50 %" }).tap();
    await expect.poll(() => host.read("panel", "brightness")).toBe(String(Math.round(0.5 * 255)));
    await card.getByRole("button", { name: "立即休眠" }).tap();
    await expect.poll(blPower).toBe("4");
    await card.getByText("休眠中").waitFor();
    await context.close();
  });

  it("goes dark again when the screen sleeps, ending the resident's session", async () => {
    // Lit by a touch, as after the first test: a resident is searching.
    await api.call("POST", "/display/touch", {});
    const { context, page } = await openKiosk(browser, agent, "/");
    const layer = page.locator("linli-sleep-screen");
    await page.locator('button[data-path="/search"]').click();
    await page.getByRole("searchbox").waitFor();
    // An operator puts the screen to sleep (as the schedule does after the wake minutes).
    await api.signIn(PIN);
    const slept = await api.call<{ phase: string }>("POST", "/operator/display/sleep", {}, true);
    expect(slept.body.phase).toBe("asleep");
    await layer.waitFor();
    expect(blPower()).toBe("4");
    await page.mouse.click(540, 960);
    await layer.waitFor({ state: "detached" });
    await page.locator("linli-home-panel").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
  });
});
