import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations } from "../support/browser.js";
import { openKiosk, turnOnElderlyMode } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

describe("when a resident walks away", () => {
  it("warns with a countdown after the idle time, and 继续 keeps everything as it was", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?idle=1&warn=6&attract=600");
    await page.locator('section[data-class="basic"] button[data-category="pharmacy"]').click();
    await page.getByRole("heading", { level: 2, name: "药店" }).waitFor();
    const warning = page.getByRole("alertdialog", { name: "还在使用吗？" });
    await warning.waitFor();
    await page.getByText(/\d 秒后将回到首页，并清除您输入的内容/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "继续", exact: true }).click();
    await warning.waitFor({ state: "detached" });
    await page.getByRole("heading", { level: 2, name: "药店" }).waitFor();
    await context.close();
  });

  it("then resets to home in Chinese and normal mode, clearing what was typed", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?idle=2.5&warn=1.5&attract=600");
    await page.locator('button[data-path="/search"]').click();
    const keyboard = page.getByRole("group", { name: "拼音键盘" });
    for (const key of ["y", "d"])
      await keyboard.getByRole("button", { name: key, exact: true }).click();
    await expect.poll(() => page.getByRole("searchbox").inputValue()).toBe("yd");
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("alertdialog").waitFor();
    await page.getByRole("heading", { name: "基本保障类" }).waitFor({ timeout: 6_000 });
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.getByRole("button", { name: "长辈模式" }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    // The next resident finds an empty search and no way back into the last one's.
    await page.locator('button[data-path="/search"]').click();
    expect(await page.getByRole("searchbox").inputValue()).toBe("");
    await page.getByRole("button", { name: "返回" }).click();
    await page.locator("linli-home-panel").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await context.close();
  });

  it("shows the circle's facts on an attract screen after a longer while, until touched", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?idle=1&warn=1&attract=2");
    const attract = page.locator("linli-attract-screen");
    await attract.getByText("轻触屏幕开始").waitFor();
    await attract.getByText(/本生活圈：(基础型|提升型|品质型)/).waitFor();
    await attract.getByText(/步行 15 分钟内有 \d+ 家便民服务网点/).waitFor();
    await attract.getByRole("heading", { name: "一店一早" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.mouse.click(540, 960);
    await attract.waitFor({ state: "detached" });
    await page.locator("linli-home-panel").waitFor();
    await context.close();
  });
});
