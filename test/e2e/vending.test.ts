/**
 * Buying from the vending unit at the kiosk, against a running demo agent:
 * the resident picks a product on screen, pays (the demo's "phone" pays or
 * declines through the demo payment routes), and follows the vend at the
 * simulated VMC — dispensed, or jammed and refunded.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import {
  launchChromium,
  seriousAxeViolations,
  undersizedTargets,
  visibleTextSizes,
} from "../support/browser.js";
import { fakeSpeech, openKiosk, spokenTexts, turnOnElderlyMode } from "./kiosk.js";

const PIN = "918273";
let agent: AgentProcess;
let browser: Browser;
let cookie = "";

interface Catalogue {
  units: {
    deviceId: string;
    available: boolean;
    products: { slot: number; inStock: boolean; available: boolean }[];
  }[];
}
interface OperatorOrders {
  items: {
    id: string;
    slot: number;
    state: string;
    amountFen: number;
    refund: { state: string; amountFen: number } | null;
  }[];
}

async function call<T>(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  asOperator = false,
): Promise<T> {
  const response = await fetch(`${agent.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(asOperator ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** Polls outside a test (expect.poll is for inside one) until `probe` answers true. */
async function until(probe: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const catalogue = () => call<Catalogue>("GET", "/vending");
const operatorOrders = (state: string) =>
  call<OperatorOrders>("GET", `/operator/vending/orders?state=${state}`, undefined, true);

beforeAll(async () => {
  const hashed = await runLinli(["hash-pin"], {}, `${PIN}\n`);
  [agent, browser] = await Promise.all([
    startAgent({ env: { LINLI_OPERATOR_PIN_HASH: hashed.stdout.trim() } }),
    launchChromium(),
  ]);
  const login = await fetch(`${agent.url}/api/v1/operator/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pin: PIN }),
  });
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  // The VMC reports its slots one per poll after connecting; a vend asked for meanwhile waits
  // behind them and can time out, so the resident comes once every slot is in and on offer.
  await until(async () => {
    const devices = await call<{
      items: { id: string; health: { detail: { slots?: unknown[] } } }[];
    }>("GET", "/devices");
    const slots = devices.items.find((device) => device.id === "vending-1")?.health.detail.slots;
    const unit = (await catalogue()).units[0];
    return (slots?.length ?? 0) >= 24 && unit?.available === true;
  }, "the vending unit to report its slots and sell");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

const panel = (page: Page) => page.locator("linli-vending-panel");
const tile = (page: Page, slot: number) =>
  page.locator(`linli-product-tile button[data-slot="${slot}"]`);

/** The vend's words on screen: a status while it goes well, an alert when it did not. */
async function vendSays(page: Page, text: string, timeout = 30_000): Promise<void> {
  await panel(page).locator("linli-vend-progress").getByText(text, { exact: true }).waitFor({
    timeout,
  });
}

/** Picks a product and confirms it: the payment code, amount and countdown are on screen. */
async function orderOnScreen(page: Page, slot: number, pay: RegExp): Promise<string> {
  await tile(page, slot).click();
  await panel(page).locator(".confirm h3").waitFor();
  await page.getByRole("button", { name: pay }).click();
  const code = panel(page).locator("linli-vend-payment [data-payment-code]");
  await code.waitFor();
  const text = (await code.textContent())?.trim() ?? "";
  expect(text).toMatch(/^linli-sim-pay:sim-/);
  return text.slice("linli-sim-pay:".length);
}

describe("buying from the vending unit", () => {
  it("lists the products with prices in yuan, a sold-out one greyed and not tappable", async () => {
    await call(
      "POST",
      "/operator/vending/restock",
      { deviceId: "vending-1", slot: 8, stock: 0 },
      true,
    );
    const { context, page } = await openKiosk(browser, agent, "/vending");
    await page.getByRole("heading", { level: 2, name: "自助售货" }).waitFor();
    await expect.poll(() => tile(page, 1).textContent()).toMatch(/矿泉水\s*¥2\.00/);
    await expect.poll(() => tile(page, 8).textContent()).toMatch(/充电线\s*¥15\.00\s*已售完/);
    expect(await tile(page, 8).isDisabled()).toBe(true);
    expect(await tile(page, 1).isDisabled()).toBe(false);
    await context.close();
  });

  it("sells a product paid on the demo phone: paid, dispensing, take it — one vend, still on offer", async () => {
    const { context, page } = await openKiosk(browser, agent);
    await page.locator('button[data-path="/vending"]').click();
    await page.getByRole("heading", { level: 2, name: "自助售货" }).waitFor();
    await orderOnScreen(page, 1, /去付款 ¥2\.00/);
    const payment = panel(page).locator("linli-vend-payment");
    await expect.poll(() => payment.locator("[data-amount]").textContent()).toBe("¥2.00");
    const left = Number(await payment.locator("[data-left]").getAttribute("data-left"));
    expect(left).toBeGreaterThan(150);
    expect(left).toBeLessThanOrEqual(180);
    await payment.getByText(/^\d:\d\d$/).waitFor();

    await panel(page).getByRole("button", { name: "模拟手机支付" }).click();
    await vendSays(page, "出货成功，请从取货口取走商品", 45_000);
    await page.getByRole("list", { name: "出货进度" }).waitFor();
    await page.getByRole("button", { name: "评价售货服务" }).waitFor();

    const machine = await call<{ counters: { vendsSucceeded: number } }>("GET", "/demo/vending");
    expect(machine.counters.vendsSucceeded).toBe(1);
    const water = (await catalogue()).units[0]?.products.find((product) => product.slot === 1);
    expect(water).toMatchObject({ inStock: true, available: true });
    const vended = await operatorOrders("vended");
    expect(vended.items.map((order) => [order.slot, order.amountFen])).toEqual([[1, 200]]);
    await context.close();
  });

  it("refunds a vend that jams, says so plainly, and the operator's list shows the refund", async () => {
    await call("POST", "/demo/vending/slots/2", { jammed: true });
    const { context, page } = await openKiosk(browser, agent, "/vending");
    await orderOnScreen(page, 2, /去付款 ¥3\.00/);
    await panel(page).getByRole("button", { name: "模拟手机支付" }).click();
    const alert = panel(page).locator("linli-vend-progress").getByRole("alert");
    await alert
      .getByText("出货失败，已为您退款 ¥3.00", { exact: true })
      .waitFor({ timeout: 45_000 });
    await alert.getByText(/原路退回/).waitFor();
    await page.getByRole("button", { name: "重新选择商品" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await undersizedTargets(page, 44)).toEqual([]);

    const refunded = await operatorOrders("refunded");
    expect(refunded.items).toMatchObject([
      { slot: 2, amountFen: 300, refund: { state: "succeeded", amountFen: 300 } },
    ]);
    await context.close();
  });

  it("cancels an order before it is paid, and nothing is charged", async () => {
    const { context, page } = await openKiosk(browser, agent, "/vending");
    await orderOnScreen(page, 3, /去付款 ¥5\.00/);
    await page.getByRole("button", { name: "取消订单" }).click();
    await vendSays(page, "订单已取消，没有扣款");
    const cancelled = await operatorOrders("cancelled");
    expect(cancelled.items.filter((order) => order.slot === 3)).toHaveLength(1);
    await page.getByRole("button", { name: "重新选择商品" }).click();
    await tile(page, 3).waitFor();
    await context.close();
  });

  it("says a declined payment took nothing, and offers to order again", async () => {
    const { context, page } = await openKiosk(browser, agent, "/vending");
    const chargeId = await orderOnScreen(page, 5, /去付款 ¥4\.00/);
    await call("POST", `/demo/payments/${chargeId}/decline`);
    const alert = panel(page).locator("linli-vend-progress").getByRole("alert");
    await alert.getByText("付款没有成功，没有扣款，可以重新下单").waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "重新选择商品" }).waitFor();
    await context.close();
  });

  it("says payments cannot be taken when the provider is away, and keeps the products", async () => {
    await call("POST", "/demo/payments/faults", { offline: true });
    try {
      const { context, page } = await openKiosk(browser, agent, "/vending");
      await tile(page, 6).click();
      await page.getByRole("button", { name: /去付款 ¥6\.00/ }).click();
      await panel(page)
        .getByRole("alert")
        .filter({ hasText: "暂时无法付款，请稍后再试或联系工作人员" })
        .waitFor();
      await tile(page, 6).waitFor();
      await context.close();
    } finally {
      await call("POST", "/demo/payments/faults", { offline: false });
    }
  });

  it("holds off the idle reset while the resident pays on their phone, and resets once it is over", async () => {
    const { context, page } = await openKiosk(browser, agent, "/vending?idle=1&warn=1&attract=600");
    await orderOnScreen(page, 7, /去付款 ¥10\.00/);
    // Paying with a phone needs no touch: well past idle + warn, still no warning and no reset.
    await page.waitForTimeout(4_000);
    expect(await page.locator("linli-idle-warning").count()).toBe(0);
    await panel(page).locator("linli-vend-payment [data-payment-code]").waitFor();

    await panel(page).getByRole("button", { name: "模拟手机支付" }).click();
    await vendSays(page, "出货成功，请从取货口取走商品", 45_000);
    // Done: the next resident must not find this one's screen.
    await page.getByRole("heading", { level: 2, name: "自助售货" }).waitFor({ state: "detached" });
    await page.locator("linli-home-panel").waitFor();
    await context.close();
  });

  it("cancels an unpaid order when the resident leaves the payment screen", async () => {
    const { context, page } = await openKiosk(browser, agent, "/vending");
    await orderOnScreen(page, 7, /去付款 ¥10\.00/);
    await page.locator("linli-top-bar").getByRole("button", { name: "首页" }).click();
    await page.locator("linli-home-panel").waitFor();
    await expect
      .poll(
        async () => (await operatorOrders("cancelled")).items.some((order) => order.slot === 7),
        { timeout: 10_000 },
      )
      .toBe(true);
    await context.close();
  });

  it("works in English and 长辈模式: fewer, larger products, big targets, read aloud", async () => {
    const { context, page } = await openKiosk(browser, agent, "/");
    await fakeSpeech(page, [{ name: "Test English", lang: "en-GB" }]);
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.locator('button[data-path="/vending"]').click();
    await page.getByRole("heading", { level: 2, name: "Vending" }).waitFor();
    await tile(page, 1).waitFor();
    expect(await page.locator("linli-product-tile").count()).toBe(4);
    await page.getByRole("button", { name: "Next" }).click();
    await tile(page, 5).waitFor();
    await page.getByRole("button", { name: "Previous" }).click();

    const checkSizes = async () => {
      expect(await seriousAxeViolations(page, { enhancedContrast: true })).toEqual([]);
      expect(await undersizedTargets(page, 60)).toEqual([]);
      expect((await visibleTextSizes(page)).filter((size) => size.fontSize < 24)).toEqual([]);
      expect((await visibleTextSizes(page, ".main")).filter((size) => size.fontSize < 30)).toEqual(
        [],
      );
    };
    await checkSizes();
    await orderOnScreen(page, 4, /Pay ¥8\.00/);
    await panel(page).getByText("Scan the code with your phone to pay").waitFor();
    await checkSizes();
    await page.getByRole("button", { name: "Read aloud" }).click();
    await expect
      .poll(async () => (await spokenTexts(page)).at(-1)?.text ?? "")
      .toMatch(/pay ¥8\.00.*left/);

    await panel(page).getByRole("button", { name: "Simulate paying by phone" }).click();
    await vendSays(page, "Done. Please take your product from the tray", 45_000);
    await checkSizes();
    await context.close();
  });
});
