import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations, undersizedTargets } from "../support/browser.js";
import { PORTRAIT } from "./kiosk.js";

const FLEET = 30;
/** The simulated kiosks, and the demo agent, which reports to its own broker too. */
const KIOSKS = FLEET + 1;
const DEMO_KIOSK = "weifang-xincun/kiosk-01";
const LAPTOP = { width: 1366, height: 768 } as const;

let agent: AgentProcess;
let browser: Browser;
let simulated: string[];
/** The kiosk killed in the test of last wills; later tests expect it offline. */
let killed: string | undefined;

beforeAll(async () => {
  [agent, browser] = await Promise.all([
    startAgent({ args: ["--demo", "--fleet", String(FLEET)] }),
    launchChromium(),
  ]);
  const listed = (await (await fetch(`${agent.url}/api/v1/demo/fleet`)).json()) as {
    items: { site: string; kiosk: string }[];
  };
  simulated = listed.items.map(({ site, kiosk }) => `${site}/${kiosk}`);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

interface FleetPage {
  context: BrowserContext;
  page: Page;
}

/** Opens the fleet view as the kiosk's touchscreen or a laptop would, once every kiosk is listed. */
async function openFleet(viewport: { width: number; height: number } = LAPTOP): Promise<FleetPage> {
  const context = await browser.newContext({ viewport, hasTouch: true, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${agent.url}/fleet`);
  await page.getByRole("heading", { level: 1, name: "邻里终端总览" }).waitFor();
  await expect.poll(() => summary(page, "kiosks"), { timeout: 30_000 }).toBe(KIOSKS);
  return { context, page };
}

const summary = async (page: Page, what: "kiosks" | "online" | "offline" | "faulty" | "shown") =>
  Number(await page.locator("linli-fleet-app p.summary").getAttribute(`data-${what}`));

const rows = (page: Page) => page.locator("linli-fleet-table tr.kiosk");
const row = (page: Page, kiosk: string) =>
  page.locator(`linli-fleet-table tr.kiosk[data-kiosk="${kiosk}"]`);
const rowKeys = (page: Page) =>
  rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-kiosk") ?? ""));

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole("searchbox", { name: "搜索站点或终端" }).fill(text);
}

describe("the fleet view", () => {
  it("lists every simulated kiosk, and the demo's own, online", async () => {
    const { context, page } = await openFleet(PORTRAIT);
    await expect.poll(() => summary(page, "online"), { timeout: 30_000 }).toBe(KIOSKS);
    expect(simulated).toHaveLength(FLEET);
    // The kiosk's tall screen has room for every row.
    expect((await rowKeys(page)).sort()).toEqual([...simulated, DEMO_KIOSK].sort());
    await expect
      .poll(() =>
        rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-presence"))),
      )
      .toEqual(Array(KIOSKS).fill("online"));
    await context.close();
  });

  it("shows a killed kiosk offline within seconds: its last will", async () => {
    const { context, page } = await openFleet();
    killed = simulated[7] as string;
    await search(page, killed);
    await expect.poll(() => rowKeys(page)).toEqual([killed]);
    await expect
      .poll(() => row(page, killed as string).getAttribute("data-presence"))
      .toBe("online");
    const response = await fetch(`${agent.url}/api/v1/demo/fleet/${killed}/kill`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    const killedAt = Date.now();
    await expect
      .poll(() => row(page, killed as string).getAttribute("data-presence"), { timeout: 8_000 })
      .toBe("offline");
    expect(Date.now() - killedAt).toBeLessThan(8_000);
    await expect(
      row(page, killed).locator('td[data-column="status"]').textContent(),
    ).resolves.toContain("离线");
    expect(await summary(page, "offline")).toBe(1);
    expect(await summary(page, "online")).toBe(KIOSKS - 1);
    await context.close();
  });

  it("sorts by a column both ways, and by status with the offline kiosk first", async () => {
    const { context, page } = await openFleet();
    const kioskHeader = page.locator('linli-fleet-table th[data-sort="kiosk"]');
    await expect(kioskHeader.getAttribute("aria-sort")).resolves.toBe("ascending");
    const ascending = await rowKeys(page);
    expect(ascending).toEqual([...ascending].sort());
    await kioskHeader.getByRole("button").tap();
    await expect.poll(() => kioskHeader.getAttribute("aria-sort")).toBe("descending");
    const descending = await rowKeys(page);
    expect(descending[0]).toBe([...simulated, DEMO_KIOSK].sort().at(-1));
    expect(descending).toEqual([...descending].sort().reverse());

    const statusHeader = page.locator('linli-fleet-table th[data-sort="status"]');
    await statusHeader.getByRole("button").tap();
    await expect.poll(() => statusHeader.getAttribute("aria-sort")).toBe("ascending");
    expect(killed).toBeDefined();
    await expect.poll(async () => (await rowKeys(page))[0]).toBe(killed);
    await context.close();
  });

  it("filters by text, site, online state and faults", async () => {
    const { context, page } = await openFleet();
    const site = (simulated[0] as string).split("/")[0] as string;
    await page.getByRole("combobox", { name: "站点" }).selectOption(site);
    const atSite = simulated.filter((kiosk) => kiosk.startsWith(`${site}/`));
    await expect.poll(() => rowKeys(page)).toEqual(atSite.sort());
    await page.getByRole("combobox", { name: "站点" }).selectOption("");

    await page.getByRole("button", { name: "离线", exact: true }).tap();
    await expect.poll(() => rowKeys(page)).toEqual([killed]);
    await page.getByRole("button", { name: "在线", exact: true }).tap();
    await expect.poll(() => summary(page, "shown")).toBe(KIOSKS - 1);
    await page.getByRole("button", { name: "全部", exact: true }).tap();

    await page.getByRole("button", { name: "只看有故障" }).tap();
    await expect
      .poll(async () => (await summary(page, "shown")) === (await summary(page, "faulty")))
      .toBe(true);
    const counts = await page
      .locator('linli-fleet-table td[data-column="faults"]')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-count"))));
    expect(counts.every((count) => count > 0)).toBe(true);
    await page.getByRole("button", { name: "只看有故障" }).tap();

    await search(page, "KIOSK-02");
    await expect
      .poll(async () => (await rowKeys(page)).every((kiosk) => kiosk.endsWith("/kiosk-02")))
      .toBe(true);
    expect(await summary(page, "shown")).toBeGreaterThan(0);
    await context.close();
  });

  it("shows a kiosk whose store is full as a fault, says what it means, and the faults filter finds it", async () => {
    const { context, page } = await openFleet();
    const full = simulated[4] as string;
    const setStore = (condition: string) =>
      fetch(`${agent.url}/api/v1/demo/fleet/${full}/store`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ condition }),
      });
    const answer = await setStore("full");
    expect(answer.status).toBe(200);
    await expect(answer.json()).resolves.toMatchObject({
      store: { writable: false, reason: "full" },
    });

    // The table draws only the rows in view: the search brings the kiosk's row into it.
    await search(page, full);
    await expect.poll(() => rowKeys(page)).toEqual([full]);
    const faults = row(page, full).locator('td[data-column="faults"]');
    await expect
      .poll(() => faults.textContent(), { timeout: 10_000 })
      .toContain("无法记录：磁盘已满");
    await expect
      .poll(async () =>
        Number(await page.locator("linli-fleet-app p.summary").getAttribute("data-cannot-record")),
      )
      .toBeGreaterThan(0);

    // Sorted by faults, among the faults only, a kiosk that cannot record comes first:
    // nothing is worse than turning residents away.
    await search(page, "");
    await page.getByRole("button", { name: "只看有故障" }).tap();
    await page.locator('linli-fleet-table th[data-sort="faults"]').getByRole("button").tap();
    await expect
      .poll(async () => rows(page).first().locator('td[data-column="faults"]').textContent())
      .toContain("无法记录");
    await expect
      .poll(async () => (await summary(page, "shown")) === (await summary(page, "faulty")))
      .toBe(true);
    await search(page, full);
    await expect.poll(() => rowKeys(page)).toEqual([full]);

    // Its detail says what that means for residents and what to do.
    await row(page, full).locator("button.open").tap();
    const detail = page.getByRole("dialog", { name: `终端 ${full}` });
    const explanation = detail.locator('[data-explain="store"]');
    await explanation.waitFor();
    await expect(explanation.textContent()).resolves.toMatch(/无法保存记录[\s\S]*清理磁盘/);
    await expect(detail.locator("code").filter({ hasText: "SQLITE_FULL" }).count()).resolves.toBe(
      1,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Space freed: the kiosk serves again by itself, and the view says so.
    expect((await setStore("writable")).status).toBe(200);
    await expect.poll(() => explanation.count(), { timeout: 10_000 }).toBe(0);
    await expect(detail.locator("section[data-store]").getAttribute("data-store")).resolves.toBe(
      "writable",
    );
    await detail.getByRole("button", { name: "关闭" }).tap();
    await page.getByRole("button", { name: "只看有故障" }).tap();
    await expect.poll(() => faults.textContent()).not.toContain("无法记录");
    await context.close();
  });

  it("shows a kiosk's devices and its last telemetry on a tap", async () => {
    const { context, page } = await openFleet(PORTRAIT);
    const kiosk = simulated[2] as string;
    await row(page, kiosk).locator("button.open").tap();
    const detail = page.getByRole("dialog", { name: `终端 ${kiosk}` });
    await detail.waitFor();
    for (const device of ["printer-1", "lockers-1", "scanner-1", "rating-1"])
      await detail.locator(`tr[data-device="${device}"]`).waitFor();
    // Telemetry is not retained: the next report arrives within the simulated kiosks' interval.
    await expect
      .poll(() => detail.locator("dd[data-outbox-depth]").getAttribute("data-outbox-depth"), {
        timeout: 25_000,
      })
      .toMatch(/^\d+$/);
    await expect(detail.textContent()).resolves.toMatch(/负载[\s\S]*CPU/);
    // The simulated kiosks report their store, screen and touch panel as agents of today do.
    await expect(detail.locator("section[data-store]").getAttribute("data-store")).resolves.toMatch(
      /^(writable|unwritable)$/,
    );
    await expect(detail.locator("section[data-phase]").getAttribute("data-phase")).resolves.toMatch(
      /^(awake|asleep|woken)$/,
    );
    await detail.getByRole("button", { name: "关闭" }).tap();
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await context.close();
  });

  for (const [name, viewport] of [
    ["a laptop", LAPTOP],
    ["the kiosk's portrait touchscreen", PORTRAIT],
  ] as const) {
    it(`has no serious axe violations and touch targets ≥ 44 px on ${name}`, async () => {
      const { context, page } = await openFleet(viewport);
      // The measurement sees the view's targets, inside shadow roots too.
      expect((await undersizedTargets(page, 10_000)).length).toBeGreaterThan(10);
      const problems: Record<string, unknown> = {};
      const check = async (screen: string) => {
        const violations = await seriousAxeViolations(page);
        const small = await undersizedTargets(page, 44);
        if (violations.length || small.length) problems[screen] = { violations, small };
      };
      await check("table");
      await rows(page).first().locator("button.open").tap();
      await page.getByRole("dialog").waitFor();
      await check("detail");
      await context.close();
      expect(problems).toEqual({});
    });
  }

  it("connects where the operator says when the agent does not (as upstream), and forgets the query", async () => {
    const { url } = (await (await fetch(`${agent.url}/api/v1/fleet/connection`)).json()) as {
      url: string;
    };
    const context = await browser.newContext({ viewport: LAPTOP, locale: "zh-CN" });
    const page = await context.newPage();
    // Upstream, no agent answers for the broker: the operator is asked.
    await page.route("**/api/v1/fleet/connection", (route) =>
      route.fulfill({ status: 404, contentType: "application/json", body: "{}" }),
    );
    await page.goto(`${agent.url}/fleet`);
    await page.getByRole("textbox", { name: "服务器地址" }).fill(url);
    await page.getByRole("button", { name: "连接", exact: true }).click();
    await expect.poll(() => summary(page, "kiosks"), { timeout: 30_000 }).toBe(KIOSKS);

    // Given in the query, the address is used, kept for the session and taken off the address bar.
    await page.goto(
      `${agent.url}/fleet?url=${encodeURIComponent(url)}&username=viewer&password=secret`,
    );
    await expect.poll(() => summary(page, "kiosks"), { timeout: 30_000 }).toBe(KIOSKS);
    expect(new URL(page.url()).search).toBe("");
    await context.close();
  });
});
