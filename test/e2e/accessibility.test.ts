import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import {
  launchChromium,
  seriousAxeViolations,
  undersizedTargets,
  visibleTextSizes,
} from "../support/browser.js";
import { fakeSpeech, LANDSCAPE, openKiosk, PORTRAIT, turnOnElderlyMode } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

/** Each resident screen, reached by touch the way a resident would, and settled. */
const SCREENS: { name: string; reach: (page: Page) => Promise<void> }[] = [
  {
    name: "home",
    reach: async (page) => {
      await page.locator("linli-category-tile").first().waitFor();
    },
  },
  {
    name: "category results",
    reach: async (page) => {
      await page.locator('section[data-class="basic"] button[data-category="repair"]').click();
      await page.locator("linli-outlet-card").first().waitFor();
    },
  },
  {
    name: "outlet with a price list",
    reach: async (page) => {
      await page.locator('linli-outlet-card button[data-outlet="wfxc-0141"]').click();
      await page.getByRole("table").waitFor();
    },
  },
  {
    name: "search with the pinyin keyboard",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/search"]').click();
      const keyboard = page.locator("linli-pinyin-keyboard");
      for (const key of ["b", "l", "d"])
        await keyboard.getByRole("button", { name: key, exact: true }).click();
      await page.locator("linli-outlet-card mark").first().waitFor();
    },
  },
  {
    name: "map",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/map"]').click();
      await page.locator("linli-circle-map g.marker").first().waitFor();
      // One category keeps axe quick; every dot is drawn and sized the same way.
      await page.locator('linli-category-chips button[data-category="pharmacy"]').click();
      await expect.poll(() => page.locator("linli-circle-map g.marker").count()).toBeLessThan(20);
    },
  },
  {
    name: "parcel pickup keypad",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/parcels"]').click();
      const keypad = page.locator("linli-code-keypad");
      for (const digit of ["1", "2"])
        await keypad.getByRole("button", { name: digit, exact: true }).click();
      await expect.poll(() => keypad.locator(".boxes").getAttribute("data-code")).toBe("12");
    },
  },
  {
    name: "shared cabinet",
    reach: async (page) => {
      await page.locator('linli-parcels-panel button[data-path="/parcels/cabinet"]').click();
      await page.locator('linli-parcels-panel button[data-action="borrow"]').waitFor();
    },
  },
  {
    name: "stroller borrowed, its door on the locker drawing",
    reach: async (page) => {
      await page.locator('linli-parcels-panel button[data-action="borrow"]').click();
      await page.locator("linli-locker-drawing .door.open").waitFor();
    },
  },
  {
    name: "print: a category and its outlets",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/print"]').click();
      await page.locator("linli-print-panel button[data-category]").first().click();
      await page.locator("linli-print-panel button[data-outlet]").first().waitFor();
    },
  },
  {
    name: "print: the preview",
    reach: async (page) => {
      await page.locator("linli-print-panel .actions button.primary").click();
      await page.locator("linli-receipt-preview pre").waitFor();
    },
  },
  {
    name: "rate: a low rating asks for reasons",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/rate"]').click();
      await page.locator('linli-rate-panel button[data-score="1"]').click();
      await page.locator("linli-rate-panel button[data-reason]").first().waitFor();
    },
  },
  {
    name: "report: the check before sending",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/report"]').click();
      await page.locator('linli-report-panel button[data-category="sanitation"]').click();
      await page.locator('linli-report-panel button[data-reason="rubbish"]').click();
      await page.locator('linli-report-panel button[aria-pressed="true"]').waitFor();
    },
  },
  {
    name: "vending: the products",
    reach: async (page) => {
      await page.locator("linli-top-bar button").first().click();
      await page.locator('button[data-path="/vending"]').click();
      await page.locator('linli-product-tile button[data-slot="1"]:not([disabled])').waitFor();
    },
  },
  {
    name: "vending: paying by QR",
    reach: async (page) => {
      await page.locator('linli-product-tile button[data-slot="1"]').click();
      await page.locator("linli-vending-panel .actions button.primary").click();
      await page.locator("linli-vend-payment [data-payment-code]").waitFor();
    },
  },
];

async function checkEveryScreen(page: Page, elderly: boolean, only?: string[]): Promise<void> {
  const problems: Record<string, unknown> = {};
  for (const screen of SCREENS.filter((candidate) => !only || only.includes(candidate.name))) {
    await screen.reach(page);
    // The measurements see the screen's targets and text, inside shadow roots too.
    expect((await undersizedTargets(page, 10_000)).length).toBeGreaterThan(3);
    expect((await visibleTextSizes(page)).length).toBeGreaterThan(10);
    const violations = await seriousAxeViolations(page, { enhancedContrast: elderly });
    const small = await undersizedTargets(page, elderly ? 60 : 44);
    const text = (await visibleTextSizes(page)).filter(
      (size) => size.fontSize < (elderly ? 24 : 18),
    );
    const actions = elderly
      ? (await visibleTextSizes(page, ".main")).filter((size) => size.fontSize < 30)
      : [];
    if (violations.length || small.length || text.length || actions.length) {
      problems[screen.name] = { violations, small, text, actions };
    }
  }
  expect(problems).toEqual({});
}

describe("accessibility of every resident screen", () => {
  it("has no serious axe violations and targets of at least 44 × 44 px in normal mode", async () => {
    const { context, page } = await openKiosk(browser, agent, "/", PORTRAIT);
    await checkEveryScreen(page, false);
    await context.close();
  });

  it("in 长辈模式: 7:1 contrast, body type ≥ 24 px, main actions ≥ 30 px, targets ≥ 60 × 60 px", async () => {
    const { context, page } = await openKiosk(browser, agent, "/", PORTRAIT);
    await turnOnElderlyMode(page);
    await checkEveryScreen(page, true);
    await context.close();
  });

  it("keeps 长辈模式 sizes on a landscape screen and in English", async () => {
    const { context, page } = await openKiosk(browser, agent, "/", LANDSCAPE);
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Essentials" }).waitFor();
    await checkEveryScreen(page, true, [
      "home",
      "search with the pinyin keyboard",
      "map",
      "parcel pickup keypad",
      "shared cabinet",
      "stroller borrowed, its door on the locker drawing",
      "print: a category and its outlets",
      "rate: a low rating asks for reasons",
      "report: the check before sending",
      "vending: the products",
      "vending: paying by QR",
    ]);
    await context.close();
  });

  it("shows fewer results per screen in 长辈模式", async () => {
    const { context, page } = await openKiosk(browser, agent, "/find?category=specialty_dining");
    await page.locator("linli-outlet-card").first().waitFor();
    const normal = await page.locator("linli-outlet-card").count();
    await turnOnElderlyMode(page);
    await expect.poll(() => page.locator("linli-outlet-card").count()).toBeLessThan(normal);
    await page.getByRole("button", { name: /显示更多/ }).waitFor();
    await context.close();
  });
});

describe("read-aloud", () => {
  it("reads the current screen aloud in Chinese with a Chinese voice", async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    await fakeSpeech(page, [{ name: "Test 中文", lang: "zh-CN" }]);
    await page.goto(`${agent.url}/outlets/wfxc-0141`);
    await page.getByRole("heading", { level: 2, name: "刘阿姨缝补改衣" }).waitFor();
    await page.getByRole("button", { name: "朗读" }).click();
    await page.getByRole("status").filter({ hasText: "正在朗读" }).waitFor();
    const spoken = await page.evaluate(
      () =>
        (window as unknown as { spokenForTest: { text: string; lang: string }[] }).spokenForTest,
    );
    expect(spoken).toHaveLength(1);
    expect(spoken[0]?.lang).toBe("zh-CN");
    expect(spoken[0]?.text).toMatch(/刘阿姨缝补改衣.*步行约 \d+ 分钟.*潍坊路 1477 号/);
    await page.getByRole("button", { name: "停止朗读" }).click();
    await page.getByRole("button", { name: "朗读" }).waitFor();
    await context.close();
  });

  it("says so when the browser has speech but no voice to speak with", async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    await fakeSpeech(page, []);
    await page.goto(`${agent.url}/`);
    await page.getByRole("button", { name: "朗读" }).click();
    await page.getByRole("status").filter({ hasText: "本机暂时无法朗读" }).waitFor();
    await expect(
      page.getByRole("button", { name: "朗读" }).getAttribute("aria-pressed"),
    ).resolves.toBe("false");
    await context.close();
  });
});
