/**
 * What the resident and the operator see while the kiosk cannot record
 * anything. The agent runs with a reserve larger than any disk
 * (store.reserveBytes), so its store is short of room from the start: the
 * same refusal a full disk gives (test/integration/disk-full.test.ts fills a
 * real one), without needing root to mount one.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
import { openKiosk, turnOnElderlyMode } from "./kiosk.js";

const PIN = "735190";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  const hashed = await runLinli(["hash-pin"], {}, `${PIN}\n`);
  [agent, browser] = await Promise.all([
    startAgent({
      env: {
        LINLI_OPERATOR_PIN_HASH: hashed.stdout.trim(),
        LINLI_STORE_RESERVE_BYTES: String(2 ** 50),
      },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

async function tryPickup(page: Page, submit: string, keypad: string): Promise<void> {
  await page.locator('button[data-path="/parcels"]').click();
  await page.locator("linli-parcels-panel[live]").waitFor();
  const keys = page.getByRole("group", { name: keypad });
  for (const digit of "123456")
    await keys.getByRole("button", { name: digit, exact: true }).click();
  await page.getByRole("button", { name: submit }).click();
}

const alert = (page: Page) => page.locator("linli-parcels-panel p.refusal[role=alert]");

describe("a kiosk that cannot record anything", () => {
  it("tells the resident plainly why no door opens, and that looking things up still works", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await tryPickup(page, "开柜取件", "数字键盘");
    await expect
      .poll(() => alert(page).textContent())
      .toBe("本机暂时无法保存记录，这项业务暂停办理。查找店铺和服务不受影响，请联系工作人员");
    await context.close();
  });

  it("says it in English and in senior mode too", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.getByRole("button", { name: "English" }).click();
    await turnOnElderlyMode(page);
    await tryPickup(page, "Open the door", "Number keypad");
    await expect
      .poll(() => alert(page).textContent())
      .toContain("This kiosk cannot save records right now");
    const size = await alert(page).evaluate((node) =>
      Number.parseFloat(getComputedStyle(node).fontSize),
    );
    expect(size).toBeGreaterThanOrEqual(24);
    await context.close();
  });

  it("shows the operator the fault on the devices page, with what to do", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "zh-CN",
    });
    const page = await context.newPage();
    await page.goto(`${agent.url}/operator`);
    const keypad = page.locator("linli-op-login linli-op-keypad");
    for (const digit of PIN) await keypad.getByRole("button", { name: digit, exact: true }).click();
    await page.getByRole("button", { name: "登录" }).click();
    const card = page.locator("linli-op-store-card article[role=alert]");
    await expect
      .poll(() => card.getAttribute("data-store-reason"), { timeout: 10_000 })
      .toBe("low_space");
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("本机存储无法写入");
    expect(text).toContain("磁盘剩余空间低于保留值");
    expect(text).toContain("释放空间后本机会自动恢复");
    await context.close();
  });
});
