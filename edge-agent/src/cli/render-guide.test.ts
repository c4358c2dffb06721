import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderReceiptText } from "@linli/protocols/escpos";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoGuideDocument } from "../demo/guide.js";
import { EscPosPrinterSimulator } from "../simulators/printer/index.js";
import { buildProgram } from "./main.js";
import { renderGuideCommand } from "./render-guide.js";

let dir: string;
const printed: string[] = [];
const print = (line: string): void => {
  printed.push(line);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "linli-render-guide-"));
  printed.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function printedBy(columns: 32 | 48, bytes: Uint8Array): string | undefined {
  const printer = new EscPosPrinterSimulator({ columns });
  printer.receive(bytes);
  return printer.receipts[0]?.text;
}

describe("linli render-guide", () => {
  it("writes a 58 mm guide that a printer prints as the demo guide", async () => {
    const out = join(dir, "guide.bin");
    await renderGuideCommand({ width: "58", out }, print);
    const bytes = new Uint8Array(readFileSync(out));
    expect(printedBy(32, bytes)).toBe(renderReceiptText(demoGuideDocument({ columns: 32 }), 32));
    expect(printed).toEqual([
      `wrote ${bytes.length} bytes of ESC/POS to ${out} (58 mm paper, 32 columns)`,
    ]);
  });

  it("writes an 80 mm guide in 48 columns, creating the folders of --out", async () => {
    const out = join(dir, "nested", "deeper", "guide-80.bin");
    const result = await renderGuideCommand({ width: 80, out }, print);
    const bytes = new Uint8Array(readFileSync(out));
    expect(result).toEqual({ path: out, bytes: bytes.length, widthMm: 80, columns: 48 });
    expect(bytes.length).toBeLessThanOrEqual(2048);
    expect(printedBy(48, bytes)).toBe(renderReceiptText(demoGuideDocument({ columns: 48 }), 48));
  });

  it("rejects a paper width other than 58 or 80, saying which ones it takes", async () => {
    const out = join(dir, "guide.bin");
    const attempt = renderGuideCommand({ width: "70", out }, print);
    await expect(attempt).rejects.toMatchObject({
      code: "LINLI_ERR_CLI_BAD_WIDTH",
      message: expect.stringMatching(/58 or 80.*"70"/),
    });
    expect(() => readFileSync(out)).toThrow();
    expect(printed).toEqual([]);
  });

  it("says clearly when --out cannot be written", async () => {
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "");
    await expect(
      renderGuideCommand({ width: "58", out: join(blocker, "guide.bin") }, print),
    ).rejects.toMatchObject({
      code: "LINLI_ERR_CLI_OUT_NOT_WRITABLE",
      message: expect.stringContaining("pick another --out"),
    });
  });

  it("is what the linli program runs for render-guide", async () => {
    const program = buildProgram();
    await expect(
      program.parseAsync(["render-guide", "--width", "70", "--out", join(dir, "g.bin")], {
        from: "user",
      }),
    ).rejects.toMatchObject({ code: "LINLI_ERR_CLI_BAD_WIDTH" });
  });
});
