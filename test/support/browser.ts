import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM_PATH = process.env.LINLI_CHROMIUM ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Something a resident can touch, and how big it is on screen. */
export interface TouchTarget {
  label: string;
  width: number;
  height: number;
}

/**
 * Every visible button, link and [role=button] — inside shadow roots too —
 * whose box is smaller than `min` × `min` CSS pixels.
 */
export function undersizedTargets(page: Page, min: number): Promise<TouchTarget[]> {
  return page.evaluate((min) => {
    const found: { label: string; width: number; height: number }[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll("*")) {
        if (element.shadowRoot) visit(element.shadowRoot);
        if (!element.matches('button, a[href], [role="button"], input:not([type="hidden"])'))
          continue;
        if (!element.checkVisibility({ visibilityProperty: true })) continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.width + 0.5 < min || box.height + 0.5 < min) {
          const label =
            element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40) ?? "";
          found.push({ label, width: Math.round(box.width), height: Math.round(box.height) });
        }
      }
    };
    visit(document);
    return found;
  }, min);
}

/** A piece of visible text and its computed font size in CSS pixels. */
export interface TextSize {
  text: string;
  fontSize: number;
}

/**
 * The font size of every piece of visible text (inside shadow roots too), or,
 * with `selector`, of the visible elements that match it.
 */
export function visibleTextSizes(page: Page, selector?: string): Promise<TextSize[]> {
  return page.evaluate((selector) => {
    const sizes: { text: string; fontSize: number }[] = [];
    const measure = (element: Element, text: string) => {
      if (!element.checkVisibility({ visibilityProperty: true })) return;
      if (element.closest('[aria-hidden="true"]') && !selector) return;
      sizes.push({
        text: text.slice(0, 40),
        fontSize: Number.parseFloat(getComputedStyle(element).fontSize),
      });
    };
    const visit = (root: Document | ShadowRoot) => {
      if (selector) {
        for (const element of root.querySelectorAll(selector))
          measure(element, element.textContent?.trim() ?? "");
      } else {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim() ?? "";
          const parent = node.parentElement;
          if (!text || !parent || parent.closest("style, script")) continue;
          measure(parent, text);
        }
      }
      for (const element of root.querySelectorAll("*"))
        if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document);
    return sizes;
  }, selector);
}

/** axe-core's serious and critical violations on the page as it is now, in every shadow root. */
export async function seriousAxeViolations(
  page: Page,
  options: { enhancedContrast?: boolean } = {},
): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  let builder = new AxeBuilder({ page });
  if (options.enhancedContrast) {
    builder = builder.options({ rules: { "color-contrast-enhanced": { enabled: true } } });
  }
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
    }));
}
