import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations, undersizedTargets } from "../support/browser.js";
import { fakeSpeech, openKiosk, PORTRAIT, spokenTexts, turnOnElderlyMode } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

interface SentRating {
  sessionId: string;
  score: number;
  subject: { kind: string; id?: string };
  reasons?: string[];
}

const faces = (page: Page) => page.locator("linli-rate-panel button.face");

async function faceLabels(page: Page): Promise<string[]> {
  await faces(page).first().waitFor();
  return (await faces(page).allTextContents()).map((text) => text.trim());
}

/** Presses 提交评价 (or its English) and answers the rating the page sent and the agent's status. */
async function send(page: Page, label: string): Promise<{ sent: SentRating; status: number }> {
  const request = page.waitForRequest(
    (candidate: Request) =>
      candidate.url().endsWith("/api/v1/ratings") && candidate.method() === "POST",
  );
  await page.getByRole("button", { name: label, exact: true }).click();
  const sent = await request;
  const response = await sent.response();
  return {
    sent: JSON.parse(sent.postData() ?? "{}") as SentRating,
    status: response?.status() ?? 0,
  };
}

const thanks = (page: Page) => page.getByRole("status").filter({ hasText: "感谢您的评价！" });
const alreadyRated = (page: Page) =>
  page.getByRole("status").filter({ hasText: "您这次已经评价过了" });

describe("rating a service (好差评)", () => {
  it("rates the kiosk with five faces from 非常满意 to 非常不满意, and says thank you", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.locator('button[data-path="/rate"]').click();
    await page.getByRole("heading", { level: 2, name: "服务评价" }).waitFor();
    await page.getByText("请为本中心的自助服务打分").waitFor();
    expect(await faceLabels(page)).toEqual([
      "非常满意",
      "满意",
      "基本满意",
      "不满意",
      "非常不满意",
    ]);
    await page.getByRole("button", { name: "满意", exact: true }).click();
    // A good rating asks for no reasons.
    expect(await page.getByRole("group", { name: "哪里不满意？" }).count()).toBe(0);
    const { sent, status } = await send(page, "提交评价");
    expect(status).toBe(201);
    expect(sent).toMatchObject({ score: 4, subject: { kind: "kiosk" } });
    expect(sent.reasons).toBeUndefined();
    await thanks(page).waitFor();
    await page.getByText("您的评价：满意").waitFor();
    await context.close();
  });

  it("asks what was wrong with a low rating, and needs at least one reason", async () => {
    const { context, page } = await openKiosk(browser, agent, "/outlets/wfxc-0141");
    await page.getByRole("button", { name: "评价这家店" }).click();
    await page.getByText("请为「刘阿姨缝补改衣」打分").waitFor();
    await page.getByRole("button", { name: "非常不满意" }).click();
    const reasons = page.getByRole("group", { name: "哪里不满意？" });
    await reasons.waitFor();
    expect(
      (await reasons.getByRole("button").allTextContents()).map((text) => text.trim()),
    ).toEqual(["态度不好", "等候时间长", "价格不透明", "设施故障", "环境脏乱", "其他"]);
    await page.getByRole("button", { name: "提交评价" }).click();
    await page.getByRole("alert").filter({ hasText: "请至少选择一个不满意的原因" }).waitFor();
    await reasons.getByRole("button", { name: "价格不透明" }).click();
    await page.getByRole("alert").waitFor({ state: "detached" });
    const { sent, status } = await send(page, "提交评价");
    expect(status).toBe(201);
    expect(sent).toMatchObject({
      score: 1,
      subject: { kind: "outlet", id: "wfxc-0141" },
      reasons: ["unclear_prices"],
    });
    await thanks(page).waitFor();
    await page.getByText("您的评价：非常不满意").waitFor();
    await page.getByText("工作人员会尽快回访，改进服务。").waitFor();
    await context.close();
  });

  it("counts one rating per session: a second is refused kindly, by the screen and by the agent", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.locator('button[data-path="/rate"]').click();
    await page.getByRole("button", { name: "非常满意" }).click();
    const { sent } = await send(page, "提交评价");
    await thanks(page).waitFor();

    // The same resident comes back to rate again: told so before choosing a face.
    await page.getByRole("button", { name: "返回首页" }).click();
    await page.locator('button[data-path="/rate"]').click();
    await alreadyRated(page).waitFor();
    await page.getByText("每次使用只计一次评价，谢谢您的支持！").waitFor();
    expect(await faces(page).count()).toBe(0);

    // This session has already rated the outlet elsewhere; only the agent knows it.
    const elsewhere = await fetch(`${agent.url}/api/v1/ratings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        sessionId: sent.sessionId,
        score: 4,
        subject: { kind: "outlet", id: "wfxc-0141" },
      }),
    });
    expect(elsewhere.status).toBe(201);
    await page.getByRole("button", { name: "返回首页" }).click();
    await page.locator('section[data-class="basic"] button[data-category="repair"]').click();
    await page.locator('linli-outlet-card button[data-outlet="wfxc-0141"]').click();
    await page.getByRole("button", { name: "评价这家店" }).click();
    await page.getByRole("button", { name: "满意", exact: true }).click();
    const second = await send(page, "提交评价");
    expect(second.sent.sessionId).toBe(sent.sessionId);
    expect(second.status).toBe(409);
    await alreadyRated(page).waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    await context.close();
  });

  it("lets the next resident rate again once the kiosk has reset after the last one left", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?idle=4&warn=1.5&attract=600");
    await page.locator('button[data-path="/rate"]').click();
    await page.getByRole("button", { name: "基本满意" }).click();
    const first = await send(page, "提交评价");
    expect(first.status).toBe(201);
    await thanks(page).waitFor();
    await page.getByRole("button", { name: "返回首页" }).click();
    await page.locator('button[data-path="/rate"]').click();
    await alreadyRated(page).waitFor();

    // The resident walks away: the warning, then the reset to home.
    await page.getByRole("alertdialog").waitFor({ timeout: 10_000 });
    await page.locator("linli-home-panel").waitFor({ timeout: 10_000 });
    await page.locator('button[data-path="/rate"]').click();
    await page.getByRole("button", { name: "非常满意" }).click();
    const next = await send(page, "提交评价");
    expect(next.status).toBe(201);
    expect(next.sent.sessionId).not.toBe(first.sent.sessionId);
    await thanks(page).waitFor();
    await context.close();
  });

  it("works in English and 长辈模式, with big faces and reasons", async () => {
    const context = await browser.newContext({ viewport: PORTRAIT, locale: "zh-CN" });
    const page = await context.newPage();
    await fakeSpeech(page, [
      { name: "Test 中文", lang: "zh-CN" },
      { name: "Test English", lang: "en-GB" },
    ]);
    await page.goto(`${agent.url}/rate?service=printing`);
    await page.getByText("请为打印服务打分").waitFor();
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("How was the Printing service?").waitFor();
    expect(await faceLabels(page)).toEqual([
      "Very satisfied",
      "Satisfied",
      "Fairly satisfied",
      "Dissatisfied",
      "Very dissatisfied",
    ]);
    await page.getByRole("button", { name: "Read aloud" }).click();
    await expect
      .poll(async () => (await spokenTexts(page)).at(-1)?.text)
      .toMatch(/^Rate our service\. How was the Printing service\?/);

    await page.getByRole("button", { name: "Dissatisfied", exact: true }).click();
    const reasons = page.getByRole("group", { name: "What was not good?" });
    await reasons.getByRole("button", { name: "Long wait" }).click();
    expect(await undersizedTargets(page, 60)).toEqual([]);
    expect(await seriousAxeViolations(page, { enhancedContrast: true })).toEqual([]);
    const { sent, status } = await send(page, "Send rating");
    expect(status).toBe(201);
    expect(sent).toMatchObject({
      score: 2,
      subject: { kind: "service", id: "printing" },
      reasons: ["long_wait"],
    });
    await page.getByRole("status").filter({ hasText: "Thank you for your rating!" }).waitFor();
    await page.getByText("You rated: Dissatisfied").waitFor();
    await page.getByText("A member of staff will follow this up soon.").waitFor();
    await context.close();
  });
});
