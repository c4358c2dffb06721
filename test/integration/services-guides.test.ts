/**
 * The printed service guide end to end: HTTP routes, the guide service, the
 * real printer driver over the in-process serial binding, and the ESC/POS
 * printer simulator decoding what it received. What counts is what printed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { guideRoutes } from "../../edge-agent/src/http/routes/guides.js";
import type { HttpApp } from "../../edge-agent/src/http/types.js";
import { GuideService } from "../../edge-agent/src/services/guides/guide-service.js";
import { guideOutletService } from "../../edge-agent/src/services/guides/testing.js";
import {
  buildServicesApp,
  openServicesRig,
  type ServicesRig,
  until,
} from "../../edge-agent/src/services/parcels/testing.js";

const NOW = new Date("2024-06-03T09:30:00+08:00");
const open: { rig: ServicesRig; app: HttpApp }[] = [];
afterEach(async () => {
  for (const { rig, app } of open.splice(0)) {
    await app.close();
    await rig.close();
  }
});

async function kiosk(printer = "generic-escpos-58") {
  const rig = await openServicesRig({ printer, lockers: false });
  const guides = new GuideService({
    db: rig.db,
    outbox: rig.outbox,
    devices: rig.devices,
    jobs: rig.jobs,
    outlets: guideOutletService(),
    kiosk: { id: "kiosk-01", name: "潍坊新村邻里中心" },
    now: () => NOW,
  });
  guides.start();
  const app = await buildServicesApp([guideRoutes({ guides })]);
  open.push({ rig, app });
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url, payload });
  const job = async (id: string) =>
    (await app.inject({ url: `/api/v1/guides/jobs/${id}` })).json() as {
      state: string;
      reason: string | null;
      message: string;
    };
  return { rig, post, job };
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a printed service guide", () => {
  it("for a category comes out of the printer as its preview, in at most 2 KB at 58 mm", async () => {
    const { rig, post } = await kiosk();
    const request = { category: "药店", largePrint: true };
    const preview = (await post("/api/v1/guides/preview", request)).json();
    expect(preview.bytes).toBeLessThanOrEqual(2048);
    expect(preview.outlets).toHaveLength(10);

    const accepted = await post("/api/v1/guides", request);
    expect(accepted.statusCode).toBe(202);
    const { jobId } = accepted.json();
    await until(() => rig.jobs.get(jobId)?.state === "done", "the guide to print");
    await settle();
    expect(rig.printer.receipts).toHaveLength(1);
    expect(rig.printer.receipts[0]?.text).toBe(preview.text);
    expect(rig.printer.receipts[0]?.qrCodes).toHaveLength(1);
    const sent = rig.jobs.get<unknown, { bytes: number }>(jobId)?.result?.bytes;
    expect(sent).toBe(preview.bytes);
    expect(sent).toBeLessThanOrEqual(2048);
  });

  it("prints 48 columns on an 80 mm printer", async () => {
    const { rig, post } = await kiosk("generic-escpos-80");
    const preview = (await post("/api/v1/guides/preview", { category: "pharmacy" })).json();
    expect(preview.columns).toBe(48);
    const { jobId } = (await post("/api/v1/guides", { category: "pharmacy" })).json();
    await until(() => rig.jobs.get(jobId)?.state === "done", "the guide to print");
    await settle();
    expect(rig.printer.receipts[0]?.text).toBe(preview.text);
  });

  it("waits held with a plain message while the paper is out, and prints once after a refill", async () => {
    const { rig, post, job } = await kiosk();
    rig.printer.setPaper("out");
    await until(() => rig.devices.get("printer-1")?.device.health.state === "paper_out", "out");
    const preview = (await post("/api/v1/guides/preview", { category: "药店" })).json();
    const { jobId } = (await post("/api/v1/guides", { category: "药店" })).json();
    await until(() => rig.jobs.get(jobId)?.state === "held", "the job to be held");
    expect(await job(jobId)).toMatchObject({
      state: "held",
      reason: "paper_out",
      message: "打印机缺纸，请联系工作人员",
    });

    rig.printer.setPaper("ok");
    await until(() => rig.jobs.get(jobId)?.state === "done", "the job to be done");
    expect(await job(jobId)).toMatchObject({ state: "done", reason: null });
    await settle();
    expect(rig.printer.receipts.map((receipt) => receipt.text)).toEqual([preview.text]);
    expect(rig.jobs.get(jobId)?.attempts).toBe(1);
  });

  it("finishes a guide the paper ran out in the middle of, without sending it again", async () => {
    const { rig, post, job } = await kiosk();
    rig.printer.runOutAfterLines(8);
    const preview = (await post("/api/v1/guides/preview", { category: "药店" })).json();
    const { jobId } = (await post("/api/v1/guides", { category: "药店" })).json();
    await until(() => rig.jobs.get(jobId)?.state === "held", "the job to be held");
    expect((await job(jobId)).reason).toBe("paper_out");
    rig.printer.setPaper("ok");
    await until(() => rig.jobs.get(jobId)?.state === "done", "the job to be done");
    await settle();
    expect(rig.printer.receipts.map((receipt) => receipt.text)).toEqual([preview.text]);
    expect(rig.jobs.get(jobId)?.attempts).toBe(1);
  });
});
