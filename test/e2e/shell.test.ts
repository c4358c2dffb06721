import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
import { LANDSCAPE, openKiosk, PORTRAIT } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

describe("the kiosk UI served by the agent", () => {
  it("shows the circle's name in Chinese on a portrait touchscreen", async () => {
    const { context, page } = await openKiosk(browser, agent, "/", PORTRAIT);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "潍坊新村邻里中心",
    );
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await page.getByRole("button", { name: /搜索店铺或服务/ }).waitFor();
    await context.close();
  });

  it("fits a landscape touchscreen without sideways scrolling", async () => {
    const { context, page } = await openKiosk(browser, agent, "/", LANDSCAPE);
    await page.locator("linli-category-tile").first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(LANDSCAPE.width);
    await context.close();
  });

  it("opens client-side routes directly, such as an outlet's page", async () => {
    const { context, page } = await openKiosk(browser, agent, "/outlets/wfxc-0141");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "潍坊新村邻里中心",
    );
    await page.getByRole("heading", { level: 2, name: "刘阿姨缝补改衣" }).waitFor();
    await context.close();
  });

  it("says kindly that an unknown outlet was not found", async () => {
    const { context, page } = await openKiosk(browser, agent, "/outlets/no-such-outlet");
    await page.getByRole("alert").filter({ hasText: "没有找到这家店铺" }).waitFor();
    await context.close();
  });

  it("sends an unknown path to the home screen", async () => {
    const { context, page } = await openKiosk(browser, agent, "/no/such/screen");
    await page.locator("linli-home-panel").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
  });
});
