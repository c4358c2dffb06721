import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { openServicesRig, PRINTER_ID, type ServicesRig, until } from "../parcels/testing.js";
import { GuideService, type GuideServiceOptions } from "./guide-service.js";
import { guideOutletService } from "./testing.js";

const NOON = new Date("2024-06-03T12:00:00+08:00");
const rigs: ServicesRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function setUp(
  printer: string | false = "generic-escpos-58",
  extra: Partial<GuideServiceOptions> = {},
) {
  const rig = await openServicesRig({ printer, lockers: false });
  rigs.push(rig);
  const guides = new GuideService({
    db: rig.db,
    outbox: rig.outbox,
    devices: rig.devices,
    jobs: rig.jobs,
    outlets: guideOutletService(),
    kiosk: { id: "kiosk-01", name: "潍坊新村邻里中心" },
    now: () => NOON,
    ...extra,
  });
  guides.start();
  return { rig, guides };
}

function refusal(run: () => unknown): LinliError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinliError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the guide service", () => {
  it("lists a category's ten nearest outlets within its radius, nearest first, for the printer's paper", async () => {
    const { guides } = await setUp();
    const preview = guides.preview({ category: "药店" });
    expect(preview.columns).toBe(32);
    expect(preview.printerId).toBe(PRINTER_ID);
    expect(preview.outlets.map((outlet) => outlet.name)).toEqual([
      "益民大药房",
      "老百姓大药房",
      "华氏大药房",
      "第一医药",
      "雷允上药城",
      "国大药房",
      "童涵春堂",
      "蔡同德堂",
      "余天成药号",
      "徐重道药号",
    ]);
    expect(preview.bytes).toBeLessThanOrEqual(2048);
    expect(preview.text).toContain("药店 步行 10 分钟内");
    expect(preview.text).toContain("1. 益民大药房");
    expect(preview.text).toContain("每天 08:00-22:00 营业中");
    expect(preview.text).toMatch(/东方路 700 号 +021-5820 0100/);
    expect(preview.text).toContain("[QR]");
    expect(preview.text).not.toContain("胡庆余堂");
  });

  it("counts walking minutes at the elderly speed in large print", async () => {
    const { guides } = await setUp();
    const normal = guides.preview({ category: "pharmacy" }).outlets;
    const large = guides.preview({ category: "pharmacy", largePrint: true }).outlets;
    expect(large.map((outlet) => outlet.id)).toEqual(normal.map((outlet) => outlet.id));
    large.forEach((outlet, index) => {
      expect(outlet.walkMinutes).toBeGreaterThan(normal[index]?.walkMinutes ?? Infinity);
    });
    const elderlyNormalPrint = guides.preview({ category: "pharmacy", elderly: true });
    expect(elderlyNormalPrint.text).toContain("按老年人步速计算步行时间");
  });

  it("prints chosen outlets in the order given, and previews 80 mm paper when asked", async () => {
    const { guides } = await setUp();
    const ids = guides.preview({ category: "pharmacy" }).outlets.map((outlet) => outlet.id);
    const chosen = [ids[3], ids[0]].filter((id): id is string => id !== undefined);
    const preview = guides.preview({ outletIds: chosen, paperWidthMm: 80 });
    expect(preview.columns).toBe(48);
    expect(preview.outlets.map((outlet) => outlet.id)).toEqual(chosen);
    expect(preview.text).toContain("为您挑选的服务网点");
  });

  it("explains what it cannot make a guide of", async () => {
    const { guides } = await setUp();
    expect(refusal(() => guides.preview({})).code).toBe("LINLI_ERR_GUIDE_BAD_REQUEST");
    expect(refusal(() => guides.preview({ category: "药店", outletIds: ["x"] })).status).toBe(400);
    expect(refusal(() => guides.preview({ category: "火锅" })).code).toBe(
      "LINLI_ERR_GUIDE_UNKNOWN_CATEGORY",
    );
    const none = refusal(() => guides.preview({ category: "洗衣店" }));
    expect(none).toMatchObject({ code: "LINLI_ERR_GUIDE_NO_OUTLETS", status: 404 });
    expect(none.message).toBe("步行 10 分钟内没有洗染店");
    expect(refusal(() => guides.preview({ outletIds: ["gone"] })).status).toBe(404);
  });

  it("previews on a kiosk without a printer but cannot print there", async () => {
    const { guides } = await setUp(false);
    expect(guides.preview({ category: "药店" })).toMatchObject({ columns: 32, printerId: null });
    expect(refusal(() => guides.print({ category: "药店" }))).toMatchObject({
      code: "LINLI_ERR_GUIDE_NO_PRINTER",
      status: 503,
    });
  });

  it("prints once per request id and follows the job to done", async () => {
    const { rig, guides } = await setUp();
    const first = guides.print({ category: "药店", requestId: "tap-1" });
    const again = guides.print({ category: "药店", requestId: "tap-1" });
    expect(again.jobId).toBe(first.jobId);
    expect(["queued", "printing", "done"]).toContain(guides.job(first.jobId).state);
    await until(() => guides.job(first.jobId).state === "done", "the guide to print");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rig.printer.receipts).toHaveLength(1);
    expect(rig.events("guide.printed")).toHaveLength(1);
    expect(refusal(() => guides.job("not-a-guide")).status).toBe(404);
  });

  it("refuses a paper width the printer does not have", async () => {
    const { guides } = await setUp();
    expect(refusal(() => guides.print({ category: "药店", paperWidthMm: 80 })).code).toBe(
      "LINLI_ERR_GUIDE_PAPER_MISMATCH",
    );
  });
});
