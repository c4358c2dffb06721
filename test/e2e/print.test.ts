import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import {
  launchChromium,
  seriousAxeViolations,
  undersizedTargets,
  visibleTextSizes,
} from "../support/browser.js";
import { fakeSpeech, openKiosk, spokenTexts, turnOnElderlyMode } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

interface Printed {
  printer: { paper: string };
  receipts: { text: string; qrCodes: string[] }[];
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${agent.url}/api/v1${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

/** Every receipt the simulated printer has printed, oldest first. */
async function receipts(): Promise<Printed["receipts"]> {
  return (await call<Printed>("GET", "/demo/printer?last=50")).receipts;
}

/** A person at the printer takes the paper out or puts it back; resolves once the agent sees it. */
async function setPaper(paper: "out" | "ok"): Promise<void> {
  await call("POST", "/demo/printer", { paper });
  await expect
    .poll(
      async () => {
        const devices = await call<{ items: { id: string; health: { state: string } }[] }>(
          "GET",
          "/devices",
        );
        return devices.items.find((device) => device.id === "printer-1")?.health.state;
      },
      { timeout: 10_000 },
    )
    .toBe(paper === "out" ? "paper_out" : "ready");
}

const printPanel = (page: Page) => page.locator("linli-print-panel");

/** Receipt text without its line breaks and padding, as a long name wraps onto the next line. */
const unwrapped = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, "");

/** Waits for the print's words on screen: a status while it goes well, an alert when staff are needed. */
async function printSays(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.locator("linli-print-progress").getByText(text, { exact: true }).waitFor({ timeout });
}

describe("printing a service guide", () => {
  it("prints a category's nearest outlets in large print, read back off the printer", async () => {
    const before = (await receipts()).length;
    const { context, page } = await openKiosk(browser, agent);
    await page.locator('button[data-path="/print"]').click();
    await page.getByRole("heading", { level: 2, name: "打印服务指南" }).waitFor();
    await page
      .getByRole("group", { name: "选择类别" })
      .getByRole("button", { name: "药店" })
      .click();
    const outlets = page.getByRole("group", { name: "选择店铺" });
    await outlets.getByRole("button").first().waitFor();
    const names = await outlets.locator("button .name").allTextContents();
    expect(names.length).toBeGreaterThan(1);
    expect(names.length).toBeLessThanOrEqual(10);
    // Every outlet of the category starts chosen.
    for (const pressed of await outlets
      .getByRole("button")
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-pressed")))) {
      expect(pressed).toBe("true");
    }
    await page
      .getByRole("group", { name: "字号" })
      .getByRole("button", { name: /大字号/ })
      .click();
    await page.getByRole("button", { name: "预览", exact: true }).click();
    await page.getByRole("heading", { name: "打印预览" }).waitFor();
    const preview = await page.locator("linli-receipt-preview pre").textContent();
    expect(preview).toContain("药店 步行 10 分钟内");
    expect(preview).toContain("按老年人步速计算步行时间");
    expect(preview).toContain("[QR]");
    for (const name of names) expect(unwrapped(preview)).toContain(unwrapped(name));

    await page.getByRole("button", { name: "打印", exact: true }).click();
    await printSays(page, "打印好了，请取走您的服务指南");
    await page.getByRole("button", { name: "评价打印服务" }).waitFor();

    const printed = await receipts();
    expect(printed.length).toBe(before + 1);
    const guide = printed.at(-1)!;
    expect(guide.text).toContain("潍坊新村邻里中心");
    expect(guide.text).toContain("药店 步行 10 分钟内");
    expect(guide.text).toContain("按老年人步速计算步行时间");
    for (const name of names) expect(unwrapped(guide.text)).toContain(unwrapped(name));
    expect(guide.qrCodes).toHaveLength(1);
    expect(guide.qrCodes[0]).toContain(names[0]);
    await context.close();
  });

  it("leaves out the outlets the resident unticks, and lists the rest as chosen ones", async () => {
    const { context, page } = await openKiosk(browser, agent, "/print");
    await page.locator('linli-print-panel button[data-category="convenience_store"]').click();
    const outlets = page.getByRole("group", { name: "选择店铺" });
    const first = outlets.getByRole("button").first();
    await first.waitFor();
    const left = (await first.locator(".name").textContent()) ?? "";
    await first.click();
    await expect.poll(() => first.getAttribute("aria-pressed")).toBe("false");
    const kept = await outlets.locator('button[aria-pressed="true"] .name').allTextContents();
    await page.getByRole("button", { name: "预览", exact: true }).click();
    const preview = await page.locator("linli-receipt-preview pre").textContent();
    expect(preview).toContain("为您挑选的服务网点");
    expect(unwrapped(preview)).not.toContain(unwrapped(left));
    for (const name of kept) expect(unwrapped(preview)).toContain(unwrapped(name));

    // Unticking everything asks for at least one, rather than printing an empty guide.
    await page.getByRole("button", { name: "返回修改" }).click();
    const stillChosen = outlets.locator('button[aria-pressed="true"]');
    while ((await stillChosen.count()) > 0) await stillChosen.first().click();
    await page.getByRole("button", { name: "预览", exact: true }).click();
    await printPanel(page).getByRole("alert").filter({ hasText: "请至少选择一家店铺" }).waitFor();
    await context.close();
  });

  it("says so when the outlet to print is not there, and offers the categories instead", async () => {
    const { context, page } = await openKiosk(browser, agent, "/print?outlet=no-such-outlet");
    await printPanel(page)
      .getByRole("alert")
      .filter({ hasText: "没有找到要打印的店铺，请重新选择" })
      .waitFor();
    await page
      .getByRole("group", { name: "选择类别" })
      .getByRole("button", { name: "药店" })
      .waitFor();
    await context.close();
  });

  it("says in plain words that the paper is out, and finishes once paper is back (长辈模式)", async () => {
    await setPaper("out");
    try {
      const before = (await receipts()).length;
      const { context, page } = await openKiosk(browser, agent, "/outlets/wfxc-0141");
      await page.getByRole("heading", { level: 2, name: "刘阿姨缝补改衣" }).waitFor();
      await turnOnElderlyMode(page);
      await page.getByRole("button", { name: "打印这家店" }).click();
      await page.getByRole("heading", { level: 2, name: "打印服务指南" }).waitFor();
      expect(new URL(page.url()).searchParams.get("outlet")).toBe("wfxc-0141");
      const outlets = page.getByRole("group", { name: "选择店铺" });
      await outlets.getByRole("button", { name: /刘阿姨缝补改衣/ }).waitFor();
      await page.getByRole("button", { name: "预览", exact: true }).click();
      await page.getByRole("button", { name: "打印", exact: true }).click();

      const alert = page.locator("linli-print-progress").getByRole("alert");
      await alert.filter({ hasText: "打印机缺纸，请联系工作人员" }).waitFor({ timeout: 15_000 });
      await alert.getByText("处理好后会自动接着打印").waitFor();
      expect(await seriousAxeViolations(page, { enhancedContrast: true })).toEqual([]);
      expect(await undersizedTargets(page, 60)).toEqual([]);
      expect((await visibleTextSizes(page)).filter((size) => size.fontSize < 24)).toEqual([]);
      expect((await receipts()).length).toBe(before);

      await setPaper("ok");
      await printSays(page, "打印好了，请取走您的服务指南", 30_000);
      const printed = await receipts();
      // Printed once, though the paper ran out on the way: no second copy.
      expect(printed.length).toBe(before + 1);
      expect(printed.at(-1)?.text).toContain("刘阿姨缝补改衣");
      expect(printed.at(-1)?.text).toContain("为您挑选的服务网点");
      await context.close();
    } finally {
      await setPaper("ok");
    }
  });

  it("works in English and 长辈模式: large print by default, big targets, Chinese on paper", async () => {
    const before = (await receipts()).length;
    const { context, page } = await openKiosk(browser, agent, "/print");
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 2, name: "Print a service guide" }).waitFor();
    const kinds = page.getByRole("group", { name: "Choose a kind of service" });
    // Fewer at a time in 长辈模式: the rest are one tap away.
    const shown = await kinds.locator("button[data-category]").count();
    expect(shown).toBeLessThanOrEqual(8);
    await kinds.getByRole("button", { name: "More kinds" }).click();
    await kinds.getByRole("button", { name: "Pharmacy" }).click();
    const places = page.getByRole("group", { name: "Choose places" });
    await places.getByRole("button").first().waitFor();
    expect(await places.getByRole("button").count()).toBe(5);
    await page.getByRole("button", { name: /^Show more places \(\d+ more\)$/ }).waitFor();
    const size = page.getByRole("group", { name: "Print size" });
    expect(
      await size.getByRole("button", { name: /Large print/ }).getAttribute("aria-pressed"),
    ).toBe("true");
    expect(await undersizedTargets(page, 60)).toEqual([]);
    expect(await seriousAxeViolations(page, { enhancedContrast: true })).toEqual([]);

    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await page.getByText(/The guide is printed in Chinese/).waitFor();
    await page.getByRole("button", { name: "Print", exact: true }).click();
    await printSays(page, "Printed. Please take your service guide.");
    expect(await undersizedTargets(page, 60)).toEqual([]);
    const printed = await receipts();
    expect(printed.length).toBe(before + 1);
    expect(printed.at(-1)?.text).toContain("药店 步行 10 分钟内");
    expect(printed.at(-1)?.text).toContain("按老年人步速计算步行时间");
    await context.close();
  });

  it("reads the preview aloud: how many places and which", async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await fakeSpeech(page, [{ name: "Test 中文", lang: "zh-CN" }]);
    await page.goto(`${agent.url}/print?outlet=wfxc-0141`);
    await page.getByRole("group", { name: "选择店铺" }).getByRole("button").first().waitFor();
    await page.getByRole("button", { name: "预览", exact: true }).click();
    await page.getByRole("heading", { name: "打印预览" }).waitFor();
    await page.getByRole("button", { name: "朗读" }).click();
    await expect
      .poll(async () => (await spokenTexts(page)).at(-1)?.text)
      .toMatch(/打印预览。共 1 家店铺：刘阿姨缝补改衣。确认无误请点打印。/);
    await context.close();
  });
});
