import { describe, expect, it } from "vitest";
import { LinliError } from "../errors.js";
import type { ReceiptBlock } from "./document.js";
import { gbkColumns } from "./gb18030.js";
import { layoutReceipt } from "./layout.js";
import { renderReceiptText } from "./preview.js";

const preview = (columns: number, ...blocks: ReceiptBlock[]): string[] =>
  renderReceiptText({ blocks }, columns).split("\n");

const ADDRESS = "幸福路88号邻里中心一楼东侧，靠近社区卫生服务站，营业时间 7:00-21:00 全年无休";

describe("word wrap by display columns", () => {
  it("fills a 32-column line with 16 CJK characters and wraps the rest", () => {
    const lines = preview(32, { kind: "text", text: "一二三四五六七八九十一二三四五六七八" });
    expect(lines).toEqual(["一二三四五六七八九十一二三四五六", "七八"]);
  });

  it.each([32, 48])("keeps mixed Chinese and ASCII within %i columns", (columns) => {
    const lines = preview(columns, { kind: "text", text: ADDRESS });
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(gbkColumns(line)).toBeLessThanOrEqual(columns);
    expect(lines.join("").replaceAll(" ", "")).toBe(ADDRESS.replaceAll(" ", ""));
  });

  it("breaks English between words, not inside them", () => {
    const lines = preview(16, { kind: "text", text: "Opening hours every day from seven" });
    expect(lines).toEqual(["Opening hours", "every day from", "seven"]);
  });

  it("splits a word longer than the line between characters", () => {
    const lines = preview(16, { kind: "text", text: "https://linli.example/guide/abcdef" });
    expect(lines).toEqual(["https://linli.ex", "ample/guide/abcd", "ef"]);
  });

  it("never starts a line with closing Chinese punctuation", () => {
    const lines = preview(12, { kind: "text", text: "早餐店早餐店，药店" });
    expect(lines).toEqual(["早餐店早餐", "店，药店"]);
  });

  it("keeps ￥ with the amount that follows it", () => {
    const lines = preview(12, { kind: "text", text: "修鞋补鞋跟￥15" });
    expect(lines).toEqual(["修鞋补鞋跟", "￥15"]);
  });

  it("halves the columns for double-width text", () => {
    const lines = preview(32, {
      kind: "text",
      text: "十五分钟便民生活圈服务指南",
      doubleWidth: true,
    });
    expect(lines).toEqual(["十五分钟便民生活", "圈服务指南"]);
  });

  it("starts a new line at each \\n and keeps empty lines", () => {
    expect(preview(32, { kind: "text", text: "甲\n\n乙" })).toEqual(["甲", "", "乙"]);
  });

  it("aligns centred and right-aligned lines by their width on paper", () => {
    expect(preview(32, { kind: "text", text: "邻里中心", align: "center" })).toEqual([
      `${" ".repeat(12)}邻里中心`,
    ]);
    expect(preview(32, { kind: "text", text: "邻里", align: "right" })).toEqual([
      `${" ".repeat(28)}邻里`,
    ]);
  });
});

describe("pairs", () => {
  it("puts the left text flush left and the right text flush right, dot-filled", () => {
    expect(preview(32, { kind: "pair", left: "便利店", right: "5分钟", fill: "." })).toEqual([
      `便利店 ${".".repeat(19)} 5分钟`,
    ]);
  });

  it("wraps a long left text and ends its last line with the right text", () => {
    const lines = preview(32, {
      kind: "pair",
      left: "幸福里社区食堂（老年助餐点）幸福路店",
      right: "￥12.00",
    });
    // "（" may not end a line nor "）" start one, so "点）" moves down together.
    expect(lines).toEqual(["幸福里社区食堂（老年助餐", `点）幸福路店${" ".repeat(13)}￥12.00`]);
    for (const line of lines) expect(gbkColumns(line)).toBeLessThanOrEqual(32);
  });

  it("gives a right text too wide to share a line a line of its own", () => {
    const right = "周一至周五 7:00-21:00";
    const lines = preview(24, { kind: "pair", left: "营业时间", right });
    expect(lines).toEqual(["营业时间", `${" ".repeat(24 - gbkColumns(right))}${right}`]);
  });
});

describe("columns", () => {
  it("lays cells out at their widths and wraps each within its cell", () => {
    const lines = preview(32, {
      kind: "columns",
      cells: [
        { text: "幸福里便利店（24小时）", width: 14 },
        { text: "350米", width: 7, align: "right" },
        { text: "5分钟", align: "right" },
      ],
    });
    expect(lines).toEqual([`幸福里便利店${" ".repeat(5)}350米${" ".repeat(5)}5分钟`, "（24小时）"]);
  });

  it("truncates instead when asked, never splitting a double-byte character", () => {
    const lines = preview(48, {
      kind: "columns",
      overflow: "truncate",
      cells: [{ text: "幸福里便利店", width: 7 }, { text: "x" }],
    });
    expect(lines).toEqual(["幸福里  x"]);
  });

  it("rejects cells that do not fit the paper", () => {
    expect(() =>
      layoutReceipt({ blocks: [{ kind: "columns", cells: [{ text: "a", width: 40 }] }] }, 32),
    ).toThrow(LinliError);
  });
});

describe("rules", () => {
  it.each([32, 48])("draws a full-width rule at %i columns", (columns) => {
    expect(preview(columns, { kind: "rule", char: "=" })).toEqual(["=".repeat(columns)]);
  });
});
