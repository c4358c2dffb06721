import { encodeReceipt, renderReceiptText } from "@linli/protocols/escpos";
import { describe, expect, it } from "vitest";
import type { Job } from "../../devices/jobs/job-store.js";
import { EscPosPrinterSimulator } from "../../simulators/printer/index.js";
import { type GuideOutlet, guideDocument, hoursInWords, openNowInWords } from "./guide-document.js";
import { residentJobView } from "./job-status.js";
import { navigationData, PLAIN_TEXT_TEMPLATE } from "./navigation.js";

const NOW = new Date("2026-05-01T12:00:00+08:00");

const TEN: GuideOutlet[] = Array.from({ length: 10 }, (_, index) => ({
  id: `o-${index}`,
  name: ["益民大药房", "老百姓大药房", "华氏大药房", "第一医药", "雷允上药城"][index % 5] ?? "",
  walkMinutes: index + 2,
  address: `东方路 ${700 + index * 10} 号`,
  phone: `021-5820 01${index}0`,
  hours: "每天 08:00-22:00",
  openNow: index % 2 === 0 ? "营业中" : "已打烊 明天 08:00 开门",
}));

const AMAP = "https://uri.amap.com/marker?position={gcjLng},{gcjLat}&name={name}";
const qr = {
  data: navigationData(AMAP, { ...place(), name: "益民大药房" }),
  label: "扫码去 1. 益民大药房",
};

function place() {
  return {
    id: "o-1",
    name: "益民大药房",
    address: "东方路 700 号",
    phone: null,
    lng: 121.5237,
    lat: 31.2305,
  };
}

describe("the guide document", () => {
  it.each([
    [32, false],
    [32, true],
    [48, false],
    [48, true],
  ] as const)(
    "fits ten outlets and a QR in 2 KB at %i columns (large print: %s)",
    (columns, large) => {
      const document = guideDocument({
        title: "潍坊新村邻里中心",
        kioskId: "kiosk-01",
        heading: "药店 步行 10 分钟内",
        outlets: TEN,
        largePrint: large,
        elderlySpeed: large,
        qr,
        printedAt: NOW,
      });
      const bytes = encodeReceipt(document, { columns });
      expect(bytes.length).toBeLessThanOrEqual(2048);
      const printer = new EscPosPrinterSimulator({ columns });
      printer.receive(bytes);
      expect(printer.receipts[0]?.text).toBe(renderReceiptText(document, columns));
      const text = renderReceiptText(document, columns);
      for (const outlet of TEN) expect(text).toContain(`步行 ${outlet.walkMinutes} 分钟`);
      expect(text).toContain("2026-05-01 12:00");
      expect(printer.receipts[0]?.qrCodes.map((code) => code.data)).toEqual([qr.data]);
      const outletLine = printer.receipts[0]?.lines.find((line) =>
        line.text.includes("益民大药房"),
      );
      expect(outletLine?.doubleHeight).toBe(large);
    },
  );

  it("says hours in plain Chinese", () => {
    expect(hoursInWords("Mo-Su 06:00-20:00")).toBe("每天 06:00-20:00");
    expect(hoursInWords("24/7")).toBe("全天营业");
    expect(hoursInWords("Mo-Fr 08:00-17:00; Sa 09:00-12:00; Su off")).toBe(
      "周一至周五 08:00-17:00；周六 09:00-12:00；周日 休息",
    );
    expect(hoursInWords(null)).toBe("");
  });

  it("says whether an outlet is open now or when it opens", () => {
    expect(openNowInWords({ openState: "open", opensAt: null }, NOW)).toBe("营业中");
    const later = { openState: "closed" as const, opensAt: "2026-05-01T17:00:00+08:00" };
    expect(openNowInWords(later, NOW)).toBe("已打烊 17:00 开门");
    const tomorrow = { openState: "closed" as const, opensAt: "2026-05-02T08:00:00+08:00" };
    expect(openNowInWords(tomorrow, NOW)).toBe("已打烊 明天 08:00 开门");
    const monday = { openState: "closed" as const, opensAt: "2026-05-04T08:00:00+08:00" };
    expect(openNowInWords(monday, NOW)).toBe("已打烊 5月4日 08:00 开门");
    expect(openNowInWords({ openState: "unknown", opensAt: null }, NOW)).toBe("");
  });
});

describe("the guide's QR code", () => {
  it("fills a map link with GCJ-02 coordinates and URL-encoded names", () => {
    const data = navigationData(AMAP, place());
    expect(data).toMatch(
      /^https:\/\/uri\.amap\.com\/marker\?position=121\.52\d{4},31\.22\d{4}&name=/,
    );
    expect(data).toContain(`name=${encodeURIComponent("益民大药房")}`);
    expect(data).not.toContain("121.523700,31.230500");
    expect(navigationData("geo:{lat},{lng}", place())).toBe("geo:31.230500,121.523700");
  });

  it("is plain text without a template, leaving out what is not known", () => {
    expect(navigationData(PLAIN_TEXT_TEMPLATE, place())).toBe(
      "益民大药房\n东方路 700 号\n位置(WGS-84) 31.230500,121.523700",
    );
  });

  it("refuses a template with an unknown placeholder", () => {
    expect(() => navigationData("https://x.example/?p={longitude}", place())).toThrow(
      /unknown placeholder \{longitude\}/,
    );
  });
});

describe("a guide's print job as the resident is told it", () => {
  const job = (state: Job["state"], error: string | null = null): Job => ({
    id: "guide-1",
    deviceId: "printer-1",
    kind: "print",
    state,
    payload: {},
    result: null,
    error,
    attempts: 0,
    createdAt: "2026-05-01T04:00:00.000Z",
    updatedAt: "2026-05-01T04:00:01.000Z",
  });

  it("says paper out in plain words", () => {
    expect(residentJobView(job("held", "waiting for paper: load a new roll"))).toMatchObject({
      state: "held",
      reason: "paper_out",
      message: "打印机缺纸，请联系工作人员",
    });
    expect(
      residentJobView(job("held", "waiting for the printer cover to be closed")),
    ).toMatchObject({ reason: "cover_open" });
    expect(residentJobView(job("held", "waiting for the printer to answer"))).toMatchObject({
      reason: "printer_unavailable",
    });
  });

  it("calls a running job printing", () => {
    expect(residentJobView(job("running"))).toMatchObject({ state: "printing", reason: null });
    expect(residentJobView(job("done")).message).toBe("打印好了，请取走您的服务指南");
  });
});
