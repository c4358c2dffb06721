// The community flow in the real UI against the demo agent: a notice on the
// home screen, booking a session anonymously with a printed ticket (read back
// off the simulated printer), cancelling it by the ticket's code, and the
// screens clean for axe with elderly-sized text and targets.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import {
  launchChromium,
  seriousAxeViolations,
  undersizedTargets,
  visibleTextSizes,
} from "../support/browser.js";
import { fakeSpeech, openKiosk, PORTRAIT, turnOnElderlyMode } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

const receipts = async () => {
  const response = await fetch(`${agent.url}/api/v1/demo/printer?last=50`);
  return ((await response.json()) as { receipts: { text: string; qrCodes: string[] }[] }).receipts;
};

async function accessibilityProblems(page: Page, elderly: boolean) {
  // The measurements see the screen's targets and text, inside shadow roots too.
  expect((await undersizedTargets(page, 10_000)).length).toBeGreaterThan(3);
  const violations = await seriousAxeViolations(page, { enhancedContrast: elderly });
  const small = await undersizedTargets(page, elderly ? 60 : 44);
  const text = (await visibleTextSizes(page)).filter((size) => size.fontSize < (elderly ? 24 : 18));
  return { violations, small, text };
}

const clean = { violations: [], small: [], text: [] };

describe("community notices and bookings", () => {
  it("shows the centre's notices on the home screen", async () => {
    const { context, page } = await openKiosk(browser, agent, "/");
    const notices = page.locator("linli-home-panel [data-notices]");
    await notices.getByText("本周六上午 社区义诊").waitFor();
    await notices.getByText("重要").waitFor();
    await context.close();
  });

  it("reads the notices aloud in elderly mode, and shows them in the attract loop", async () => {
    const context = await browser.newContext({ viewport: PORTRAIT, locale: "zh-CN" });
    const page = await context.newPage();
    await fakeSpeech(page, [{ name: "Test 中文", lang: "zh-CN" }]);
    await page.goto(`${agent.url}/?idle=1&warn=1&attract=4`);
    await page
      .locator("linli-home-panel [data-notices]")
      .getByText("本周六上午 社区义诊")
      .waitFor();
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "朗读" }).click();
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as { spokenForTest: { text: string }[] }).spokenForTest,
        ),
      )
      .toEqual([
        expect.objectContaining({
          text: expect.stringMatching(/社区通知：本周六上午 社区义诊：.*9:00-11:30/),
        }),
      ]);
    const attract = page.locator("linli-attract-screen");
    await attract.getByText("轻触屏幕开始").waitFor({ timeout: 15_000 });
    await attract.getByText("本周六上午 社区义诊").waitFor();
    await context.close();
  });

  it("books a session anonymously with a printed ticket, then cancels it by the ticket's code", async () => {
    const { context, page } = await openKiosk(browser, agent, "/");
    await page.locator('button[data-path="/community"]').click();
    const panel = page.locator("linli-community-panel");
    const course = panel.locator('[data-kind="course"]');
    await course.getByText("剩余 12 个名额").waitFor();
    await course.locator("button[data-book]").click();
    const before = (await receipts()).length;
    await panel.locator('button[data-action="ticket"]').click();
    const outcome = panel.locator('.outcome[data-state="confirmed"]');
    await outcome.waitFor();
    const code = (await panel.locator("[data-code]").getAttribute("data-code")) ?? "";
    expect(code).toMatch(/^[0-9]{8}$/);
    await outcome.getByText("请取走凭条").waitFor();
    await expect
      .poll(async () => (await receipts()).slice(before).flatMap((receipt) => receipt.qrCodes))
      .toContain(`LINLI:BOOKING:${code}`);
    const ticket = (await receipts()).find((receipt) =>
      receipt.qrCodes.includes(`LINLI:BOOKING:${code}`),
    );
    expect(ticket?.text).toContain("书法班");
    expect(ticket?.text).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);

    await panel.getByRole("button", { name: "预约其他活动" }).click();
    await panel.locator('[data-kind="course"]').getByText("剩余 11 个名额").waitFor();
    await panel.locator('button[data-action="cancel"]').click();
    for (const digit of code) await panel.locator(`.keys button[data-key="${digit}"]`).click();
    await panel.locator('button[data-action="submit-cancel"]').click();
    await panel.locator('.outcome[data-state="cancelled"]').waitFor();
    await panel.getByText("已取消预约").first().waitFor();
    await panel.getByRole("button", { name: "预约其他活动" }).click();
    await panel.locator('[data-kind="course"]').getByText("剩余 12 个名额").waitFor();
    await context.close();
  });

  it("keeps only the last four digits of a phone number on screen", async () => {
    const { context, page } = await openKiosk(browser, agent, "/community");
    const panel = page.locator("linli-community-panel");
    await panel.locator('[data-kind="meal"] button[data-book]').click();
    // 长者助餐 is for residents over 60: booking waits for the confirmation.
    await expect.poll(() => panel.locator('button[data-action="phone"]').isDisabled()).toBe(true);
    await panel.locator("button[data-eligible]").click();
    await panel.locator('button[data-action="phone"]').click();
    for (const digit of "13812345678")
      await panel.locator(`.keys button[data-key="${digit}"]`).click();
    await panel.locator("[data-typed]").getByText("138****5678").waitFor();
    await panel.getByText("只保存手机尾号 5678").waitFor();
    await panel.locator('button[data-action="submit-phone"]').click();
    await panel
      .locator('.outcome[data-state="confirmed"]')
      .getByText("尾号 5678")
      .first()
      .waitFor();
    expect(await page.content()).not.toContain("13812345678");
    await context.close();
  });

  it("is clean for axe with elderly-sized text and targets on every community screen", async () => {
    const { context, page } = await openKiosk(browser, agent, "/community");
    await turnOnElderlyMode(page);
    const panel = page.locator("linli-community-panel");
    const problems: Record<string, unknown> = {};
    await panel.locator('[data-kind="course"] button[data-book]').waitFor();
    problems.list = await accessibilityProblems(page, true);
    await panel.locator('[data-kind="meal"] button[data-book]').click();
    await panel.locator("button[data-eligible]").click();
    problems.book = await accessibilityProblems(page, true);
    await panel.locator('button[data-action="phone"]').click();
    problems.phone = await accessibilityProblems(page, true);
    await panel.getByRole("button", { name: "返回" }).click();
    await panel.getByRole("button", { name: "返回" }).click();
    await panel.locator('button[data-action="directory"]').click();
    await panel.getByText("就享家 乐业服务站").waitFor();
    problems.directory = await accessibilityProblems(page, true);
    await panel.locator('button[data-action="print-directory"]').click();
    await panel.getByText("正在打印，请取走").waitFor();
    expect(problems).toEqual({ list: clean, book: clean, phone: clean, directory: clean });
    await context.close();
  });
});
