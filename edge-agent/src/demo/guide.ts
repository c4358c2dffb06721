/**
 * The printed service guide of the demo circle: what `linli render-guide`
 * writes and what the kiosk prints for a resident. Data only — a receipt
 * document; `encodeReceipt` makes the bytes.
 */
import type { ReceiptBlock, ReceiptDocument } from "@linli/protocols/escpos";

export interface DemoOutlet {
  readonly name: string;
  readonly category: string;
  readonly walkingMinutes: number;
  readonly address: string;
  readonly hours: string;
  readonly phone: string;
}

/**
 * DEMO DATA, not a source of truth: a fixed list of outlets around the demo
 * kiosk until the outlet store lands; then the guide takes the nearest
 * outlets per category from the store instead.
 */
export const DEMO_OUTLETS: readonly DemoOutlet[] = [
  {
    name: "潍坊便利店",
    category: "便利店",
    walkingMinutes: 2,
    address: "潍坊路 120 号",
    hours: "24 小时",
    phone: "021-5820 0101",
  },
  {
    name: "老潍坊早餐店",
    category: "早餐店",
    walkingMinutes: 4,
    address: "崂山路 56 号",
    hours: "06:00-10:30",
    phone: "021-5820 0102",
  },
  {
    name: "潍坊菜市场",
    category: "菜市场",
    walkingMinutes: 6,
    address: "潍坊西路 88 号",
    hours: "06:00-18:30",
    phone: "021-5820 0103",
  },
  {
    name: "邻里修补站",
    category: "维修点",
    walkingMinutes: 1,
    address: "本中心一楼东侧",
    hours: "09:00-17:30",
    phone: "021-5820 0104",
  },
  {
    name: "益民大药房",
    category: "药店",
    walkingMinutes: 5,
    address: "东方路 710 号",
    hours: "08:00-22:00",
    phone: "021-5820 0105",
  },
  {
    name: "潍坊快递驿站",
    category: "快递",
    walkingMinutes: 3,
    address: "潍坊路 98 号",
    hours: "08:30-20:30",
    phone: "021-5820 0106",
  },
  {
    name: "洁丽洗衣店",
    category: "洗染店",
    walkingMinutes: 5,
    address: "福山路 33 号",
    hours: "08:00-20:00",
    phone: "021-5820 0107",
  },
  {
    name: "潍坊长者食堂",
    category: "社区食堂",
    walkingMinutes: 2,
    address: "本中心二楼",
    hours: "11:00-13:00",
    phone: "021-5820 0108",
  },
  {
    name: "乐龄日间照料中心",
    category: "养老服务",
    walkingMinutes: 8,
    address: "南泉北路 201 号",
    hours: "08:00-17:30",
    phone: "021-5820 0109",
  },
  {
    name: "小橡树托育园",
    category: "托育",
    walkingMinutes: 12,
    address: "源深路 15 号",
    hours: "07:30-18:00",
    phone: "021-5820 0110",
  },
];

/** 小修小补 明码标价: the repair point's posted prices, in yuan (`¥` prints as `￥`). */
export const DEMO_REPAIR_PRICES: readonly (readonly [service: string, price: string])[] = [
  ["修鞋换跟", "¥15"],
  ["配钥匙", "¥5"],
  ["换拉链", "¥20"],
  ["改裤边", "¥12"],
];

export const DEMO_CIRCLE_NAME = "潍坊新村邻里中心";
export const DEMO_KIOSK_ID = "kiosk-01";
export const DEMO_NAVIGATION_URL = `https://linli.example/circle/weifang-xincun?from=${DEMO_KIOSK_ID}`;

export interface DemoGuideOptions {
  /** 32 for 58 mm paper, 48 for 80 mm. */
  readonly columns: 32 | 48;
  /** Double-height body text for elderly residents (no width lost, so nothing wraps more). */
  readonly largePrint?: boolean;
  /** Prints a "打印时间" line; left out when not given, so the output is the same every time. */
  readonly printedAt?: Date;
}

/** China has one time zone and no daylight saving: UTC+8 everywhere. */
function beijingTime(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  const two = (value: number): string => String(value).padStart(2, "0");
  return `${shifted.getUTCFullYear()}-${two(shifted.getUTCMonth() + 1)}-${two(shifted.getUTCDate())} ${two(shifted.getUTCHours())}:${two(shifted.getUTCMinutes())}`;
}

function outletBlocks(outlet: DemoOutlet, index: number, largePrint: boolean): ReceiptBlock[] {
  const walk = `步行 ${outlet.walkingMinutes} 分钟`;
  if (largePrint) {
    return [
      { kind: "text", text: `${index + 1}. ${outlet.name}`, bold: true, doubleHeight: true },
      { kind: "text", text: `${walk} | ${outlet.category}`, doubleHeight: true },
      { kind: "text", text: `${outlet.address}\n${outlet.hours} ${outlet.phone}` },
    ];
  }
  return [
    { kind: "pair", left: `${index + 1}. ${outlet.name}`, right: walk, bold: true },
    { kind: "text", text: `${outlet.category} | ${outlet.address}` },
    { kind: "pair", left: outlet.hours, right: outlet.phone },
  ];
}

function priceBlocks(columns: 32 | 48): ReceiptBlock[] {
  const perRow = columns === 48 ? 2 : 1;
  const rows: ReceiptBlock[] = [];
  for (let start = 0; start < DEMO_REPAIR_PRICES.length; start += perRow) {
    rows.push({
      kind: "columns",
      gap: 2,
      cells: DEMO_REPAIR_PRICES.slice(start, start + perRow).flatMap(([service, price]) => [
        { text: service },
        { text: price, width: 4, align: "right" as const },
      ]),
    });
  }
  return rows;
}

/** The large-type-capable service guide of the demo circle, with ten outlets and a QR code. */
export function demoGuideDocument(options: DemoGuideOptions): ReceiptDocument {
  const largePrint = options.largePrint ?? false;
  const blocks: ReceiptBlock[] = [
    {
      kind: "text",
      text: DEMO_CIRCLE_NAME,
      align: "center",
      bold: true,
      doubleWidth: true,
      doubleHeight: true,
    },
    { kind: "text", text: "一刻钟便民生活圈 服务指南", align: "center", bold: true },
    { kind: "text", text: `自助服务终端 ${DEMO_KIOSK_ID}`, align: "center" },
  ];
  if (options.printedAt !== undefined) {
    blocks.push({
      kind: "text",
      text: `打印时间 ${beijingTime(options.printedAt)}`,
      align: "center",
    });
  }
  blocks.push(
    { kind: "rule", char: "=" },
    { kind: "text", text: "步行时间从本中心出发计算", align: "center" },
  );
  DEMO_OUTLETS.forEach((outlet, index) => {
    blocks.push(...outletBlocks(outlet, index, largePrint));
  });
  blocks.push(
    { kind: "rule" },
    { kind: "text", text: "小修小补 明码标价 (邻里修补站)", bold: true, doubleHeight: largePrint },
    ...priceBlocks(options.columns),
    { kind: "rule" },
    { kind: "text", text: "扫码导航，也可发给家人", align: "center", doubleHeight: largePrint },
    { kind: "qr", data: DEMO_NAVIGATION_URL, moduleSize: 6, errorLevel: "M" },
    { kind: "text", text: "服务热线 021-5820 0100", align: "center" },
    { kind: "text", text: "邻里守望 温暖相伴", align: "center" },
    { kind: "cut" },
  );
  return { blocks };
}
