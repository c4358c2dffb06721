import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { launchChromium, seriousAxeViolations } from "../support/browser.js";
import {
  fakeSpeech,
  LANDSCAPE,
  openKiosk,
  PORTRAIT,
  spokenTexts,
  turnOnElderlyMode,
} from "./kiosk.js";

const PIN = "918273";

let agent: AgentProcess;
let browser: Browser;
let operatorCookie = "";

interface Door {
  deviceId: string;
  board: number;
  lock: number;
}

interface Deposit {
  pickupCode: string;
  pickupQr: string;
  door: Door;
}

async function call<T>(
  on: AgentProcess,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  cookie = "",
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${on.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : {}) as T,
  };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface LockerSnapshot {
  boards: { address: number; locks: { lock: number; open: boolean }[] }[];
}

/** The door as the simulated lock board sees it: open or shut. */
async function boardSaysOpen(door: Door): Promise<boolean> {
  const { body } = await call<LockerSnapshot>(agent, "GET", `/demo/lockers/${door.deviceId}`);
  const lock = body.boards[door.board - 1]?.locks.find((one) => one.lock === door.lock);
  if (!lock) throw new Error(`the simulator has no door ${door.board}-${door.lock}`);
  return lock.open;
}

/** What a person at the simulated locker bank does to one door. */
async function atDoor(door: Door, action: "close" | "leave-open"): Promise<void> {
  const { body } = await call<LockerSnapshot>(agent, "GET", `/demo/lockers/${door.deviceId}`);
  // The simulator speaks wire addresses: board 1 of a KR-CU16 bank is address 0.
  const address = body.boards[door.board - 1]?.address;
  const done = await call(agent, "POST", `/demo/lockers/${door.deviceId}/doors`, {
    board: address,
    lock: door.lock,
    action,
  });
  expect(done.status).toBe(200);
}

/**
 * The demo's residents shut a door 8 s after it opens; these ones wait for
 * the test, so a slow machine never sees a door shut before it looked.
 */
async function holdDoorsOpenOnceOpened(deviceId: string): Promise<void> {
  const { body } = await call<LockerSnapshot>(agent, "GET", `/demo/lockers/${deviceId}`);
  for (const [index, board] of body.boards.entries()) {
    for (const { lock } of board.locks)
      await atDoor({ deviceId, board: index + 1, lock }, "leave-open");
  }
}

/** A resident pushes the door shut; resolves once the agent has seen it closed. */
async function closeDoor(door: Door): Promise<void> {
  await atDoor(door, "close");
  await until(async () => {
    const device = await call<{ health: { detail: { doors?: Record<string, string> } } }>(
      agent,
      "GET",
      `/devices/${door.deviceId}`,
    );
    return device.body.health.detail.doors?.[`${door.board}-${door.lock}`] === "closed"
      ? true
      : undefined;
  }, "the agent to see the door closed");
  // Shutting a door ends "leave open"; the next opening waits for the test again.
  await atDoor(door, "leave-open");
}

/** A courier's parcel, put in through the operator API; its door is shut again. */
async function depositParcel(): Promise<Deposit> {
  const deposit = await call<Deposit & { jobId: string }>(
    agent,
    "POST",
    "/operator/parcels",
    { size: "M", phone: "13812345678", carrier: "顺丰" },
    operatorCookie,
  );
  expect(deposit.status).toBe(201);
  await until(async () => {
    const job = await call<{ state: string }>(
      agent,
      "GET",
      `/operator/jobs/${deposit.body.jobId}`,
      undefined,
      operatorCookie,
    );
    return job.body.state === "done" ? true : undefined;
  }, "the courier's door to open");
  await closeDoor(deposit.body.door);
  return deposit.body;
}

/** The parcels screen, reached from the home shortcut, listening to the agent's events. */
async function openParcels(page: Page): Promise<void> {
  await page.locator('button[data-path="/parcels"]').click();
  await page.locator("linli-parcels-panel[live]").waitFor();
}

async function typeCode(page: Page, code: string, keypad = "数字键盘"): Promise<void> {
  const keys = page.getByRole("group", { name: keypad });
  for (const digit of code) await keys.getByRole("button", { name: digit, exact: true }).click();
  await expect
    .poll(() => page.locator("linli-code-keypad .boxes").getAttribute("data-code"))
    .toBe(code);
}

const status = (page: Page) => page.locator("linli-door-result p.status");
const openedOnDrawing = (page: Page) =>
  page.locator("linli-locker-drawing .door.open").getAttribute("data-number");

/** The number on a door: counted across boards of 16 locks (the demo's KR-CU16). */
const numberOf = (door: Door) => (door.board - 1) * 16 + door.lock;

beforeAll(async () => {
  const hashed = await runLinli(["hash-pin"], {}, `${PIN}\n`);
  [agent, browser] = await Promise.all([
    startAgent({ env: { LINLI_OPERATOR_PIN_HASH: hashed.stdout.trim() } }),
    launchChromium(),
  ]);
  await holdDoorsOpenOnceOpened("lockers-1");
  await holdDoorsOpenOnceOpened("cabinet-1");
  const login = await call(agent, "POST", "/operator/login", { pin: PIN });
  expect(login.status).toBe(200);
  operatorCookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

describe("picking up a parcel", () => {
  it("opens its door for the code typed on the keypad, shows the door on the drawing, and says when it is closed", async () => {
    const parcel = await depositParcel();
    const { context, page } = await openKiosk(browser, agent);
    await openParcels(page);
    await page.getByRole("heading", { level: 2, name: "取快递" }).waitFor();
    await typeCode(page, parcel.pickupCode);
    await page.getByRole("button", { name: "开柜取件" }).click();

    const number = numberOf(parcel.door);
    await page.getByText(`${number} 号柜门`, { exact: true }).waitFor();
    await expect.poll(() => status(page).textContent()).toContain("柜门已打开，请取件后关好柜门");
    expect(await openedOnDrawing(page)).toBe(String(number));
    expect(await page.locator("linli-locker-drawing .door").count()).toBe(16);
    await expect
      .poll(() => page.locator("linli-locker-drawing figcaption").textContent())
      .toMatch(new RegExp(`${number} 号柜门在左起第 \\d 列，从上往下第 \\d 个`));
    expect(await boardSaysOpen(parcel.door)).toBe(true);

    await closeDoor(parcel.door);
    await expect.poll(() => status(page).getAttribute("data-phase")).toBe("closed");
    expect(await status(page).textContent()).toContain("柜门已关好");
    await context.close();
  });

  it("opens the door for a pickup QR held under the scanner, and shows which one", async () => {
    const parcel = await depositParcel();
    const { context, page } = await openKiosk(browser, agent);
    await openParcels(page);
    const scanned = await call(agent, "POST", "/demo/scanner/scan", { text: parcel.pickupQr });
    expect(scanned.status).toBe(204);

    const number = numberOf(parcel.door);
    await page.getByText(`${number} 号柜门`, { exact: true }).waitFor();
    await expect.poll(() => status(page).textContent()).toContain("柜门已打开，请取件后关好柜门");
    expect(await openedOnDrawing(page)).toBe(String(number));
    expect(await boardSaysOpen(parcel.door)).toBe(true);
    await closeDoor(parcel.door);
    await expect.poll(() => status(page).getAttribute("data-phase")).toBe("closed");
    await context.close();
  });

  it("says a wrong code is wrong, how many tries are left, and clears it for the next try", async () => {
    const { context, page } = await openKiosk(browser, agent, "/parcels");
    await page.locator("linli-parcels-panel[live]").waitFor();
    await typeCode(page, "000000");
    await page.getByRole("button", { name: "开柜取件" }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/取件码不对.*还可以再试 \d 次/);
    expect(await page.locator("linli-code-keypad .boxes").getAttribute("data-code")).toBe("");
    // Typing again takes the message away.
    await typeCode(page, "1");
    await expect.poll(() => alert.count()).toBe(0);
    await context.close();
  });
});

describe("when a resident walks away", () => {
  it("the idle reset leaves no typed code for the next resident", async () => {
    const { context, page } = await openKiosk(browser, agent, "/?idle=2.5&warn=1.5&attract=600");
    await openParcels(page);
    await typeCode(page, "123");
    await page.getByRole("alertdialog").waitFor();
    await page.locator("linli-home-panel").waitFor({ timeout: 6_000 });
    await openParcels(page);
    expect(await page.locator("linli-code-keypad .boxes").getAttribute("data-code")).toBe("");
    await context.close();
  });
});

describe("the shared cabinet (共享童车柜)", () => {
  it("lends a stroller with a return code to keep, and takes it back with that code", async () => {
    const context = await browser.newContext({ viewport: PORTRAIT, locale: "zh-CN" });
    const page = await context.newPage();
    await fakeSpeech(page, [{ name: "Test 中文", lang: "zh-CN" }]);
    await page.goto(`${agent.url}/`);
    await openParcels(page);
    await page.getByRole("button", { name: /共享童车柜/ }).click();
    await page.getByRole("heading", { level: 2, name: "共享童车柜" }).waitFor();
    await page.getByRole("button", { name: /借一辆童车/ }).click();

    await expect.poll(() => status(page).textContent()).toContain("请取出童车后关好柜门");
    const returnCode = await page.locator("[data-return-code]").getAttribute("data-return-code");
    expect(returnCode).toMatch(/^\d{6}$/);
    const number = Number(await openedOnDrawing(page));
    const borrowed: Door = { deviceId: "cabinet-1", board: 1, lock: number };
    await page.getByText(`${number} 号柜门`, { exact: true }).waitFor();
    expect(await boardSaysOpen(borrowed)).toBe(true);
    // Read aloud: the door, where it is, and the return code digit by digit.
    await page.getByRole("button", { name: "朗读" }).click();
    await expect.poll(async () => (await spokenTexts(page)).length).toBe(1);
    const [spoken] = await spokenTexts(page);
    expect(spoken?.text).toContain(`${number} 号柜门。柜门已打开，请取出童车后关好柜门`);
    expect(spoken?.text).toMatch(/左起第 \d 列，从上往下第 \d 个/);
    expect(spoken?.text).toContain([...(returnCode ?? "")].join(" "));
    await closeDoor(borrowed);
    await expect.poll(() => status(page).textContent()).toContain("柜门已关好");

    await page.getByRole("button", { name: "返回" }).click();
    await page.getByRole("button", { name: /还童车/ }).click();
    await page.getByRole("heading", { level: 2, name: "还童车" }).waitFor();
    await typeCode(page, returnCode ?? "");
    await page.getByRole("button", { name: "开柜还车" }).click();
    await expect.poll(() => status(page).textContent()).toContain("请放回童车后关好柜门");
    // The stroller goes back behind the door it came from, which is empty again.
    expect(await openedOnDrawing(page)).toBe(String(number));
    expect(await boardSaysOpen(borrowed)).toBe(true);
    await closeDoor(borrowed);
    await expect.poll(() => status(page).textContent()).toContain("童车已归还");
    await context.close();
  });
});

describe("in English and in 长辈模式", () => {
  it("picks up a parcel and borrows a stroller with large type and large keys", async () => {
    const parcel = await depositParcel();
    const { context, page } = await openKiosk(browser, agent, "/", LANDSCAPE);
    await turnOnElderlyMode(page);
    await page.getByRole("button", { name: "English" }).click();
    await openParcels(page);
    await page.getByRole("heading", { level: 2, name: "Collect a parcel" }).waitFor();
    const key = page.getByRole("group", { name: "Number keypad" }).getByRole("button", {
      name: "5",
      exact: true,
    });
    const box = await key.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(60);
    expect(box?.width).toBeGreaterThanOrEqual(60);

    await typeCode(page, parcel.pickupCode, "Number keypad");
    await page.getByRole("button", { name: "Open the door" }).click();
    const number = numberOf(parcel.door);
    await page.getByText(`Door ${number}`, { exact: true }).waitFor();
    await expect
      .poll(() => status(page).textContent())
      .toContain("The door is open. Take your parcel and close the door");
    const size = await status(page).evaluate((element) => getComputedStyle(element).fontSize);
    expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(30);
    await closeDoor(parcel.door);
    await expect.poll(() => status(page).textContent()).toContain("The door is closed");

    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: /Shared strollers/ }).click();
    await page.getByRole("button", { name: /Borrow a stroller/ }).click();
    await expect
      .poll(() => status(page).textContent())
      .toContain("Take the stroller and close the door");
    await page.getByText("Return code", { exact: true }).waitFor();
    await context.close();
  });
});

describe("guessing codes", () => {
  let guarded: AgentProcess;
  beforeAll(async () => {
    // Its own agent: the cool-down holds for the whole kiosk.
    guarded = await startAgent();
  });
  afterAll(async () => {
    await guarded?.stop();
  });

  it("after five wrong codes turns the keypad off for a cool-down counted down in seconds", async () => {
    const { context, page } = await openKiosk(browser, guarded, "/parcels");
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await typeCode(page, "000000");
      await page.getByRole("button", { name: "开柜取件" }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toContain(`还可以再试 ${5 - attempt} 次`);
    }
    await typeCode(page, "000000");
    await page.getByRole("button", { name: "开柜取件" }).click();

    const notice = page.locator("linli-parcels-panel p.refusal[data-seconds]");
    await expect.poll(() => notice.textContent()).toMatch(/输错次数太多，请 \d+ 分 \d+ 秒后再试/);
    const first = Number(await notice.getAttribute("data-seconds"));
    expect(first).toBeGreaterThan(280);
    expect(first).toBeLessThanOrEqual(300);
    await expect
      .poll(async () => Number(await notice.getAttribute("data-seconds")))
      .toBeLessThan(first);
    const keys = page.getByRole("group", { name: "数字键盘" }).getByRole("button");
    expect(await keys.count()).toBe(12);
    for (const button of await keys.all()) expect(await button.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "开柜取件" }).isDisabled()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
