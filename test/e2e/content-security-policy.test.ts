/**
 * The kiosk UI under the agent's Content-Security-Policy, in Debian's
 * Chromium: every page still renders and the browser reports no violation,
 * so the policy is as tight as the UI allows and no tighter.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";

let agent: AgentProcess;
let browser: Browser;

beforeAll(async () => {
  [agent, browser] = await Promise.all([startAgent(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

describe("the kiosk UI under the Content-Security-Policy", () => {
  it.each([
    ["the resident page", "/", "linli-app"],
    ["the operator console", "/operator", "linli-operator-app"],
    ["the fleet view", "/fleet", "linli-fleet-app"],
  ])("renders %s without a policy violation", async (_what, path, element) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        console.error(
          `Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });
    const response = await page.goto(`${agent.url}${path}`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.waitForFunction(
      (tag) => Boolean(document.querySelector(tag)?.shadowRoot?.childElementCount),
      element,
    );
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
    await context.close();
  });
});
