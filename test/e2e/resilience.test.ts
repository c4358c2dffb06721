import type { ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, reviveAgent, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations } from "../support/browser.js";
import { countIn, openKiosk, resultsSummary } from "./kiosk.js";

let agent: AgentProcess;
let browser: Browser;
let revived: ChildProcess | undefined;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  if (revived && revived.exitCode === null) {
    const exited = new Promise((resolve) => revived?.once("exit", resolve));
    revived.kill("SIGTERM");
    await exited;
  }
});

/** The same page as a newer build would serve it: its module script names another entry. */
function newerBuild(indexHtml: string): string {
  const renamed = indexHtml.replace(
    /(<script[^>]*type="module"[^>]*src=")\/assets\/[^"]+\.js(")/,
    "$1/assets/main-newer.js$2",
  );
  if (renamed === indexHtml) throw new Error("index.html has no module entry script to rename");
  return renamed;
}

describe("when the agent or the build changes under the kiosk", () => {
  it("reloads itself after an upgrade when nobody is using it", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?staleCheck=1");
    await page.evaluate(() => Object.assign(window, { beforeUpgrade: true }));
    // The agent now serves a newer build: its index.html names another entry script.
    await page.route("**/index.html", async (route) => {
      const response = await route.fetch();
      const body = newerBuild(await response.text());
      await route.fulfill({ response, body });
    });
    await page.waitForEvent("load", { timeout: 10_000 });
    await page.unroute("**/index.html");
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.evaluate(() => "beforeUpgrade" in window)).toBe(false);
    await context.close();
  });

  it("waits for the resident to finish before reloading into a new build", async () => {
    const { context, page } = await openKiosk(
      browser,
      agent,
      "/?staleCheck=0.5&idle=2&warn=1&attract=600",
    );
    await page.locator('section[data-class="basic"] button[data-category="breakfast"]').click();
    await page.getByRole("heading", { level: 2, name: "早餐店" }).waitFor();
    await page.evaluate(() => Object.assign(window, { beforeUpgrade: true }));
    await page.route("**/index.html", async (route) => {
      const response = await route.fetch();
      const body = newerBuild(await response.text());
      await route.fulfill({ response, body });
    });
    const reloaded = page.waitForEvent("load", { timeout: 10_000 });
    await page.waitForTimeout(1_200);
    expect(await page.evaluate(() => "beforeUpgrade" in window)).toBe(true);
    // The idle reset ends the session; the new build loads then.
    await reloaded;
    await page.unroute("**/index.html");
    await page.locator("linli-home-panel").waitFor();
    expect(await page.evaluate(() => "beforeUpgrade" in window)).toBe(false);
    await context.close();
  });

  it("says plainly when the agent answers with an error, and tries again on request", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.route("**/api/v1/outlets?*", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ code: "LINLI_ERR_STORE_BUSY", message: "busy" }),
      }),
    );
    await page.locator('section[data-class="basic"] button[data-category="pharmacy"]').click();
    await page.getByRole("alert").filter({ hasText: "暂时无法加载，请稍后再试" }).waitFor();
    await page.unroute("**/api/v1/outlets?*");
    await page.getByRole("button", { name: "重试" }).click();
    await page.locator("linli-outlet-card").first().waitFor();
    await context.close();
  });

  it("shows a friendly offline screen when the agent stops mid-session, and carries on when it is back", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?retry=1&heartbeat=1");
    await page.locator('section[data-class="basic"] button[data-category="repair"]').click();
    const before = countIn(await resultsSummary(page));
    expect(before).toBeGreaterThan(0);

    await agent.stop();
    const offline = page.getByRole("alert").filter({ hasText: "暂时无法连接" });
    await offline.waitFor({ timeout: 10_000 });
    await page.getByText("Can't connect right now", { exact: false }).waitFor();
    // Still the kiosk's own page, never the browser's error page.
    expect(new URL(page.url()).origin).toBe(agent.url);
    expect(await page.locator("linli-app").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByText(/\d 秒后自动重试/).waitFor();

    revived = await reviveAgent(agent);
    await offline.waitFor({ state: "detached", timeout: 10_000 });
    await page.getByRole("heading", { level: 2, name: "维修点" }).waitFor();
    expect(countIn(await resultsSummary(page))).toBe(before);
    // And it keeps working: the next tap loads from the agent again.
    await page
      .getByRole("group", { name: "步行时间" })
      .getByRole("button", { name: "不限", exact: true })
      .click();
    await expect.poll(async () => countIn(await resultsSummary(page))).toBeGreaterThan(before);
    await context.close();
  });
});
