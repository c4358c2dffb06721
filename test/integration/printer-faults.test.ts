/**
 * Printer fault scenarios end to end over a socat pty pair: the agent's real
 * serial code on one end, the simulated printer on the other, the cable
 * pulled by killing socat. What counts is what the printer printed.
 */
import { renderReceiptText } from "@linli/protocols/escpos";
import { afterEach, describe, expect, it } from "vitest";
import {
  openPrinterRig,
  type PrinterRig,
  receipt,
  settle,
  timesPrinted,
  waitFor,
  waitForJob,
  waitForState,
} from "../../edge-agent/src/devices/printer/testing.js";

const COLUMNS = 32;
const rigs: PrinterRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function openPty(): Promise<PrinterRig> {
  const rig = await openPrinterRig("pty");
  rigs.push(rig);
  await waitForState(rig, "ready");
  return rig;
}

describe("printer faults over a pty", () => {
  it("prints a burst of receipts once each and in order, through paper running out and an open cover", async () => {
    const rig = await openPty();
    const titles = Array.from({ length: 6 }, (_, index) => `第 ${index + 1} 位居民的指南`);
    rig.simulator.runOutAfterLines(12);
    // Someone opens the cover the moment the fourth receipt is done.
    rig.jobs.onTransition((job) => {
      if (job.id === "burst-4" && job.state === "done") rig.simulator.openCover();
    });
    const jobs = titles.map((title, index) =>
      rig.driver.print(receipt(title, 4), { jobId: `burst-${index + 1}` }),
    );

    const stopped = await waitFor(
      () => jobs.find((job) => rig.jobs.get(job.id)?.state === "held"),
      "a job held by the paper running out",
    );
    expect(stopped.id).toBe("burst-2");
    expect(rig.driver.health.state).toBe("paper_out");
    rig.simulator.setPaper("ok");
    await waitForJob(rig, stopped.id, "done");

    await waitForJob(rig, "burst-5", "held");
    expect(rig.jobs.get("burst-5")?.error).toMatch(/cover/);
    expect(rig.jobs.get("burst-6")?.state).toBe("held");
    rig.simulator.closeCover();

    for (const job of jobs) await waitForJob(rig, job.id, "done");
    await settle();
    expect(rig.simulator.receipts.map((printed) => printed.text)).toEqual(
      titles.map((title) => renderReceiptText(receipt(title, 4), COLUMNS)),
    );
    expect(jobs.map((job) => rig.jobs.get(job.id)?.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("leaves a receipt the printer was holding for paper uncertain when unplugged, and lets the printer finish its only copy", async () => {
    const rig = await openPty();
    rig.simulator.runOutAfterLines(3);
    const held = rig.driver.print(receipt("等纸时拔线", 8));
    await waitForJob(rig, held.id, "held");

    await rig.unplug();
    await waitForJob(rig, held.id, "uncertain");
    expect(rig.jobs.get(held.id)?.error).toMatch(/disconnected while it held the rest/);

    await rig.replug();
    await waitForState(rig, "paper_out");
    rig.simulator.setPaper("ok");
    await waitForState(rig, "ready");
    const next = rig.driver.print(receipt("换纸后的下一张"));
    await waitForJob(rig, next.id, "done");
    await settle();

    expect(rig.jobs.get(held.id)?.state).toBe("uncertain");
    expect(rig.simulator.receipts.map((printed) => printed.text)).toEqual([
      renderReceiptText(receipt("等纸时拔线", 8), COLUMNS),
      renderReceiptText(receipt("换纸后的下一张"), COLUMNS),
    ]);
  });

  it("never prints a receipt twice while the cable is pulled and plugged back during a stream of jobs", async () => {
    const rig = await openPty();
    const titles = Array.from({ length: 8 }, (_, index) => `连续打印 ${index + 1} 号`);
    const cutOff = new Set([titles[2], titles[5]].map((title) => `stream-${title}`));
    let replugged: Promise<void> = Promise.resolve();
    rig.jobs.onTransition((job) => {
      if (job.state !== "running" || !cutOff.has(job.id)) return;
      replugged = rig.unplug().then(() => rig.replug());
    });

    const jobs = titles.map((title) =>
      rig.driver.print(receipt(title), { jobId: `stream-${title}` }),
    );
    const final = (id: string) => {
      const state = rig.jobs.get(id)?.state;
      return state === "done" || state === "uncertain" ? state : undefined;
    };
    for (const job of jobs) await waitFor(() => final(job.id), `job ${job.id} to finish`);
    await replugged;
    await settle();

    for (const [index, title] of titles.entries()) {
      const id = `stream-${title}`;
      const printed = timesPrinted(rig.simulator, title);
      const why = `${title}: ${rig.jobs.get(id)?.error}`;
      if (cutOff.has(id)) {
        expect(rig.jobs.get(id)?.state, why).toBe("uncertain");
        expect(printed, title).toBeLessThanOrEqual(1);
      } else {
        expect(rig.jobs.get(id)?.state, why).toBe("done");
        expect(printed, title).toBe(1);
      }
      expect(rig.jobs.get(id)?.attempts, `attempts of job ${index + 1}`).toBe(1);
    }
  });
});
