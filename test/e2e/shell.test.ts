import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";

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
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.goto(`${agent.url}/`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "潍坊新村邻里中心",
    );
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await context.close();
  });

  it("serves the app shell for client-side routes", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${agent.url}/outlets/some-outlet`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "潍坊新村邻里中心",
    );
    await context.close();
  });
});
