import { encodeReceipt, renderReceiptText } from "@linli/protocols/escpos";
import { describe, expect, it } from "vitest";
import { EscPosPrinterSimulator } from "../simulators/printer/index.js";
import {
  DEMO_NAVIGATION_URL,
  DEMO_OUTLETS,
  DEMO_REPAIR_PRICES,
  demoGuideDocument,
} from "./guide.js";

const LAYOUTS = [
  { columns: 32, largePrint: false },
  { columns: 48, largePrint: false },
  { columns: 32, largePrint: true },
  { columns: 48, largePrint: true },
] as const;

function printOnSimulator(bytes: Uint8Array, columns: 32 | 48): EscPosPrinterSimulator {
  const printer = new EscPosPrinterSimulator({ columns });
  printer.receive(bytes);
  return printer;
}

describe.each(LAYOUTS)(
  "the demo service guide at $columns columns (large print: $largePrint)",
  (layout) => {
    const doc = demoGuideDocument(layout);

    it("fits in 2 KB of ESC/POS text mode", () => {
      expect(encodeReceipt(doc, { columns: layout.columns }).length).toBeLessThanOrEqual(2048);
    });

    it("comes out of a printer exactly as its preview shows it", () => {
      const printer = printOnSimulator(encodeReceipt(doc, layout), layout.columns);
      expect(printer.receipts).toHaveLength(1);
      expect(printer.receipts[0]?.text).toBe(renderReceiptText(doc, layout.columns));
      expect(printer.receipts[0]?.qrCodes.map((qr) => qr.data)).toEqual([DEMO_NAVIGATION_URL]);
    });

    it("lists every outlet with its walking minutes, and prints the yuan sign", () => {
      const text = renderReceiptText(doc, layout.columns);
      expect(text).toContain("潍坊新村邻里中心");
      for (const outlet of DEMO_OUTLETS) {
        expect(text).toContain(outlet.name);
        expect(text).toContain(`步行 ${outlet.walkingMinutes} 分钟`);
      }
      expect(DEMO_REPAIR_PRICES[0]?.[1]).toBe("¥15");
      expect(text).toContain("￥15");
      expect(text).not.toContain("¥");
    });
  },
);

describe("the demo service guide", () => {
  it("has ten outlets", () => {
    expect(DEMO_OUTLETS).toHaveLength(10);
  });

  it("is the same every time unless a print time is asked for", () => {
    const plain = renderReceiptText(demoGuideDocument({ columns: 32 }), 32);
    expect(renderReceiptText(demoGuideDocument({ columns: 32 }), 32)).toBe(plain);
    expect(plain).not.toContain("打印时间");
  });

  it("prints the time in Beijing time when given one", () => {
    const doc = demoGuideDocument({
      columns: 48,
      printedAt: new Date("2026-05-01T01:30:00Z"),
    });
    expect(renderReceiptText(doc, 48)).toContain("打印时间 2026-05-01 09:30");
  });

  it("prints body text double-height in large print, without wrapping more", () => {
    const normal = printOnSimulator(
      encodeReceipt(demoGuideDocument({ columns: 32 }), { columns: 32 }),
      32,
    );
    const large = printOnSimulator(
      encodeReceipt(demoGuideDocument({ columns: 32, largePrint: true }), { columns: 32 }),
      32,
    );
    const outletLine = (printer: EscPosPrinterSimulator) =>
      printer.receipts[0]?.lines.find((line) => line.text.includes("潍坊便利店"));
    expect(outletLine(normal)?.doubleHeight).toBe(false);
    expect(outletLine(large)?.doubleHeight).toBe(true);
    for (const line of large.receipts[0]?.lines ?? []) expect(line.columns).toBeLessThanOrEqual(32);
  });
});
