import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations, undersizedTargets } from "../support/browser.js";
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

interface SentReport {
  category: string;
  outletId?: string;
  reasons?: string[];
}

/** Confirms the report and answers what the page sent and the reference number it then shows. */
async function confirm(
  page: Page,
  label: string,
): Promise<{ sent: SentReport; reference: string }> {
  const request = page.waitForRequest(
    (candidate: Request) =>
      candidate.url().endsWith("/api/v1/reports") && candidate.method() === "POST",
  );
  await page.getByRole("button", { name: label, exact: true }).click();
  const sent = JSON.parse((await request).postData() ?? "{}") as SentReport;
  const reference = page.locator("linli-report-panel [data-reference]");
  await reference.waitFor();
  return { sent, reference: (await reference.textContent())?.trim() ?? "" };
}

describe("reporting a problem to the community", () => {
  it("reports a problem about an outlet: category, preset reasons, a check, and a reference number", async () => {
    const { context, page } = await openKiosk(browser, agent, "/outlets/wfxc-0141");
    await page.getByRole("heading", { level: 2, name: "刘阿姨缝补改衣" }).waitFor();
    await page.getByRole("button", { name: "反映问题" }).click();
    await page.getByRole("heading", { level: 2, name: "反映问题" }).waitFor();
    await page.getByText("关于：刘阿姨缝补改衣").waitFor();
    const categories = page.getByRole("group", { name: "遇到了什么问题？" });
    expect(
      (await categories.getByRole("button").allTextContents()).map((text) => text.trim()),
    ).toEqual(["设施损坏", "环境卫生", "噪音扰民", "服务质量", "安全隐患", "其他"]);
    await categories.getByRole("button", { name: "服务质量" }).click();

    const reasons = page.getByRole("group", { name: "具体是哪些情况？" });
    await reasons.getByRole("button", { name: "未按时营业" }).click();
    await reasons.getByRole("button", { name: "价格不透明" }).click();
    const check = page.getByRole("region", { name: "请确认" });
    await check.getByText("问题类别：服务质量").waitFor();
    await check.getByText("具体情况：价格不透明、未按时营业").waitFor();
    await check.getByText("关于：刘阿姨缝补改衣").waitFor();

    const { sent, reference } = await confirm(page, "确认提交");
    expect(sent).toEqual({
      category: "service_quality",
      outletId: "wfxc-0141",
      reasons: ["unclear_prices", "not_open"],
    });
    expect(reference).toMatch(/^R\d{6}-\d{3}$/);
    await page.getByRole("status").filter({ hasText: "已收到，谢谢您！" }).waitFor();
    await page.getByText("请记下这个编号").waitFor();

    // Another problem starts over at the categories, still about the same outlet.
    await page.getByRole("button", { name: "再反映一个问题" }).click();
    await categories.getByRole("button", { name: "其他" }).click();
    await page.getByText("这一类没有预设的情况").waitFor();
    const other = await confirm(page, "确认提交");
    expect(other.sent).toEqual({ category: "other", outletId: "wfxc-0141" });
    expect(other.reference).not.toBe(reference);
    await context.close();
  });

  it("lets a resident choose another category before sending", async () => {
    const { context, page } = await openKiosk(browser, agent, "/report");
    await page.getByRole("button", { name: "噪音扰民" }).click();
    await page.getByRole("button", { name: "夜间噪音" }).click();
    await page.getByRole("button", { name: "重新选择类别" }).click();
    await page.getByRole("button", { name: "设施损坏" }).click();
    // Nothing of the first choice is carried over.
    expect(await page.locator('linli-report-panel button[aria-pressed="true"]').count()).toBe(0);
    await page.getByRole("button", { name: "照明不亮" }).click();
    const { sent } = await confirm(page, "确认提交");
    expect(sent).toEqual({ category: "facility_damage", reasons: ["lighting"] });
    await context.close();
  });

  it("works in English and 长辈模式", async () => {
    const { context, page } = await openKiosk(browser, agent, "/report");
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 2, name: "Report a problem" }).waitFor();
    expect(await undersizedTargets(page, 60)).toEqual([]);
    await page.getByRole("button", { name: "Cleanliness" }).click();
    await page.getByRole("button", { name: "Rubbish not collected" }).click();
    await page.getByText("Problem: Cleanliness").waitFor();
    await page.getByText("Details: Rubbish not collected").waitFor();
    expect(await undersizedTargets(page, 60)).toEqual([]);
    expect(await seriousAxeViolations(page, { enhancedContrast: true })).toEqual([]);
    const { sent, reference } = await confirm(page, "Send report");
    expect(sent).toEqual({ category: "sanitation", reasons: ["rubbish"] });
    expect(reference).toMatch(/^R\d{6}-\d{3}$/);
    await page.getByRole("status").filter({ hasText: "Received. Thank you!" }).waitFor();
    await context.close();
  });
});
