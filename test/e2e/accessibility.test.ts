import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import {
  launchChromium,
  seriousAxeViolations,
  undersizedTargets,
  visibleTextSizes,
} from "../support/browser.js";
import { LANDSCAPE, openKiosk, PORTRAIT, turnOnElderlyMode } from "./kiosk.js";

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
    await checkEveryScreen(page, true, ["home", "search with the pinyin keyboard", "map"]);
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

/** Replaces the Web Speech API with one that records what it is asked to say. */
function fakeSpeech(page: Page, voices: { name: string; lang: string }[]) {
  return page.addInitScript((voices) => {
    const spoken: { text: string; lang: string }[] = [];
    Object.assign(window, { spokenForTest: spoken });
    class FakeUtterance {
      text: string;
      lang = "";
      rate = 1;
      voice: unknown = null;
      constructor(text: string) {
        this.text = text;
      }
      addEventListener() {}
    }
    const synth = {
      getVoices: () => voices,
      speak: (utterance: FakeUtterance) =>
        spoken.push({ text: utterance.text, lang: utterance.lang }),
      cancel: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => synth });
    Object.defineProperty(window, "SpeechSynthesisUtterance", {
      configurable: true,
      value: FakeUtterance,
    });
  }, voices);
}

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
