import { type Lang, type MessageParams, translatorFor } from "../i18n/translate.js";
import type { FaultKind } from "./data/faults.js";
import type { Presence, SortKey } from "./data/fleet-store.js";

/**
 * Every word of the fleet view, Chinese first; `en` must have the same keys.
 * Kept apart from the resident and operator dictionaries: neither page
 * downloads it.
 */
const zhCN = {
  appTitle: "邻里终端总览",
  switchLanguage: "English",
  listSeparator: "、",
  findingBroker: "正在查找服务器…",
  notConnected: "未连接",
  connecting: "正在连接 {url}…",
  live: "实时 · {url}",
  reconnecting: "连接中断（{reason}），正在重连…",
  failed: "无法连接 {url}：{reason}",
  changeConnection: "更改连接",
  connectTitle: "连接到终端服务器",
  connectHint:
    "请输入 MQTT over WebSocket 地址（ws:// 或 wss://）和只读账号。仅保存在本次浏览器会话中。",
  urlLabel: "服务器地址",
  usernameLabel: "用户名（可选）",
  passwordLabel: "密码（可选）",
  connect: "连接",
  cancel: "取消",
  badUrl: "请输入以 ws:// 或 wss:// 开头的地址",
  summary: "共 {kiosks} 台终端 · 在线 {online} · 离线 {offline} · 有故障 {faulty}",
  shown: "显示 {shown} 台",
  malformed: "已忽略 {n} 条格式错误的消息",
  filtersLabel: "筛选",
  searchLabel: "搜索站点或终端",
  searchPlaceholder: "站点、终端编号或名称",
  siteLabel: "站点",
  allSites: "全部站点",
  statusFilterLabel: "在线状态",
  filterAll: "全部",
  filterOnline: "在线",
  filterOffline: "离线",
  faultyOnly: "只看有故障",
  tableCaption: "终端列表，共 {n} 台，点按某一行查看详情",
  colKiosk: "终端",
  colStatus: "状态",
  colLastSeen: "最近联系",
  colTelemetry: "遥测",
  colFaults: "故障",
  colOutboxDepth: "待发事件",
  colOutboxAge: "最早待发",
  sortBy: "按{column}排序",
  noKiosks: "还没有终端上报。终端连上服务器后会出现在这里。",
  noMatch: "没有符合筛选条件的终端",
  presenceOnline: "在线",
  presenceOffline: "离线",
  presenceUnknown: "未知",
  reasonLost: "连接丢失",
  reasonShutdown: "正常关机",
  reasonMoved: "已切换服务器",
  none: "—",
  noFaults: "无",
  faultsMore: "{worst} 等 {n} 项",
  justNow: "刚刚",
  secondsAgo: "{n} 秒前",
  minutesAgo: "{n} 分钟前",
  hoursAgo: "{n} 小时前",
  daysAgo: "{n} 天前",
  seconds: "{n} 秒",
  minutes: "{n} 分钟",
  hours: "{n} 小时",
  days: "{n} 天",
  events: "{n} 条",
  detailTitle: "终端 {kiosk}",
  close: "关闭",
  detailStatus: "状态",
  detailSince: "状态时间",
  detailStarted: "启动于",
  detailVersions: "版本",
  detailRuns: "运行",
  detailHealth: "主机",
  detailUptime: "运行时长",
  detailLoad: "负载",
  detailMemory: "内存可用",
  detailDisk: "磁盘可用",
  detailTemperature: "温度",
  detailNetwork: "网络",
  detailTelemetryAt: "最近遥测",
  detailOutbox: "待发事件",
  detailOutboxLine: "{depth} 条，最早 {age}，已丢弃 {dropped} 条",
  detailOutboxEmpty: "已全部送达",
  detailDevices: "设备",
  detailDevice: "设备",
  detailState: "状态",
  detailErrors: "错误次数",
  detailDeviceSeen: "最近响应",
  detailEvents: "最近事件",
  detailNoEvents: "尚未收到事件",
  detailNoTelemetry: "尚未收到遥测",
  familyPrinter: "打印机",
  familyLocker: "智能柜",
  familyVending: "售货机",
  familyScanner: "扫码器",
  familyRatingBox: "评价器",
  faultOffline: "{device}离线",
  faultError: "{device}故障",
  faultPaperOut: "{device}缺纸",
  faultPaperLow: "{device}纸将用完",
  faultCoverOpen: "{device}盖未关",
  faultDoorJammed: "{device}柜门卡住 {items}",
  faultDoorLeftOpen: "{device}柜门未关 {items}",
  faultSlotJammed: "{device}货道卡货 {items}",
  faultJammed: "{device}卡住",
  stateReady: "就绪",
  stateBusy: "忙",
  statePaperNearEnd: "纸将用完",
  statePaperOut: "缺纸",
  stateCoverOpen: "盖未关",
  stateDoorOpen: "柜门打开",
  stateJammed: "卡住",
  stateOffline: "离线",
  stateError: "故障",
  linkUp: "已连接",
  linkDown: "未连接",
};

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  appTitle: "Linli fleet",
  switchLanguage: "中文",
  listSeparator: ", ",
  findingBroker: "Finding the broker…",
  notConnected: "Not connected",
  connecting: "Connecting to {url}…",
  live: "Live · {url}",
  reconnecting: "Connection lost ({reason}); reconnecting…",
  failed: "Cannot connect to {url}: {reason}",
  changeConnection: "Change connection",
  connectTitle: "Connect to the kiosks' broker",
  connectHint:
    "Enter the MQTT-over-WebSocket address (ws:// or wss://) and a read-only account. Kept for this browser session only.",
  urlLabel: "Broker address",
  usernameLabel: "User name (optional)",
  passwordLabel: "Password (optional)",
  connect: "Connect",
  cancel: "Cancel",
  badUrl: "Enter an address starting with ws:// or wss://",
  summary: "{kiosks} kiosks · {online} online · {offline} offline · {faulty} with faults",
  shown: "{shown} shown",
  malformed: "{n} malformed messages ignored",
  filtersLabel: "Filters",
  searchLabel: "Search sites or kiosks",
  searchPlaceholder: "Site, kiosk id or name",
  siteLabel: "Site",
  allSites: "All sites",
  statusFilterLabel: "Online state",
  filterAll: "All",
  filterOnline: "Online",
  filterOffline: "Offline",
  faultyOnly: "Faults only",
  tableCaption: "Kiosks, {n} in all; tap a row for its detail",
  colKiosk: "Kiosk",
  colStatus: "Status",
  colLastSeen: "Last seen",
  colTelemetry: "Telemetry",
  colFaults: "Faults",
  colOutboxDepth: "Waiting events",
  colOutboxAge: "Oldest waiting",
  sortBy: "Sort by {column}",
  noKiosks: "No kiosk has reported yet. Kiosks appear here once they connect to the broker.",
  noMatch: "No kiosk matches the filters",
  presenceOnline: "Online",
  presenceOffline: "Offline",
  presenceUnknown: "Unknown",
  reasonLost: "connection lost",
  reasonShutdown: "shut down",
  reasonMoved: "moved to another broker",
  none: "—",
  noFaults: "None",
  faultsMore: "{worst} and {more} more",
  justNow: "just now",
  secondsAgo: "{n} s ago",
  minutesAgo: "{n} min ago",
  hoursAgo: "{n} h ago",
  daysAgo: "{n} d ago",
  seconds: "{n} s",
  minutes: "{n} min",
  hours: "{n} h",
  days: "{n} d",
  events: "{n}",
  detailTitle: "Kiosk {kiosk}",
  close: "Close",
  detailStatus: "Status",
  detailSince: "Status time",
  detailStarted: "Started",
  detailVersions: "Versions",
  detailRuns: "Runs",
  detailHealth: "Host",
  detailUptime: "Uptime",
  detailLoad: "Load",
  detailMemory: "Memory free",
  detailDisk: "Disk free",
  detailTemperature: "Temperature",
  detailNetwork: "Network",
  detailTelemetryAt: "Last telemetry",
  detailOutbox: "Waiting events",
  detailOutboxLine: "{depth}, oldest {age}, {dropped} dropped",
  detailOutboxEmpty: "All delivered",
  detailDevices: "Devices",
  detailDevice: "Device",
  detailState: "State",
  detailErrors: "Errors",
  detailDeviceSeen: "Last answered",
  detailEvents: "Recent events",
  detailNoEvents: "No event received yet",
  detailNoTelemetry: "No telemetry received yet",
  familyPrinter: "Printer",
  familyLocker: "Lockers",
  familyVending: "Vending unit",
  familyScanner: "Scanner",
  familyRatingBox: "Rating box",
  faultOffline: "{device} offline",
  faultError: "{device} error",
  faultPaperOut: "{device}: paper out",
  faultPaperLow: "{device}: paper low",
  faultCoverOpen: "{device}: cover open",
  faultDoorJammed: "{device}: door jammed {items}",
  faultDoorLeftOpen: "{device}: door left open {items}",
  faultSlotJammed: "{device}: slot jammed {items}",
  faultJammed: "{device} jammed",
  stateReady: "Ready",
  stateBusy: "Busy",
  statePaperNearEnd: "Paper low",
  statePaperOut: "Paper out",
  stateCoverOpen: "Cover open",
  stateDoorOpen: "Door open",
  stateJammed: "Jammed",
  stateOffline: "Offline",
  stateError: "Error",
  linkUp: "up",
  linkDown: "down",
};

export type { Lang } from "../i18n/translate.js";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const translator = (lang: Lang): Translate => translatorFor(lang === "en" ? en : zhCN);

export const PRESENCE_TEXT: Readonly<Record<Presence, MessageKey>> = {
  online: "presenceOnline",
  offline: "presenceOffline",
  unknown: "presenceUnknown",
};

export const COLUMN_TEXT: Readonly<Record<SortKey, MessageKey>> = {
  kiosk: "colKiosk",
  status: "colStatus",
  lastSeen: "colLastSeen",
  telemetry: "colTelemetry",
  faults: "colFaults",
  outboxDepth: "colOutboxDepth",
  outboxAge: "colOutboxAge",
};

const FAULT_TEXT: Readonly<Record<FaultKind, MessageKey>> = {
  offline: "faultOffline",
  error: "faultError",
  paperOut: "faultPaperOut",
  paperLow: "faultPaperLow",
  coverOpen: "faultCoverOpen",
  doorJammed: "faultDoorJammed",
  doorLeftOpen: "faultDoorLeftOpen",
  slotJammed: "faultSlotJammed",
  jammed: "faultJammed",
};

const FAMILY_TEXT: Readonly<Record<string, MessageKey>> = {
  printer: "familyPrinter",
  locker: "familyLocker",
  vending: "familyVending",
  scanner: "familyScanner",
  "rating-box": "familyRatingBox",
};

const STATE_TEXT: Readonly<Record<string, MessageKey>> = {
  ready: "stateReady",
  busy: "stateBusy",
  paper_near_end: "statePaperNearEnd",
  paper_out: "statePaperOut",
  cover_open: "stateCoverOpen",
  door_open: "stateDoorOpen",
  jammed: "stateJammed",
  offline: "stateOffline",
  error: "stateError",
};

/** A device as people name it: its family's word, or its id when the family is not known. */
export function deviceName(t: Translate, deviceId: string, family: string | undefined): string {
  const key = family === undefined ? undefined : FAMILY_TEXT[family];
  return key ? t(key) : deviceId;
}

export function faultText(
  t: Translate,
  fault: { kind: FaultKind; deviceId: string; family: string | undefined; items: string[] },
): string {
  return t(FAULT_TEXT[fault.kind], {
    device: deviceName(t, fault.deviceId, fault.family),
    items: fault.items.join(t("listSeparator")),
  }).trim();
}

export function stateText(t: Translate, state: string): string {
  const key = STATE_TEXT[state];
  return key ? t(key) : state;
}

/** "3 分钟前" / "3 min ago"; "—" for no time. */
export function ago(t: Translate, at: number | undefined, now: number): string {
  if (at === undefined) return t("none");
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 5) return t("justNow");
  if (seconds < 60) return t("secondsAgo", { n: seconds });
  if (seconds < 3600) return t("minutesAgo", { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t("hoursAgo", { n: Math.floor(seconds / 3600) });
  return t("daysAgo", { n: Math.floor(seconds / 86_400) });
}

/** A length of time: "12 分钟" / "12 min". */
export function duration(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t("seconds", { n: s });
  if (s < 3600) return t("minutes", { n: Math.floor(s / 60) });
  if (s < 86_400) return t("hours", { n: Math.floor(s / 3600) });
  return t("days", { n: Math.floor(s / 86_400) });
}

export function bytes(value: number | undefined): string {
  if (value === undefined) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let amount = value;
  let unit = 0;
  while (amount >= 1024 && unit < units.length - 1) {
    amount /= 1024;
    unit += 1;
  }
  return `${amount >= 10 || unit === 0 ? Math.round(amount) : amount.toFixed(1)} ${units[unit]}`;
}

export function clockTime(lang: Lang, at: number | undefined): string {
  if (at === undefined) return "—";
  return new Date(at).toLocaleString(lang, { hour12: false });
}
