import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import type { AgentProcess } from "../support/agent-process.js";

/** The kiosk's two touchscreens. */
export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

export interface Kiosk {
  context: BrowserContext;
  page: Page;
}

/** Opens the UI the agent serves at `path`, as the kiosk's Chromium would, once the shell is up. */
export async function openKiosk(
  browser: Browser,
  agent: AgentProcess,
  path = "/",
  viewport: { width: number; height: number } = PORTRAIT,
  options: { serviceWorkers?: "allow" | "block" } = {},
): Promise<Kiosk> {
  // The shell's service worker is blocked unless a test is about it: once it controls a
  // page, Playwright's page.route no longer sees that page's requests, and when it takes
  // control (a moment after the first load) would decide whether a test's route works.
  const context = await browser.newContext({
    viewport,
    locale: "zh-CN",
    serviceWorkers: options.serviceWorkers ?? "block",
  });
  const page = await context.newPage();
  await page.goto(`${agent.url}${path}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return { context, page };
}

export async function turnOnElderlyMode(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: /长辈模式|Senior mode/ });
  await toggle.click();
  await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
}

/** The results on screen, top to bottom, as their cards describe them. */
export function resultCards(page: Page) {
  return page.locator("linli-outlet-card button").evaluateAll((buttons) => {
    // The text a resident sees, including what nested components render in their shadow roots.
    const deepText = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
      const children = [...node.childNodes];
      const shadow =
        node instanceof Element && node.shadowRoot ? [...node.shadowRoot.childNodes] : [];
      return [...shadow, ...children].map(deepText).join(" ");
    };
    return buttons.map((button) => ({
      id: button.getAttribute("data-outlet") ?? "",
      minutes: Number(button.getAttribute("data-minutes")),
      open: button.getAttribute("data-open") ?? "",
      text: deepText(button).replace(/\s+/g, " ").trim(),
    }));
  });
}

/** Waits until the results summary settles and returns it, e.g. "共 11 家，按步行时间排序". */
export async function resultsSummary(page: Page): Promise<string> {
  const summary = page.locator('linli-find-panel p[role="status"]');
  await expect.poll(() => summary.getAttribute("aria-busy")).toBe("false");
  return (await summary.textContent())?.trim() ?? "";
}

export function countIn(summary: string): number {
  return Number(/\d+/.exec(summary)?.[0] ?? Number.NaN);
}

/** Replaces the Web Speech API with one that records what it is asked to say. */
export function fakeSpeech(page: Page, voices: { name: string; lang: string }[]) {
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

/** What the page asked the (fake) speech synthesiser to say, oldest first. */
export function spokenTexts(page: Page): Promise<{ text: string; lang: string }[]> {
  return page.evaluate(
    () =>
      (window as unknown as { spokenForTest?: { text: string; lang: string }[] }).spokenForTest ??
      [],
  );
}
