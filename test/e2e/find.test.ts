import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
import { countIn, openKiosk, resultCards, resultsSummary } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

describe("finding outlets", () => {
  it("shows the four slogans and both classes of categories on the home screen", async () => {
    const { context, page } = await openKiosk(browser, agent);
    for (const slogan of ["一店一早", "一菜一修", "一老一小", "一收一洗"]) {
      await page.getByRole("button", { name: slogan }).waitFor();
    }
    await page.getByRole("heading", { name: "基本保障类" }).waitFor();
    await page.getByRole("heading", { name: "品质提升类" }).waitFor();
    const basic = page.locator('section[data-class="basic"] linli-category-tile');
    await expect.poll(() => basic.count()).toBeGreaterThanOrEqual(10);
    await page
      .locator('section[data-class="quality"]')
      .getByRole("button", { name: /养老服务/ })
      .waitFor();
    // 一老一小 holds elderly care, the canteen and childcare.
    const oldYoung = page.locator('article[data-group="old_young"] linli-category-tile');
    await expect.poll(() => oldYoung.count()).toBe(3);
    await context.close();
  });

  it("lists a category's outlets nearest first, each saying whether it is open", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page
      .locator('article[data-group="vegetables_repair"]')
      .getByRole("button", { name: /维修点/ })
      .click();
    await page.getByRole("heading", { level: 2, name: "维修点" }).waitFor();
    expect(await resultsSummary(page)).toMatch(/共 \d+ 家，按步行时间排序/);
    const cards = await resultCards(page);
    expect(cards.length).toBeGreaterThan(2);
    const minutes = cards.map((card) => card.minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    for (const card of cards) {
      expect(card.text).toMatch(/营业中|已打烊|营业时间未知/);
      expect(card.text).toContain("维修点");
      expect(card.minutes).toBeLessThanOrEqual(15);
    }
    expect(cards.some((card) => card.open === "closed" && /开门/.test(card.text))).toBe(true);
    await context.close();
  });

  it("narrows and widens the results with the 5, 10 and 15-minute filter", async () => {
    const { context, page } = await openKiosk(browser, agent, "/find?category=convenience_store");
    const filter = page.getByRole("group", { name: "步行时间" });
    const totals: number[] = [];
    for (const label of ["5 分钟内", "10 分钟内", "15 分钟内", "不限"]) {
      await filter.getByRole("button", { name: label, exact: true }).click();
      await expect
        .poll(() =>
          filter.getByRole("button", { name: label, exact: true }).getAttribute("aria-pressed"),
        )
        .toBe("true");
      totals.push(countIn(await resultsSummary(page)));
      const cards = await resultCards(page);
      const limit = Number.parseInt(label, 10);
      if (limit) for (const card of cards) expect(card.minutes).toBeLessThanOrEqual(limit);
    }
    // 5 < 10 < 15 minutes < any distance.
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(new Set(totals).size).toBe(4);
    expect(new URL(page.url()).searchParams.get("max")).toBe("0");
    await context.close();
  });

  it("searches by pinyin initials typed on the on-screen keyboard and marks what matched", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.getByRole("button", { name: /搜索店铺或服务/ }).click();
    const keyboard = page.getByRole("group", { name: "拼音键盘" });
    for (const key of ["b", "l", "d"])
      await keyboard.getByRole("button", { name: key, exact: true }).click();
    await expect
      .poll(() => page.getByRole("searchbox", { name: "搜索内容" }).inputValue())
      .toBe("bld");
    expect(await resultsSummary(page)).toMatch(/共 \d+ 家/);
    const cards = await resultCards(page);
    expect(cards.length).toBeGreaterThan(0);
    expect(
      cards.slice(0, 3).filter((card) => card.text.includes("便利店")).length,
    ).toBeGreaterThanOrEqual(2);
    const marks = await page.locator("linli-outlet-card mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks[0]).toMatch(/^.{3,4}$/u);
    // Typing shows results live, and 删除 takes a letter back.
    await keyboard.getByRole("button", { name: "删除" }).click();
    await expect.poll(() => page.getByRole("searchbox").inputValue()).toBe("bl");
    await context.close();
  });

  it("finds 便利店 outlets by full pinyin too", async () => {
    const { context, page } = await openKiosk(browser, agent, "/search");
    const keyboard = page.getByRole("group", { name: "拼音键盘" });
    for (const key of "bianli")
      await keyboard.getByRole("button", { name: key, exact: true }).click();
    await expect.poll(async () => (await resultCards(page)).length).toBeGreaterThan(0);
    const cards = await resultCards(page);
    expect(cards[0]?.text).toContain("便利");
    await context.close();
  });

  it("shows an outlet's hours, address, walking minutes and its price list in yuan", async () => {
    const { context, page } = await openKiosk(browser, agent, "/find?category=repair");
    await page.locator('linli-outlet-card button[data-outlet="wfxc-0141"]').click();
    await page.getByRole("heading", { level: 2, name: "刘阿姨缝补改衣" }).waitFor();
    const hours = await page.locator('[data-field="hours"]').textContent();
    expect(hours).toContain("周一至周六 08:30–17:30");
    expect(await page.locator('[data-field="address"]').textContent()).toContain("潍坊路 1477 号");
    await page
      .getByText(/已打烊|营业中/)
      .first()
      .waitFor();
    await page.getByText(/^步行约 \d+ 分钟$/).waitFor();
    await page.getByText(/^长辈步行约 \d+ 分钟$/).waitFor();
    const prices = page.getByRole("table");
    await prices.waitFor();
    const rows = await prices.locator("tbody tr").allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/￥\d+\.\d{2}/);
    expect(rows.join(" ")).toMatch(/修伞\s*￥10\.00 \/ 把/);
    // 返回 comes back to the same list.
    await page.getByRole("button", { name: "返回" }).click();
    await page.getByRole("heading", { level: 2, name: "维修点" }).waitFor();
    await context.close();
  });

  it("switches to English and back, labels and category names alike", async () => {
    const { context, page } = await openKiosk(browser, agent, "/find?category=pharmacy");
    await page.getByRole("heading", { level: 2, name: "药店" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 2, name: "Pharmacy" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: "Back", exact: true }).waitFor();
    await page
      .getByRole("group", { name: "Walking time" })
      .getByRole("button", { name: "Within 10 min" })
      .waitFor();
    expect(await resultsSummary(page)).toMatch(/\d+ places, nearest first/);
    await page.getByRole("button", { name: "Home" }).click();
    await page.getByRole("heading", { name: "Essentials" }).waitFor();
    await page.getByRole("button", { name: "A shop and breakfast" }).waitFor();
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("heading", { name: "基本保障类" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await context.close();
  });
});
