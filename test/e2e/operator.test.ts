import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations, undersizedTargets } from "../support/browser.js";
import { PORTRAIT } from "./kiosk.js";

/**
 * The operator console of a demo kiosk, driven the way an operator would —
 * on the kiosk's 1080 × 1920 touchscreen with the on-screen keypads, and on
 * a 1366 × 768 laptop — against a real agent whose devices are simulators.
 */

const PIN = "482915";
const WRONG_PIN = "111111";
const LAPTOP = { width: 1366, height: 768 } as const;
/** The kiosk's touchscreen: every target at least this big. */
const MIN_TOUCH_TARGET = 44;
/** The printer's status is polled every few seconds; the lock board's more often. */
const LIVE = { timeout: 15_000 } as const;

let agent: AgentProcess;
let browser: Browser;
let touch: { context: BrowserContext; page: Page };

beforeAll(async () => {
  const hashed = await runLinli(["hash-pin"], {}, `${PIN}\n`);
  expect(hashed.code).toBe(0);
  [agent, browser] = await Promise.all([
    startAgent({ env: { LINLI_OPERATOR_PIN_HASH: hashed.stdout.trim() } }),
    launchChromium(),
  ]);
  touch = await openConsole(PORTRAIT);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

async function openConsole(viewport: { width: number; height: number }, path = "/operator") {
  const context = await browser.newContext({ viewport, locale: "zh-CN", hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${agent.url}${path}`);
  await page.getByLabel("运维 PIN").waitFor();
  return { context, page };
}

/** Types on the console's own keypad, as on the kiosk's touchscreen. */
async function tapDigits(keypad: Locator, digits: string): Promise<void> {
  for (const digit of digits) await keypad.getByRole("button", { name: digit, exact: true }).tap();
}

async function logIn(page: Page, pin = PIN): Promise<void> {
  await tapDigits(page.locator("linli-op-login linli-op-keypad"), pin);
  await page.getByRole("button", { name: "登录" }).tap();
}

async function demo<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${agent.url}/api/v1/demo${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}`).toBe(true);
  return (await response.json()) as T;
}

interface LockBoardSnapshot {
  boards: { address: number; locks: { lock: number; open: boolean; opens: number }[] }[];
}

async function simulatedLock(device: string, lock: number) {
  const snapshot = await demo<LockBoardSnapshot>("GET", `/lockers/${device}`);
  const board = snapshot.boards[0]!;
  return { address: board.address, ...board.locks.find((entry) => entry.lock === lock)! };
}

/** The device cards top to bottom, as [device id, severity]. */
function deviceOrder(page: Page) {
  return page
    .locator("linli-op-device-card")
    .evaluateAll((cards) =>
      cards.map((card) => [card.getAttribute("data-device"), card.getAttribute("data-severity")]),
    );
}

async function goTo(page: Page, tab: "设备" | "快递" | "评价" | "日志"): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name: tab, exact: true }).tap();
  await expect
    .poll(() => page.getByRole("link", { name: tab, exact: true }).getAttribute("aria-current"))
    .toBe("page");
}

async function expectAccessibleAndTouchable(page: Page, where: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${where}`).toEqual([]);
  expect(await undersizedTargets(page, MIN_TOUCH_TARGET), `small targets on ${where}`).toEqual([]);
}

describe("the operator console", () => {
  it("turns a wrong PIN away in words and lets the right one in", async () => {
    const { page } = touch;
    await expectAccessibleAndTouchable(page, "the PIN screen");
    await logIn(page, WRONG_PIN);
    await expect.poll(() => page.getByRole("alert").textContent(), LIVE).toContain("PIN 不正确");
    await expect.poll(() => page.getByLabel("运维 PIN").inputValue()).toBe("");

    await logIn(page);
    await page.getByRole("heading", { name: "设备", level: 2 }).waitFor();
    await expect.poll(() => page.locator("linli-op-device-card").count()).toBeGreaterThan(4);
    expect(page.url()).toBe(`${agent.url}/operator/devices`);
    await expectAccessibleAndTouchable(page, "the devices page");
  });

  it("opens a door from the console that the lock board really opens, and puts faults first", async () => {
    const { page } = touch;
    // The door will stay open once opened, as a door someone holds does.
    const before = await simulatedLock("lockers-1", 3);
    await demo("POST", "/lockers/lockers-1/doors", {
      board: before.address,
      lock: 3,
      action: "leave-open",
    });
    expect((await deviceOrder(page))[0]).toEqual(["printer-1", "ok"]);

    const lockers = page.locator('linli-op-device-card[data-device="lockers-1"]');
    await lockers.locator('button[data-door="1-3"]').tap();
    await lockers.getByRole("button", { name: "打开 3 号门" }).tap();

    await expect
      .poll(async () => (await simulatedLock("lockers-1", 3)).opens, LIVE)
      .toBe(before.opens + 1);
    expect((await simulatedLock("lockers-1", 3)).open).toBe(true);
    await expect
      .poll(
        () => page.locator('[data-state="done"]').filter({ hasText: "lockers-1" }).count(),
        LIVE,
      )
      .toBe(1);
    // The open door comes back from the board live: the door tile and the card say so, on top.
    await expect
      .poll(() => lockers.locator('button[data-door="1-3"]').getAttribute("data-state"), LIVE)
      .toBe("open");
    await expect
      .poll(async () => (await deviceOrder(page))[0], LIVE)
      .toEqual(["lockers-1", "notice"]);

    // Paper out is worse than an open door: the printer goes to the top, saying why.
    await demo("POST", "/printer", { paper: "out" });
    await expect
      .poll(async () => (await deviceOrder(page)).slice(0, 2), LIVE)
      .toEqual([
        ["printer-1", "critical"],
        ["lockers-1", "notice"],
      ]);
    const printer = page.locator('linli-op-device-card[data-device="printer-1"]');
    expect(await printer.locator("ul.faults").textContent()).toContain("缺纸");
    // The card's edge is a thick bar in its tone, not the plain card border.
    const edge = await printer.locator("article").evaluate((card) => {
      const style = getComputedStyle(card);
      return {
        width: style.borderInlineStartWidth,
        color: style.borderInlineStartColor,
        tone: style.getPropertyValue("--tone").trim(),
      };
    });
    expect(edge.width).toBe("8px");
    expect(edge.tone).not.toBe("");
    expect(edge.color).not.toBe(
      await printer.locator("article").evaluate((card) => getComputedStyle(card).borderTopColor),
    );
    expect(
      await page.locator("linli-op-devices-page .page-head [role=status]").textContent(),
    ).toContain("2 台需要处理");
    await expectAccessibleAndTouchable(page, "the devices page with faults");

    await demo("POST", "/printer", { paper: "ok" });
    await demo("POST", "/lockers/lockers-1/doors", {
      board: before.address,
      lock: 3,
      action: "close",
    });
    await expect.poll(async () => (await deviceOrder(page))[0], LIVE).toEqual(["printer-1", "ok"]);
  });

  it("prints a test receipt and shows it on the simulated printer's paper", async () => {
    const { page } = touch;
    const before = await demo<{ receipts: unknown[]; printer: { receipts: number } }>(
      "GET",
      "/printer?last=50",
    );
    const printer = page.locator('linli-op-device-card[data-device="printer-1"]');
    await printer.getByRole("button", { name: "打印测试页" }).tap();

    await expect
      .poll(() => page.locator('[data-state="done"]').filter({ hasText: "测试打印" }).count(), LIVE)
      .toBe(1);
    const paper = page.locator("linli-op-paper pre");
    await expect.poll(() => paper.count(), LIVE).toBe(before.receipts.length + 1);
    expect(await paper.first().textContent()).toContain("打印测试");
    expect(await paper.first().textContent()).toContain("printer-1");
    const after = await demo<{ printer: { receipts: number } }>("GET", "/printer");
    expect(after.printer.receipts).toBe(before.printer.receipts + 1);
  });

  it("deposits a parcel from the console and lists it with the phone masked", async () => {
    const { page } = touch;
    await goTo(page, "快递");
    await page.getByRole("heading", { name: "存件" }).waitFor();
    await page.getByRole("button", { name: "中 (M)" }).tap();
    await tapDigits(page.locator("linli-op-parcels-page linli-op-keypad"), "13912345678");
    expect(await page.getByLabel("收件人手机号").inputValue()).toBe("13912345678");
    await page.getByRole("button", { name: "中通", exact: true }).tap();
    await page.getByRole("button", { name: "开柜存件" }).tap();

    const code = page.locator("[data-pickup-code]");
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^\s*\d{6}\s*$/);
    expect(await page.locator(".result").textContent()).toContain("lockers-1");
    const row = page.locator("tbody tr").filter({ hasText: "中通" });
    await expect.poll(() => row.count(), LIVE).toBe(1);
    expect(await row.textContent()).toContain("****5678");
    expect(await row.textContent()).not.toContain("13912345678");

    await page.locator('button[data-filter="overdue"]').tap();
    await page.getByText("没有符合条件的快递").waitFor();
    await page.locator('button[data-filter="all"]').tap();
    await expect.poll(() => row.count()).toBe(1);
    await expectAccessibleAndTouchable(page, "the parcels page");
  });

  it("shows the satisfaction rate against the 90 % target with charts, and settles a follow-up", async () => {
    const { page } = touch;
    const rate = async (sessionId: string, score: number, subject: object, reasons?: string[]) => {
      const response = await fetch(`${agent.url}/api/v1/ratings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId, score, subject, ...(reasons ? { reasons } : {}) }),
      });
      expect(response.status).toBe(201);
    };
    await rate("e2e-session-1", 5, { kind: "service", id: "printing" });
    await rate("e2e-session-2", 4, { kind: "kiosk" });
    await rate("e2e-session-3", 1, { kind: "service", id: "parcel_pickup" }, ["long_wait"]);

    await goTo(page, "评价");
    await expect.poll(() => page.locator("[data-rate]").textContent(), LIVE).toContain("66.7 %");
    expect(await page.getByText("目标 90 %").count()).toBe(1);
    expect(await page.locator("[data-verdict]").textContent()).toContain("未达标");

    const byDay = page.locator('linli-op-chart[data-chart="by-day"] canvas');
    expect(await byDay.getAttribute("aria-label")).toContain("目标 90 %");
    const box = await byDay.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(box?.height).toBeGreaterThan(150);
    await page.locator('linli-op-chart[data-chart="by-subject"] canvas').waitFor();
    const subjectRow = page.locator("tr[data-subject]").filter({ hasText: "快递取件" });
    expect(await subjectRow.textContent()).toContain("0.0 %");

    const followUp = page.locator("linli-op-follow-ups li[data-followup]").filter({
      hasText: "快递取件",
    });
    await followUp.waitFor();
    expect(await followUp.textContent()).toContain("回访期限");
    expect(await followUp.textContent()).toContain("等候时间长");
    expect(await followUp.getAttribute("data-overdue")).toBe("false");
    await expectAccessibleAndTouchable(page, "the ratings page");

    await followUp.getByRole("button", { name: "记录处理" }).tap();
    await followUp.getByRole("button", { name: "已电话回访，居民表示理解" }).tap();
    await followUp.getByRole("button", { name: "标记已解决" }).tap();
    await expect.poll(() => followUp.count(), LIVE).toBe(0);
    await page.locator('linli-op-ratings-page button[data-filter="resolved"]').tap();
    await expect
      .poll(() =>
        page
          .locator("linli-op-follow-ups li[data-followup]")
          .filter({ hasText: "快递取件" })
          .count(),
      )
      .toBe(1);
  });

  it("filters the event log by type and by device", async () => {
    const { page } = touch;
    await goTo(page, "日志");
    const rows = page.locator("linli-op-events-page tbody tr");
    await expect.poll(() => rows.count(), LIVE).toBeGreaterThan(5);

    await page.locator('linli-op-events-page button[data-type="operator.action"]').tap();
    await expect
      .poll(() => rows.evaluateAll((all) => [...new Set(all.map((row) => row.dataset.type))]), LIVE)
      .toEqual(["operator.action"]);
    const actions = await rows.allTextContents();
    expect(actions.some((text) => text.includes("开门"))).toBe(true);
    expect(actions.some((text) => text.includes("测试打印"))).toBe(true);

    await page.locator('select[data-filter="device"]').selectOption("printer-1");
    await expect
      .poll(
        () => rows.evaluateAll((all) => [...new Set(all.map((row) => row.dataset.device))]),
        LIVE,
      )
      .toEqual(["printer-1"]);
    expect(await rows.first().textContent()).toContain("测试打印");
    await expectAccessibleAndTouchable(page, "the event log");
  });

  it("highlights overdue follow-ups and parcels", async () => {
    const { page } = touch;
    onTestFinished(() => page.unrouteAll());
    // A bad rating on the rating box (the kiosk screen's own were rated moments ago).
    await fetch(`${agent.url}/api/v1/demo/rating-box/press`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ score: 1 }),
    });
    // Deadlines are days away on a fresh kiosk: the agent's real answers are aged by a week.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    await page.route("**/api/v1/operator/followups?*", async (route) => {
      const real = await route.fetch();
      const body = (await real.json()) as { items: { state: string }[] };
      const items = body.items.map((item) =>
        item.state === "resolved" ? item : { ...item, overdue: true, dueAt: weekAgo },
      );
      await route.fulfill({ response: real, json: { ...body, items } });
    });
    await page.route("**/api/v1/operator/parcels?*", async (route) => {
      const url = route.request().url().replace("state=overdue", "state=waiting");
      const real = await route.fetch({ url });
      const body = (await real.json()) as { items: { state: string }[] };
      const items = body.items.map((item) =>
        ["waiting", "depositing"].includes(item.state)
          ? { ...item, overdue: true, deadlineAt: weekAgo }
          : item,
      );
      await route.fulfill({ response: real, json: { ...body, items } });
    });

    await goTo(page, "评价");
    const overdue = page.locator('linli-op-follow-ups li[data-overdue="true"]').filter({
      hasText: "评价器",
    });
    await expect
      .poll(async () => {
        await page.locator('linli-op-ratings-page button[data-filter="unresolved"]').tap();
        return overdue.count();
      }, LIVE)
      .toBe(1);
    expect(await overdue.getAttribute("class")).toContain("overdue");
    expect(await overdue.textContent()).toContain("已超期");

    await goTo(page, "快递");
    const row = page.locator("tbody tr.overdue").filter({ hasText: "中通" });
    await expect.poll(() => row.count(), LIVE).toBe(1);
    expect(await row.textContent()).toContain("已超期");
    expect(await page.locator(".overdue-count").textContent()).toMatch(/超期未取 \d+ 件/);
    await expectAccessibleAndTouchable(page, "the parcels page with overdue parcels");
  });

  it("fits every page on an operator's laptop screen, in Chinese and in English", async () => {
    const laptop = await openConsole(LAPTOP, "/operator/ratings");
    const { page } = laptop;
    await logIn(page);
    await page.locator("[data-rate]").waitFor();
    for (const [tab, ready] of [
      ["评价", "[data-rate]"],
      ["日志", "linli-op-events-page tbody tr"],
      ["快递", "linli-op-parcels-page tbody tr"],
      ["设备", "linli-op-device-card"],
    ] as const) {
      await goTo(page, tab);
      await page.locator(ready).first().waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `horizontal scrolling on ${tab}`).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page), `axe on ${tab} (laptop)`).toEqual([]);
    }
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Devices", level: 2 }).waitFor();
    expect(await page.getByRole("button", { name: "Print a test receipt" }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await laptop.context.close();
  });

  it("returns to the PIN screen when the session ends elsewhere, and after logging out", async () => {
    const { page } = touch;
    await goTo(page, "设备");
    await page.locator("linli-op-device-card").first().waitFor();
    // The session ends on the agent (as after 15 idle minutes): the next call is refused.
    const ended = await page.request.post(`${agent.url}/api/v1/operator/logout`);
    expect(ended.status()).toBe(204);
    await page.getByRole("button", { name: "刷新" }).first().tap();
    await page.getByLabel("运维 PIN").waitFor();
    expect(await page.getByRole("status").textContent()).toContain("登录已结束");

    await logIn(page);
    await page.locator("linli-op-device-card").first().waitFor();
    await page.getByRole("button", { name: "退出登录" }).tap();
    await page.getByLabel("运维 PIN").waitFor();
    const refused = await page.request.get(`${agent.url}/api/v1/operator/devices`);
    expect(refused.status()).toBe(401);
    await page.reload();
    await page.getByLabel("运维 PIN").waitFor();
    expect(await page.locator("linli-op-device-card").count()).toBe(0);
  });

  it("shows the wait during a lockout after repeated wrong PINs", async () => {
    const { page } = touch;
    const alert = page.getByRole("alert");
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await logIn(page, WRONG_PIN);
      await expect.poll(() => alert.textContent(), LIVE).toMatch(/PIN 不正确|秒后再试/);
    }
    await expect.poll(() => alert.textContent()).toMatch(/PIN 输错次数过多，请 \d+ 秒后再试/);
    const seconds = Number(/(\d+) 秒/.exec((await alert.textContent()) ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(await page.getByLabel("运维 PIN").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "登录" }).isDisabled()).toBe(true);
  });
});
