/**
 * The circle's coverage (有没有, 缺什么补什么) as a receipt an operator can
 * take to a community meeting: the circle's class and why, the share of
 * basic categories within reach, and the gap list with the nearest outlet of
 * each missing category. Pure: the route gathers the coverage, the printer
 * driver makes the bytes.
 */
import type { CoverageResponse } from "@linli/protocols/api";
import type { ReceiptBlock, ReceiptDocument } from "@linli/protocols/escpos";

export interface CoverageDocumentOptions {
  readonly title: string;
  readonly kioskId: string;
  readonly printedAt: Date;
}

function beijingTime(at: Date): string {
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(at);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function gapLine(gap: CoverageResponse["gaps"][number]): string {
  const kind = gap.class === "basic" ? "基本保障" : "品质提升";
  const nearest = gap.nearest
    ? `最近 ${gap.nearest.name} 步行 ${gap.nearest.walkMinutes} 分钟`
    : "附近没有";
  return `${gap.zh}（${kind}，应在 ${gap.radiusMinutes} 分钟内）：${nearest}`;
}

export function coverageDocument(
  coverage: CoverageResponse,
  options: CoverageDocumentOptions,
): ReceiptDocument {
  const blocks: ReceiptBlock[] = [
    { kind: "text", text: options.title, align: "center", bold: true, doubleHeight: true },
    { kind: "text", text: "一刻钟便民生活圈 覆盖情况", align: "center", bold: true },
    {
      kind: "text",
      text: `${beijingTime(options.printedAt)} 终端 ${options.kioskId}`,
      align: "center",
    },
    { kind: "rule", char: "=" },
    { kind: "pair", left: "生活圈类型", right: coverage.circleClass ?? "未达标", bold: true },
    { kind: "text", text: coverage.explanation },
    {
      kind: "pair",
      left: "基本保障类",
      right: `${coverage.basic.covered}/${coverage.basic.total}（${percent(coverage.basic.share)}）`,
    },
    {
      kind: "pair",
      left: "品质提升类",
      right: `${coverage.quality.covered}/${coverage.quality.total}`,
    },
    { kind: "rule" },
  ];
  if (coverage.gaps.length === 0) {
    blocks.push({ kind: "text", text: "各类服务都在步行范围内，没有缺口。" });
  } else {
    blocks.push({ kind: "text", text: `缺口 ${coverage.gaps.length} 项（缺什么补什么）`, bold: true });
    coverage.gaps.forEach((gap, index) => {
      blocks.push({ kind: "text", text: `${index + 1}. ${gapLine(gap)}` });
    });
  }
  blocks.push({ kind: "cut" });
  return { blocks };
}
