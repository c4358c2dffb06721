import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations, undersizedTargets } from "../support/browser.js";
import { PORTRAIT } from "./kiosk.js";

/**
 * The operator console's vending and coverage pages and the Devices page's
 * uplink card, on a demo kiosk (simulated vending unit, printer and payment
 * provider; the embedded MQTT broker as the uplink), on the kiosk's
 * 1080 × 1920 touchscreen and a 1366 × 768 laptop.
 */

const PIN = "482915";
const LAPTOP = { width: 1366, height: 768 } as const;
const MIN_TOUCH_TARGET = 44;
const VENDING = "vending-1";
/** Vends, refunds and print jobs take a few polls of the simulators. */
const SLOW = { timeout: 30_000, interval: 250 } as const;

let agent: AgentProcess;
let browser: Browser;
let touch: { context: BrowserContext; page: Page };

interface Catalogue {
  units: {
    deviceId: string;
    available: boolean;
    products: { slot: number; priceFen: number; inStock: boolean; available: boolean }[];
  }[];
}

beforeAll(async () => {
  const hashed = await runLinli(["hash-pin"], {}, `${PIN}\n`);
  expect(hashed.code).toBe(0);
  [agent, browser] = await Promise.all([
    startAgent({ env: { LINLI_OPERATOR_PIN_HASH: hashed.stdout.trim() } }),
    launchChromium(),
  ]);
  touch = await openConsole(PORTRAIT, "/operator/vending");
  await logIn(touch.page);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

async function openConsole(viewport: { width: number; height: number }, path: string) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${agent.url}${path}`);
  await page.getByLabel("运维 PIN").waitFor();
  return { context, page };
}

async function logIn(page: Page): Promise<void> {
  const keypad = page.locator("linli-op-login linli-op-keypad");
  for (const digit of PIN) await keypad.getByRole("button", { name: digit, exact: true }).tap();
  await page.getByRole("button", { name: "登录" }).tap();
  await page.getByRole("navigation").waitFor();
}

async function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${agent.url}/api/v1${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

const product = async (slot: number) =>
  (await api<Catalogue>("GET", "/vending")).units
    .find((unit) => unit.deviceId === VENDING)
    ?.products.find((entry) => entry.slot === slot);

async function goTo(page: Page, tab: string): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name: tab, exact: true }).tap();
  await expect
    .poll(() => page.getByRole("link", { name: tab, exact: true }).getAttribute("aria-current"))
    .toBe("page");
}

async function expectAccessibleAndTouchable(page: Page, where: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${where}`).toEqual([]);
  expect(await undersizedTargets(page, MIN_TOUCH_TARGET), `small targets on ${where}`).toEqual([]);
}

function slotRow(page: Page, slot: number): Locator {
  return page.locator(`linli-op-vending-slots tr[data-slot="${slot}"]`);
}

async function restock(page: Page, slot: number, fields: { stock: string; price?: string }) {
  await slotRow(page, slot)
    .getByRole("button", { name: `补货 ${slot} 号` })
    .tap();
  const form = page.locator("linli-op-restock-form");
  await form.getByLabel("现有数量").fill(fields.stock);
  if (fields.price !== undefined) await form.getByLabel("价格（元）").fill(fields.price);
  return form;
}

describe("the operator console's vending, coverage and uplink", () => {
  it("restocks a slot, and residents see the new stock and price", async () => {
    const { page } = touch;
    await page.getByRole("heading", { name: "自助售货", level: 2 }).waitFor();
    await slotRow(page, 2).waitFor();
    await expectAccessibleAndTouchable(page, "the vending page");

    const form = await restock(page, 2, { stock: "0" });
    await expectAccessibleAndTouchable(page, "the vending page with the restock form open");
    await form.getByRole("button", { name: "保存" }).tap();
    await expect.poll(() => slotRow(page, 2).getAttribute("data-stock")).toBe("0");
    expect(await slotRow(page, 2).textContent()).toContain("售完");
    await expect.poll(async () => (await product(2))?.inStock).toBe(false);

    const again = await restock(page, 2, { stock: "6", price: "4.50" });
    await again.getByRole("button", { name: "保存" }).tap();
    await expect.poll(() => slotRow(page, 2).getAttribute("data-stock")).toBe("6");
    expect(await page.getByRole("status").filter({ hasText: "2 号货道已保存" }).count()).toBe(1);
    await expect
      .poll(async () => {
        const entry = await product(2);
        return entry && { inStock: entry.inStock, priceFen: entry.priceFen };
      })
      .toEqual({ inStock: true, priceFen: 450 });
  });

  it("lists a jammed vend as refunded, with the reason and the refund", async () => {
    const { page } = touch;
    // Right after start the unit syncs its slots for a few seconds.
    await expect.poll(async () => (await product(3))?.available, SLOW).toBe(true);
    await api("POST", "/demo/vending/slots/3", { jammed: true });
    const order = await api<{ id: string; payment: { chargeId: string } }>(
      "POST",
      "/vending/orders",
      { deviceId: VENDING, slot: 3 },
    );
    await api("POST", `/demo/payments/${order.payment.chargeId}/pay`);
    await expect
      .poll(
        async () => (await api<{ state: string }>("GET", `/vending/orders/${order.id}`)).state,
        SLOW,
      )
      .toBe("refunded");

    await page.locator("linli-op-vending-orders select").selectOption("refunded");
    const row = page.locator(`linli-op-vending-orders tr[data-order="${order.id}"]`);
    await expect.poll(() => row.getAttribute("data-state"), SLOW).toBe("refunded");
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("已退款");
    expect(text).toContain("已退回");
    expect(text).toContain("系统自动退款");
    expect(text).toMatch(/原因：.*jam/i);
    expect(await row.getAttribute("class")).toMatch(/critical|warning/);
    await expectAccessibleAndTouchable(page, "the vending page with a refunded order");
    await api("POST", "/demo/vending/slots/3", { jammed: false });
  });

  it("refunds a paid order that was not vended only after the operator confirms", async () => {
    const { page } = touch;
    // A paid order the unit never vended (its payment came in while it was unplugged) is
    // rare on a demo kiosk: the list is the agent's own, with one such order put on top.
    const stuck = {
      id: "0b6f8f1e-2c1a-4a59-9d7e-1f2a3b4c5d6e",
      deviceId: VENDING,
      slot: 5,
      product: { nameZh: "湿巾", nameEn: "Wet wipes" },
      amountFen: 400,
      state: "paid",
      chargeId: "sim-charge-stuck",
      vendJobId: null,
      failure: null,
      refund: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      paidAt: new Date().toISOString(),
      vendedAt: null,
    };
    let refunded: unknown;
    await page.route("**/api/v1/operator/vending/orders?*", async (route) => {
      const real = await route.fetch();
      const body = (await real.json()) as { items: unknown[]; total: number };
      const items = refunded === undefined ? [stuck, ...body.items] : body.items;
      await route.fulfill({ response: real, json: { ...body, items, total: items.length } });
    });
    await page.route(`**/api/v1/operator/vending/orders/${stuck.id}/refund`, async (route) => {
      refunded = route.request().postDataJSON();
      await route.fulfill({ json: { ...stuck, state: "refunding" } });
    });
    await page.locator("linli-op-vending-orders select").selectOption("all");
    const row = page.locator(`linli-op-vending-orders tr[data-order="${stuck.id}"]`);
    await row.getByRole("button", { name: "退款" }).tap();
    const confirm = row.getByRole("group", { name: /确认把 ¥4.00 退给顾客/ });
    await confirm.waitFor();
    await expectAccessibleAndTouchable(page, "the refund confirmation");
    await confirm.getByRole("button", { name: "取消" }).tap();
    expect(await confirm.count()).toBe(0);
    expect(refunded).toBeUndefined();

    await row.getByRole("button", { name: "退款" }).tap();
    await confirm.getByLabel("原因").fill("顾客反映没有出货");
    await confirm.getByRole("button", { name: "确认退款" }).tap();
    await expect.poll(() => refunded).toEqual({ reason: "顾客反映没有出货" });
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "湿巾：退款中" }).count())
      .toBe(1);
    await page.unrouteAll({ behavior: "wait" });
  });

  it("shows the coverage gaps first and prints the report on the kiosk's printer", async () => {
    const { page } = touch;
    await goTo(page, "覆盖");
    await page.getByRole("heading", { name: "生活圈覆盖报告", level: 2 }).waitFor();
    const report = await page.request.get(`${agent.url}/api/v1/operator/coverage/report`);
    const { coverage } = (await report.json()) as {
      coverage: { gaps: { code: string; zh: string }[]; categories: unknown[] };
    };
    await page.locator("linli-op-coverage-page tr[data-category]").first().waitFor();
    expect(await page.locator("linli-op-coverage-page [data-gap]").count()).toBe(
      coverage.gaps.length,
    );
    expect(await page.locator("linli-op-coverage-page tr[data-category]").count()).toBe(
      coverage.categories.length,
    );
    const firstGap = coverage.gaps[0];
    if (firstGap) {
      expect(await page.locator(`[data-gap="${firstGap.code}"]`).textContent()).toContain(
        firstGap.zh,
      );
    }
    await expectAccessibleAndTouchable(page, "the coverage page");

    const before = await api<{ printer: { receipts: number } }>("GET", "/demo/printer");
    await page.getByRole("button", { name: "在本机打印" }).tap();
    await expect
      .poll(
        () => page.locator("linli-op-coverage-page [data-job]").getAttribute("data-state"),
        SLOW,
      )
      .toBe("done");
    const after = await api<{ printer: { receipts: number }; receipts: { text: string }[] }>(
      "GET",
      "/demo/printer?last=1",
    );
    expect(after.printer.receipts).toBe(before.printer.receipts + 1);
    expect(after.receipts.at(-1)?.text).toContain("覆盖情况");
    if (firstGap) expect(after.receipts.at(-1)?.text).toContain(firstGap.zh);

    // Printed from a browser: the report alone, without the console around it.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "在本机打印" }).isVisible()).toBe(false);
    expect(await page.locator("linli-op-coverage-page [data-gap]").count()).toBe(
      coverage.gaps.length,
    );
    await page.emulateMedia({ media: "screen" });
  });

  it("shows the uplink connected to the embedded broker, and the outbox depth", async () => {
    const { page } = touch;
    await goTo(page, "设备");
    const card = page.locator("linli-op-uplink-card article");
    await expect.poll(() => card.getAttribute("data-connected"), SLOW).toBe("true");
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("已连接");
    expect(text).toContain("本机内置 MQTT");
    expect(text).toMatch(/待发事件/);
    const depth = await page
      .locator("linli-op-uplink-card [data-outbox-depth]")
      .getAttribute("data-outbox-depth");
    expect(Number(depth)).toBeGreaterThanOrEqual(0);
    expect(await page.locator("linli-op-uplink-card [data-broker]").textContent()).toMatch(
      /^mqtt:\/\/[^@]+$/,
    );
    await expectAccessibleAndTouchable(page, "the devices page with the uplink card");

    await page.getByRole("link", { name: "补货与订单" }).tap();
    await page.getByRole("heading", { name: "自助售货", level: 2 }).waitFor();
  });

  it("fits the new pages on a laptop screen, in Chinese and in English", async () => {
    const laptop = await openConsole(LAPTOP, "/operator/vending");
    const { page } = laptop;
    await logIn(page);
    for (const [tab, ready] of [
      ["售货", "linli-op-vending-slots tr[data-slot]"],
      ["覆盖", "linli-op-coverage-page tr[data-category]"],
      ["设备", "linli-op-uplink-card article"],
    ] as const) {
      await goTo(page, tab);
      await page.locator(ready).first().waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `horizontal scrolling on ${tab}`).toBeLessThanOrEqual(0);
      await expectAccessibleAndTouchable(page, `${tab} (laptop)`);
    }
    await page.getByRole("button", { name: "English" }).click();
    await goTo(page, "Coverage");
    await page.getByRole("heading", { name: "Circle coverage report", level: 2 }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await goTo(page, "Vending");
    await page.getByRole("heading", { name: "Slots and stock · vending-1", level: 3 }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await laptop.context.close();
  });
});
