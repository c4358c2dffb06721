import type { ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, reviveAgent, startAgent } from "../support/agent-process.js";
import { launchChromium } from "../support/browser.js";
import { openKiosk, PORTRAIT } from "./kiosk.js";

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

describe("a browser that starts while the agent is down", () => {
  it("shows the kiosk's own offline screen, not the browser's error page, and recovers", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?retry=1&heartbeat=1", PORTRAIT, {
      serviceWorkers: "allow",
    });
    // The shell's copy is kept once the worker is active and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await page.close();

    await agent.stop();
    // As after a power cut: the kiosk's browser opens the kiosk while the agent is still down.
    const cold = await context.newPage();
    await cold.goto(`${agent.url}/find?category=pharmacy&retry=1&heartbeat=1`);
    const offline = cold.getByRole("alert").filter({ hasText: "暂时无法连接" });
    await offline.waitFor({ timeout: 15_000 });
    expect(await cold.locator("linli-app").count()).toBe(1);
    expect(new URL(cold.url()).pathname).toBe("/find");

    revived = await reviveAgent(agent);
    await offline.waitFor({ state: "detached", timeout: 15_000 });
    await cold.getByRole("heading", { level: 2, name: "药店" }).waitFor();
    await context.close();
  });

  it("leaves the API to the network: a request is answered by the agent itself", async () => {
    const { context, page } = await openKiosk(browser, agent, "/", PORTRAIT, {
      serviceWorkers: "allow",
    });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const status = await page.evaluate(async () => {
      const response = await fetch("/api/v1/health", { cache: "no-store" });
      return response.status;
    });
    expect(status).toBe(200);
    await context.close();
  });
});
