import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderReceiptText } from "@linli/protocols/escpos";
import { describe, expect, it } from "vitest";
import { demoGuideDocument } from "../../edge-agent/src/demo/guide.js";
import { EscPosPrinterSimulator } from "../../edge-agent/src/simulators/printer/index.js";
import { runLinli } from "../support/agent-process.js";

describe("linli render-guide", () => {
  it.each([
    [58, 32],
    [80, 48],
  ] as const)(
    "writes a %i mm guide that a printer prints back as the same Chinese text",
    async (width, columns) => {
      const out = join(mkdtempSync(join(tmpdir(), "linli-guide-")), "guide.bin");
      const result = await runLinli(["render-guide", "--width", String(width), "--out", out]);
      expect(result.code).toBe(0);
      const bytes = readFileSync(out);
      expect(result.stdout).toContain(`wrote ${bytes.length} bytes`);
      expect(bytes.length).toBeLessThanOrEqual(2048);

      const printer = new EscPosPrinterSimulator({ columns });
      printer.receive(new Uint8Array(bytes));
      expect(printer.receipts).toHaveLength(1);
      const printed = printer.receipts[0]?.text ?? "";
      expect(printed).toBe(renderReceiptText(demoGuideDocument({ columns }), columns));
      expect(printed).toContain("潍坊新村邻里中心");
      expect(printed).toContain("￥");
    },
  );

  it("refuses a paper width it cannot print, as a usage error", async () => {
    const result = await runLinli(["render-guide", "--width", "70", "--out", "/tmp/x.bin"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/58|80/);
  });
});
