import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
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

interface DrawnMap {
  rings: { minutes: number; r: number }[];
  markers: { id: string; label: string; minutes: number; distance: number }[];
}

/** The rings and dots as drawn: radii and each dot's distance from the kiosk, in screen pixels. */
async function drawnMap(page: Page): Promise<DrawnMap> {
  await page.locator("linli-circle-map g.marker").first().waitFor();
  return page.locator("linli-circle-map").evaluate((map) => {
    const root = map.shadowRoot!;
    const centre = (element: Element) => {
      const box = element.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const kiosk = centre(root.querySelector("[data-kiosk] circle.kiosk")!);
    return {
      rings: [...root.querySelectorAll("circle[data-ring]")].map((ring) => ({
        minutes: Number(ring.getAttribute("data-ring")),
        r: ring.getBoundingClientRect().width / 2,
      })),
      markers: [...root.querySelectorAll("g.marker")].map((marker) => {
        const dot = centre(marker.querySelector("circle.dot")!);
        return {
          id: marker.getAttribute("data-outlet") ?? "",
          label: marker.getAttribute("aria-label") ?? "",
          minutes: Number(marker.getAttribute("data-minutes")),
          distance: Math.hypot(dot.x - kiosk.x, dot.y - kiosk.y),
        };
      }),
    };
  });
}

function expectRingsToAgreeWithMinutes({ rings, markers }: DrawnMap): void {
  expect(rings.map((ring) => ring.minutes).sort((a, b) => a - b)).toEqual([5, 10, 15]);
  for (const ring of rings) {
    for (const marker of markers) {
      // Within N minutes on the list means inside the N-minute ring on the map.
      if (marker.minutes <= ring.minutes) expect(marker.distance).toBeLessThanOrEqual(ring.r + 2);
      else expect(marker.distance).toBeGreaterThan(ring.r - 2);
    }
  }
}

describe("the offline map of the circle", () => {
  it("draws the kiosk, the 5/10/15-minute rings and every outlet within 15 minutes", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.getByRole("button", { name: /生活圈地图/ }).click();
    await page.getByRole("heading", { level: 2, name: "生活圈地图" }).waitFor();
    const map = await drawnMap(page);
    const [r5, r10, r15] = [5, 10, 15].map((m) => map.rings.find((ring) => ring.minutes === m)!.r);
    expect(r5).toBeLessThan(r10!);
    expect(r10! / r5!).toBeCloseTo(2, 1);
    expect(r15! / r5!).toBeCloseTo(3, 1);
    expect(map.markers.length).toBeGreaterThan(100);
    expect(await page.getByText(`步行 15 分钟内 ${map.markers.length} 家`).count()).toBe(1);
    expectRingsToAgreeWithMinutes(map);
    // Nothing is fetched from the internet: every request went to the agent.
    const foreign = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => new URL(url).origin !== location.origin),
    );
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("shows one category when its chip is chosen, and opens an outlet when its dot is tapped", async () => {
    const { context, page } = await openKiosk(browser, agent, "/map");
    await page
      .getByRole("group", { name: "类别" })
      .getByRole("button", { name: "药店", exact: true })
      .click();
    await expect.poll(async () => (await drawnMap(page)).markers.length).toBeLessThan(20);
    const { markers } = await drawnMap(page);
    expect(markers.length).toBeGreaterThan(0);
    // The nearest dot is drawn last, on top of any neighbours.
    const nearest = page.locator("linli-circle-map g.marker").last();
    const label = (await nearest.getAttribute("aria-label")) ?? "";
    const name = label.split("，")[0]!;
    await nearest.click();
    await page.getByRole("heading", { level: 2, name }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/outlets\//);
    await page.getByText("药店", { exact: true }).first().waitFor();
    await context.close();
  });

  it("draws the rings at the elderly walking pace in 长辈模式", async () => {
    const { context, page } = await openKiosk(browser, agent, "/map");
    const normal = await drawnMap(page);
    await turnOnElderlyMode(page);
    await expect
      .poll(async () => (await drawnMap(page)).markers.length)
      .toBeLessThan(normal.markers.length);
    const elderly = await drawnMap(page);
    expectRingsToAgreeWithMinutes(elderly);
    await page.getByText("按长辈步行速度画圈").waitFor();
    await context.close();
  });
});
