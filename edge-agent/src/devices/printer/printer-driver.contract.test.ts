import { renderReceiptText } from "@linli/protocols/escpos";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { LINK_KINDS } from "../../simulators/host-side.js";
import { Store } from "../../store/index.js";
import type { DeviceHealth } from "../device.js";
import { JobStore } from "../jobs/job-store.js";
import type { PrintJob } from "./print-jobs.js";
import {
  openPrinterRig,
  type PrinterRig,
  type PrinterRigOptions,
  printerProfile,
  receipt,
  settle,
  tempStorePath,
  timesPrinted,
  waitFor,
  waitForJob,
  waitForState,
} from "./testing.js";

const COLUMNS = 32;
const rigs: PrinterRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

describe.each(LINK_KINDS)("the printer driver over a %s link", (kind) => {
  async function open(options?: PrinterRigOptions): Promise<PrinterRig> {
    const rig = await openPrinterRig(kind, options);
    rigs.push(rig);
    return rig;
  }

  it("prints a Chinese receipt that the printer decodes back as the same text", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    const document = receipt("潍坊新村 服务指南");
    const job = rig.driver.print(document);
    expect(job.state).toBe("queued");

    await waitForJob(rig, job.id, "done");
    expect(rig.simulator.receipts.map((printed) => printed.text)).toEqual([
      renderReceiptText(document, COLUMNS),
    ]);
    expect(rig.jobs.get<unknown, PrintJob["result"]>(job.id)).toMatchObject({
      attempts: 1,
      result: { finishedBy: "status" },
    });
  });

  it("prints a short Chinese test receipt for the operator", async () => {
    const rig = await open();
    const job = rig.driver.testPrint();
    await waitForJob(rig, job.id, "done");
    expect(rig.simulator.receipts).toHaveLength(1);
    expect(rig.simulator.receipts[0]?.text).toContain("打印测试");
    expect(rig.simulator.receipts[0]?.text).toContain("printer-1");
  });

  it("follows the printer through paper near end, paper out, cover open and its offline switch", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    const seen: DeviceHealth[] = [];
    rig.driver.on("health", (health) => seen.push(health));

    rig.simulator.setPaper("near_end");
    await waitForState(rig, "paper_near_end");
    expect(rig.driver.health.detail).toMatchObject({ paper: "near_end", online: true });
    rig.simulator.setPaper("out");
    await waitForState(rig, "paper_out");
    expect(rig.driver.health.detail).toMatchObject({ paper: "out", online: false });
    rig.simulator.setPaper("ok");
    rig.simulator.openCover();
    await waitForState(rig, "cover_open");
    expect(rig.driver.health.detail).toMatchObject({ cover: "open" });
    rig.simulator.closeCover();
    rig.simulator.goOffline();
    await waitForState(rig, "offline");
    expect(rig.driver.health.connected).toBe(true);
    rig.simulator.goOnline();
    await waitForState(rig, "ready");

    const states = seen.map((health) => health.state);
    for (const state of ["paper_near_end", "paper_out", "cover_open", "offline", "ready"]) {
      expect(states).toContain(state);
    }
    // One event per change, not one per poll.
    expect(states.length).toBeLessThan(12);
  });

  it("says offline when the printer stops answering, with the link still up", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    rig.simulator.detach();
    await waitForState(rig, "offline");
    expect(rig.driver.health).toMatchObject({ connected: true, detail: { online: false } });
    expect(rig.driver.health.lastError).toMatch(/does not answer/);
  });

  it("says offline when unplugged and ready again after replug", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    await rig.unplug();
    await waitForState(rig, "offline");
    expect(rig.driver.health.connected).toBe(false);
    await rig.replug();
    await waitForState(rig, "ready");
    expect(rig.driver.health.connected).toBe(true);
  });

  it("holds a job issued while paper is out and prints it exactly once after a new roll", async () => {
    const rig = await open();
    rig.simulator.setPaper("out");
    await waitForState(rig, "paper_out");
    const document = receipt("缺纸时下单");
    const job = rig.driver.print(document);

    await waitForJob(rig, job.id, "held");
    expect(rig.jobs.get(job.id)?.error).toMatch(/waiting for paper/);
    await settle();
    expect(rig.simulator.bufferedBytes).toBe(0);
    expect(rig.simulator.receipts).toHaveLength(0);

    rig.simulator.setPaper("ok");
    await waitForJob(rig, job.id, "done");
    await settle();
    expect(rig.simulator.receipts.map((printed) => printed.text)).toEqual([
      renderReceiptText(document, COLUMNS),
    ]);
    expect(rig.jobs.get(job.id)?.attempts).toBe(1);
  });

  it("lets the printer finish a receipt the paper ran out in, without sending it twice", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    const document = receipt("中途缺纸", 8);
    rig.simulator.runOutAfterLines(3);
    const job = rig.driver.print(document);

    await waitForJob(rig, job.id, "held");
    expect(rig.jobs.get(job.id)?.error).toMatch(/not sent again/);
    expect(rig.simulator.receipts).toHaveLength(0);
    expect(rig.simulator.currentReceipt.lines).toHaveLength(3);

    rig.simulator.setPaper("ok");
    await waitForJob(rig, job.id, "done");
    await settle();
    expect(rig.simulator.receipts.map((printed) => printed.text)).toEqual([
      renderReceiptText(document, COLUMNS),
    ]);
    expect(rig.jobs.get<unknown, PrintJob["result"]>(job.id)).toMatchObject({
      attempts: 1,
      result: { finishedBy: "printer_buffer" },
    });
  });

  it("marks a job unplugged mid-print uncertain, never prints it again, and prints the next ones", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    let unplugged: Promise<void> | undefined;
    rig.jobs.onTransition((job) => {
      if (job.id === "cut-off" && job.state === "running") unplugged = rig.unplug();
    });
    rig.driver.print(receipt("拔线的小票"), { jobId: "cut-off" });

    await waitForJob(rig, "cut-off", "uncertain");
    await unplugged;
    expect(rig.jobs.get("cut-off")?.error).toMatch(/may have printed/);
    await rig.replug();
    await waitForState(rig, "ready");

    const next = rig.driver.print(receipt("插回后的小票"));
    await waitForJob(rig, next.id, "done");
    await settle();
    expect(rig.jobs.get("cut-off")?.state).toBe("uncertain");
    expect(timesPrinted(rig.simulator, "拔线的小票")).toBeLessThanOrEqual(1);
    expect(rig.simulator.receipts.at(-1)?.text).toContain(
      renderReceiptText(receipt("插回后的小票"), COLUMNS),
    );
  });

  it("keeps a job issued while unplugged held, and prints it once after replug", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    await rig.unplug();
    await waitForState(rig, "offline");
    const job = rig.driver.print(receipt("离线时下单"));
    await waitForJob(rig, job.id, "held");
    expect(rig.jobs.get(job.id)?.error).toMatch(/connected again/);

    await rig.replug();
    await waitForJob(rig, job.id, "done");
    await settle();
    expect(timesPrinted(rig.simulator, "离线时下单")).toBe(1);
  });

  it("after a crash, marks this printer's job left running uncertain and prints only the queued ones", async () => {
    const path = tempStorePath();
    const crashed = new Store(path, createLogger({ level: "silent" }));
    crashed.start();
    const before = new JobStore(crashed.db);
    const payload = (title: string) => ({ document: receipt(title), columns: COLUMNS, copies: 1 });
    const interrupted = before.create("printer-1", "print", payload("崩溃时在打印"));
    before.transition(interrupted.id, ["queued"], "running", { countAttempt: true });
    const waiting = before.create("printer-1", "print", payload("崩溃时在排队"));
    const elsewhere = before.create("printer-2", "print", payload("另一台打印机"));
    before.transition(elsewhere.id, ["queued"], "running", { countAttempt: true });
    crashed.stop();

    const rig = await open({ storePath: path });
    await waitForJob(rig, waiting.id, "done");
    await settle();
    expect(rig.jobs.get(interrupted.id)).toMatchObject({ state: "uncertain", attempts: 1 });
    expect(rig.jobs.get(elsewhere.id)?.state).toBe("running");
    expect(timesPrinted(rig.simulator, "崩溃时在打印")).toBe(0);
    expect(timesPrinted(rig.simulator, "崩溃时在排队")).toBe(1);
  });

  it("prints jobs in the order they came, one at a time", async () => {
    const rig = await open();
    await waitForState(rig, "ready");
    let running = 0;
    let most = 0;
    rig.jobs.onTransition((job, previous) => {
      if (job.state === "running") running += 1;
      if (previous === "running") running -= 1;
      most = Math.max(most, running);
    });
    const titles = ["第一张", "第二张", "第三张", "第四张"];
    const jobs = titles.map((title) => rig.driver.print(receipt(title)));
    for (const job of jobs) await waitForJob(rig, job.id, "done");
    expect(most).toBe(1);
    expect(rig.simulator.receipts.map((printed) => printed.text)).toEqual(
      titles.map((title) => renderReceiptText(receipt(title), COLUMNS)),
    );
  });

  it("follows ASB blocks between polls when the profile has ASB", async () => {
    const base = printerProfile();
    const rig = await open({
      profile: { ...base, capabilities: { ...base.capabilities, asb: true } },
      pollIntervalMs: 60_000,
    });
    await waitFor(() => rig.simulator.snapshot().asbEnabled, "ASB to be enabled");
    rig.simulator.openCover();
    await waitForState(rig, "cover_open");
    rig.simulator.closeCover();
    await waitForState(rig, "ready");
  });
});

describe("an operator resolving an uncertain print job", () => {
  async function rigWithUncertainJob(): Promise<{ rig: PrinterRig; id: string }> {
    const path = tempStorePath();
    const crashed = new Store(path, createLogger({ level: "silent" }));
    crashed.start();
    const jobs = new JobStore(crashed.db);
    const job = jobs.create("printer-1", "print", {
      document: receipt("待确认的小票"),
      columns: COLUMNS,
      copies: 1,
    });
    jobs.transition(job.id, ["queued"], "running");
    crashed.stop();
    const rig = await openPrinterRig("in-process", { storePath: path });
    rigs.push(rig);
    return { rig, id: job.id };
  }

  it("gets it printed once more by choosing reprint, even when asking twice", async () => {
    const { rig, id } = await rigWithUncertainJob();
    const reprint = rig.driver.resolveUncertain(id, "reprint");
    expect(rig.driver.resolveUncertain(id, "reprint").id).toBe(reprint.id);
    await waitForJob(rig, reprint.id, "done");
    await settle();
    expect(timesPrinted(rig.simulator, "待确认的小票")).toBe(1);
    expect(rig.jobs.get(id)).toMatchObject({
      state: "failed",
      result: { resolution: "reprint", reprintJobId: reprint.id },
    });
  });

  it("closes it without printing by choosing dismiss", async () => {
    const { rig, id } = await rigWithUncertainJob();
    expect(rig.driver.resolveUncertain(id, "dismiss")).toMatchObject({
      state: "failed",
      result: { resolution: "dismiss" },
    });
    await settle();
    expect(rig.simulator.receipts).toHaveLength(0);
    expect(() => rig.driver.resolveUncertain(id, "reprint")).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_JOB_NOT_UNCERTAIN" }),
    );
  });

  it("is refused for a job that is not uncertain or not on this printer", async () => {
    const { rig } = await rigWithUncertainJob();
    const done = rig.driver.print(receipt("正常的小票"));
    await waitForJob(rig, done.id, "done");
    expect(() => rig.driver.resolveUncertain(done.id, "reprint")).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_JOB_NOT_UNCERTAIN", status: 409 }),
    );
    expect(() => rig.driver.resolveUncertain("nope", "dismiss")).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_JOB_NOT_FOUND", status: 404 }),
    );
  });
});

describe("asking the printer driver to print", () => {
  it("records the job before anything is sent, returns the same job for the same id, and refuses bad input", async () => {
    const rig = await openPrinterRig("in-process", { start: false });
    rigs.push(rig);
    const job = rig.driver.print(receipt("幂等"), { jobId: "guide-42", copies: 2 });
    expect(rig.jobs.get("guide-42")).toMatchObject({
      state: "queued",
      kind: "print",
      payload: { columns: COLUMNS, copies: 2 },
    });
    expect(rig.driver.print(receipt("幂等"), { jobId: "guide-42" }).id).toBe(job.id);
    expect(() => rig.driver.print(receipt("份数"), { copies: 0 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_PRINT_COPIES", status: 400 }),
    );
    expect(() => rig.driver.print({ blocks: [{ kind: "qr", data: "" }] })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_ESCPOS_QR_EMPTY" }),
    );

    await rig.driver.start();
    await waitForJob(rig, job.id, "done");
    expect(timesPrinted(rig.simulator, "幂等")).toBe(2);
  });
});
