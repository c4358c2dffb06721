/**
 * The printed service guide as a receipt document: the circle's name, what
 * the guide lists, each outlet with its walking minutes, address, hours (and
 * whether it is open now), phone, and one QR code leading to the first
 * outlet. Pure: the service gathers the outlets, `encodeReceipt` makes the
 * bytes. Sized for ≤ 2 KB of ESC/POS with ten outlets on 58 mm paper.
 */
import type { OutletDetail } from "@linli/protocols/api";
import type { ReceiptBlock, ReceiptDocument } from "@linli/protocols/escpos";

export interface GuideOutlet {
  readonly id: string;
  readonly name: string;
  readonly walkMinutes: number;
  readonly address: string | null;
  readonly phone: string | null;
  /** Regular hours in words, e.g. "每天 08:00-22:00"; empty when unknown. */
  readonly hours: string;
  /** Open now or when it opens, e.g. "营业中", "已打烊 明天 08:00 开门"; empty when unknown. */
  readonly openNow: string;
}

export interface GuideDocumentOptions {
  /** The circle's or centre's name, e.g. 潍坊新村邻里中心. */
  readonly title: string;
  readonly kioskId: string;
  /** What the guide lists, e.g. "药店 步行 10 分钟内" or "为您挑选的服务网点". */
  readonly heading: string;
  readonly outlets: readonly GuideOutlet[];
  /** Double-height text for elderly readers (no width lost, so nothing wraps more). */
  readonly largePrint: boolean;
  /** Walking minutes are at the elderly speed. */
  readonly elderlySpeed: boolean;
  /** What the QR code carries (see navigation.ts); no QR when undefined. */
  readonly qr?: { readonly data: string; readonly label: string };
  readonly printedAt?: Date;
}

const DAY_NAMES: Readonly<Record<string, string>> = {
  Mo: "周一",
  Tu: "周二",
  We: "周三",
  Th: "周四",
  Fr: "周五",
  Sa: "周六",
  Su: "周日",
  PH: "节假日",
};

/**
 * OSM opening_hours in plain Chinese for the common forms ("Mo-Su 06:00-20:00"
 * → "每天 06:00-20:00", "24/7" → "全天营业", "Tu-Su …; Mo off" → "周二至周日 …；周一 休息").
 */
export function hoursInWords(hours: string | null): string {
  if (hours === null || hours.trim() === "") return "";
  return hours
    .trim()
    .replace(/\b24\/7\b/g, "全天营业")
    .replace(/\bMo-Su\b/g, "每天")
    .replace(
      /\b(Mo|Tu|We|Th|Fr|Sa|Su)-(Mo|Tu|We|Th|Fr|Sa|Su)\b/g,
      (_all, from: string, to: string) => {
        return `${DAY_NAMES[from]}至${DAY_NAMES[to]}`;
      },
    )
    .replace(/\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b/g, (day: string) => DAY_NAMES[day] ?? day)
    .replace(/\b(off|closed)\b/g, "休息")
    .replace(/\s*;\s*/g, "；")
    .replace(/,/g, "、");
}

/** Beijing wall clock: China has one time zone and no daylight saving (UTC+8). */
function beijing(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** "营业中", "已打烊 08:00 开门", "已打烊 明天 08:00 开门"; empty when unknown. */
export function openNowInWords(
  outlet: Pick<OutletDetail, "openState" | "opensAt">,
  now: Date,
): string {
  if (outlet.openState === "open") return "营业中";
  if (outlet.openState !== "closed") return "";
  if (outlet.opensAt === null) return "已打烊";
  // opensAt carries the kiosk zone's offset (+08:00): its text is the wall clock.
  const date = outlet.opensAt.slice(0, 10);
  const time = outlet.opensAt.slice(11, 16);
  const today = beijing(now).date;
  const tomorrow = beijing(new Date(now.getTime() + 86_400_000)).date;
  const day =
    date === today
      ? ""
      : date === tomorrow
        ? "明天 "
        : `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 `;
  return `已打烊 ${day}${time} 开门`;
}

function outletBlocks(outlet: GuideOutlet, index: number, large: boolean): ReceiptBlock[] {
  const walk = `步行 ${outlet.walkMinutes} 分钟`;
  // "全天营业 营业中" says the same thing twice.
  const now = outlet.hours === "全天营业" ? "" : outlet.openNow;
  const when = [outlet.hours, now].filter((part) => part !== "").join(" ");
  const phone = outlet.phone ? `电话 ${outlet.phone}` : "";
  if (large) {
    const lines = [walk, outlet.address ?? "", when, phone].filter((line) => line !== "");
    return [
      { kind: "text", text: `${index + 1}. ${outlet.name}`, bold: true, doubleHeight: true },
      { kind: "text", text: lines.join("\n"), doubleHeight: true },
    ];
  }
  const blocks: ReceiptBlock[] = [
    { kind: "pair", left: `${index + 1}. ${outlet.name}`, right: walk, bold: true },
  ];
  if (outlet.address && outlet.phone) {
    blocks.push({ kind: "pair", left: outlet.address, right: outlet.phone });
  } else if (outlet.address || phone) {
    blocks.push({ kind: "text", text: outlet.address || phone });
  }
  if (when !== "") blocks.push({ kind: "text", text: when });
  return blocks;
}

export function guideDocument(options: GuideDocumentOptions): ReceiptDocument {
  const large = options.largePrint;
  const blocks: ReceiptBlock[] = [
    {
      kind: "text",
      text: options.title,
      align: "center",
      bold: true,
      doubleWidth: true,
      doubleHeight: true,
    },
    { kind: "text", text: "一刻钟便民生活圈 服务指南", align: "center", bold: true },
    { kind: "text", text: options.heading, align: "center", doubleHeight: large },
  ];
  if (options.printedAt !== undefined) {
    const { date, time } = beijing(options.printedAt);
    blocks.push({ kind: "text", text: `${date} ${time} 终端 ${options.kioskId}`, align: "center" });
  }
  blocks.push(
    { kind: "rule", char: "=" },
    {
      kind: "text",
      text: options.elderlySpeed ? "按老年人步速计算步行时间" : "步行时间从本中心出发计算",
      align: "center",
    },
  );
  options.outlets.forEach((outlet, index) => {
    blocks.push(...outletBlocks(outlet, index, large));
  });
  if (options.qr) {
    blocks.push(
      { kind: "rule" },
      { kind: "text", text: options.qr.label, align: "center", doubleHeight: large },
      { kind: "qr", data: options.qr.data, moduleSize: 6, errorLevel: "M" },
    );
  }
  blocks.push({ kind: "text", text: "邻里守望 温暖相伴", align: "center" }, { kind: "cut" });
  return { blocks };
}
