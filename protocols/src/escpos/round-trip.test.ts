import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReceiptBlock, ReceiptDocument } from "./document.js";
import { encodeReceipt } from "./encoder.js";
import { layoutReceipt } from "./layout.js";
import { EscPosParser } from "./parser.js";
import { renderReceiptText } from "./preview.js";
import { PrintedReceipt } from "./printed.js";

const PROPERTY = { seed: 20261122, numRuns: 500 };

/** What a printer makes of the bytes, chunked as a serial port might deliver them. */
function print(bytes: Uint8Array, chunkSize = 64): PrintedReceipt {
  const parser = new EscPosParser();
  const receipt = new PrintedReceipt();
  for (let start = 0; start < bytes.length; start += chunkSize) {
    receipt.push(parser.push(bytes.subarray(start, start + chunkSize)));
  }
  return receipt.push(parser.end());
}

const OUTLETS = [
  ["幸福里便利店", "便利店", "幸福路88号邻里中心一楼", 3, "021-5555 0101", "24小时"],
  ["老王早餐铺", "早餐店", "幸福路92号", 4, "138****2201", "06:00-10:30"],
  ["幸福菜市场", "菜市场", "和平街15号", 6, "021-5555 0103", "06:30-19:00"],
  ["邻里修补站", "维修点", "幸福路88号邻里中心二楼", 3, "139****8812", "09:00-18:00"],
  ["康宁大药房", "药店", "和平街21号", 7, "021-5555 0105", "08:00-22:00"],
  ["幸福里快递驿站", "邮政快递", "幸福路100号东门", 5, "021-5555 0106", "08:30-20:30"],
  ["乐龄日间照料中心", "养老服务", "光明路6号", 9, "021-5555 0107", "08:00-17:30"],
  ["社区长者食堂", "社区食堂", "光明路8号一楼", 10, "021-5555 0108", "11:00-13:00"],
  ["小星星托育园", "托育", "和平街30号", 12, "137****5530", "07:30-18:00"],
  ["洁净洗衣店", "洗染店", "幸福路76号", 4, "021-5555 0110", "08:00-21:00"],
] as const;

const GUIDE_URL = "https://linli.example/g/7f3a9c2e?site=xingfuli";

function guide(): ReceiptDocument {
  const blocks: ReceiptBlock[] = [
    {
      kind: "text",
      text: "幸福里邻里中心",
      align: "center",
      bold: true,
      doubleWidth: true,
      doubleHeight: true,
    },
    { kind: "text", text: "15分钟便民生活圈 服务指南", align: "center" },
    { kind: "text", text: "2026-11-22 09:30 打印", align: "center" },
    { kind: "rule", char: "=" },
  ];
  OUTLETS.forEach(([name, category, address, minutes, phone, hours], index) => {
    blocks.push(
      { kind: "pair", left: `${index + 1}.${name}`, right: `步行${minutes}分钟`, bold: true },
      { kind: "text", text: `${category} | ${address}` },
      { kind: "pair", left: `电话 ${phone}`, right: hours },
    );
  });
  blocks.push(
    { kind: "rule" },
    {
      kind: "columns",
      cells: [
        { text: "小修小补 修鞋换跟", width: 12 },
        { text: "明码标价", align: "center" },
        { text: "¥15.00", width: 7, align: "right" },
      ],
    },
    { kind: "text", text: "扫码把指南发到家人手机", align: "center" },
    { kind: "qr", data: GUIDE_URL, moduleSize: 6, errorLevel: "M" },
    { kind: "feed", lines: 2 },
    { kind: "cut" },
  );
  return { blocks };
}

describe("a printed 10-outlet guide", () => {
  it.each([32, 48])("fits in 2 KB of ESC/POS at %i columns", (columns) => {
    expect(encodeReceipt(guide(), { columns }).length).toBeLessThanOrEqual(2048);
  });

  it.each([32, 48])(
    "comes out of the printer as the preview shows it, at %i columns",
    (columns) => {
      const receipt = print(encodeReceipt(guide(), { columns }));
      expect(receipt.text(columns)).toBe(renderReceiptText(guide(), columns));
      const sent = layoutReceipt(guide(), columns).flatMap((item) =>
        item.kind === "line" ? [item.spans.map((span) => span.text).join("")] : [],
      );
      const printedLines = receipt.lines.map((line) => line.text);
      expect(printedLines.slice(0, sent.length)).toEqual(sent);
      expect(printedLines).toContain("幸福里邻里中心");
      expect(printedLines.some((line) => line.includes("￥15.00"))).toBe(true);
      expect(receipt.qrCodes.map((qr) => qr.data)).toEqual([GUIDE_URL]);
      expect(receipt.cuts).toEqual([{ kind: "cut", mode: "partial" }]);
      for (const line of receipt.lines) expect(line.columns).toBeLessThanOrEqual(columns);
    },
  );
});

const char = fc.constantFrom(
  ..."中文便利店早餐修鞋药店快递驿站，。、（）“”—：abcXYZ0129 .-/:%",
  "¥",
  "😀",
  "\u00a0",
  "\n",
  "\t",
);
const text = fc.oneof(
  fc.array(char, { maxLength: 60 }).map((chars) => chars.join("")),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
const flag = fc.option(fc.boolean(), { nil: undefined });
const align = fc.option(fc.constantFrom("left" as const, "center" as const, "right" as const), {
  nil: undefined,
});

const block: fc.Arbitrary<ReceiptBlock> = fc.oneof(
  fc.record({
    kind: fc.constant("text" as const),
    text: fc.oneof(
      text,
      fc.array(fc.record({ text, bold: flag, doubleWidth: flag, doubleHeight: flag }), {
        maxLength: 3,
      }),
    ),
    align,
    bold: flag,
    doubleWidth: flag,
    doubleHeight: flag,
  }),
  fc.record({
    kind: fc.constant("pair" as const),
    left: text,
    right: text,
    fill: fc.constantFrom(" ", ".", "-"),
    bold: flag,
  }),
  fc.record({
    kind: fc.constant("columns" as const),
    cells: fc.array(
      fc.record({
        text,
        width: fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
        align,
        bold: flag,
      }),
      { minLength: 1, maxLength: 3 },
    ),
    overflow: fc.constantFrom("wrap" as const, "truncate" as const),
  }),
  fc.record({
    kind: fc.constant("rule" as const),
    char: fc.constantFrom("-" as const, "=" as const),
  }),
  fc.record({
    kind: fc.constant("qr" as const),
    data: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
    moduleSize: fc.integer({ min: 1, max: 16 }),
    errorLevel: fc.constantFrom("L" as const, "M" as const, "Q" as const, "H" as const),
    align,
  }),
  fc.record({ kind: fc.constant("feed" as const), lines: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    kind: fc.constant("cut" as const),
    mode: fc.constantFrom("partial" as const, "full" as const),
  }),
);

describe("any document", () => {
  it("prints within the paper width and exactly as previewed", () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 8 }),
        fc.constantFrom(32, 48),
        fc.integer({ min: 1, max: 40 }),
        (blocks, columns, chunkSize) => {
          const document = { blocks };
          const receipt = print(encodeReceipt(document, { columns }), chunkSize);
          for (const line of receipt.lines) expect(line.columns).toBeLessThanOrEqual(columns);
          expect(receipt.text(columns)).toBe(renderReceiptText(document, columns));
          const qrData = blocks.flatMap((b) => (b.kind === "qr" ? [b.data] : []));
          const utf8 = (data: string): string =>
            new TextDecoder().decode(new TextEncoder().encode(data));
          expect(receipt.qrCodes.map((qr) => qr.data)).toEqual(qrData.map(utf8));
          expect(receipt.cuts.length).toBe(blocks.filter((b) => b.kind === "cut").length);
        },
      ),
      PROPERTY,
    );
  });
});
