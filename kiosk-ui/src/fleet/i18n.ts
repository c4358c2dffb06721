import { type Lang, type MessageParams, translatorFor } from "../i18n/translate.js";
import type { FaultKind } from "./data/faults.js";
import type { Presence, SortKey } from "./data/fleet-store.js";
import type { DisplayPhase, StoreReason } from "./data/messages.js";

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
  summaryCannotRecord: "无法记录 {n} 台",
  tableCaption: "终端列表，共 {n} 台，点按某一行查看详情",
  colKiosk: "终端",
  colStatus: "状态",
  colLastSeen: "最近联系",
  colTelemetry: "遥测",
  colFaults: "故障",
  colScreen: "屏幕",
  colDiskFree: "磁盘可用",
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
  faultStoreFull: "无法记录：磁盘已满",
  faultStoreLowSpace: "无法记录：磁盘空间不足",
  faultStoreIoError: "无法记录：磁盘读写出错",
  faultStoreReadOnly: "无法记录：磁盘只读",
  faultStoreUnwritable: "无法记录",
  faultDiskLow: "磁盘将满",
  faultBacklightError: "背光无法调节",
  faultTouchMissing: "触摸屏不见了",
  phaseAwake: "亮屏",
  phaseAsleep: "休眠",
  phaseWoken: "临时唤醒",
  brightness: "亮度 {n}%",
  detailRecording: "业务记录",
  detailRecordingState: "能否记录",
  detailRecordingOk: "正常，可以办理业务",
  detailRecordingSince: "自",
  detailDiskReserve: "{free}，保留 {reserve}",
  detailLastError: "错误代码",
  detailNotReported: "这台终端的版本不上报此项",
  storeMeaning:
    "这台终端现在无法保存记录：居民取件、存件、购物、预约、评价和报事都会被拒绝（屏幕提示暂停办理），查找店铺和服务仍可使用。",
  storeDoFull:
    "磁盘已满。请远程登录终端清理磁盘（旧日志、下载的文件等）；可用空间超过保留量后几秒内自动恢复办理，无需重启。",
  storeDoLowSpace:
    "可用空间已低于保留量。请远程登录终端清理磁盘；可用空间超过保留量后几秒内自动恢复办理，无需重启。",
  storeDoIoError: "磁盘读写出错，存储卡或硬盘可能正在损坏。请尽快安排上门检修，检查或更换磁盘。",
  storeDoReadOnly: "磁盘已变为只读，通常是文件系统出错。请安排检修：检查磁盘后重启终端。",
  storeDoUnknown: "请远程登录终端检查磁盘；能写入后自动恢复办理，无需重启。",
  diskLowMeaning:
    "可用空间接近保留量：低于保留量时，终端将暂停办理取件、购物、预约等业务。请及早清理磁盘。",
  detailScreen: "屏幕与触摸",
  detailScreenState: "屏幕",
  detailBacklight: "背光",
  detailBacklightOk: "{device}，正常",
  detailNoBacklight: "无可调背光（休眠时仅界面变黑）",
  detailTouch: "触摸屏",
  detailNoTouch: "未检测到",
  detailLastTouch: "最近触摸",
  screenAsleepNormal: "按计划休眠（夜间熄屏），属正常；居民触摸屏幕即可临时唤醒。",
  backlightMeaning:
    "终端无法调节屏幕背光：夜间可能熄不了屏，白天可能偏暗。请在终端上运行 linli doctor 检查背光的写入权限。",
  touchMissingMeaning:
    "之前检测到的触摸屏现在不在了：居民可能无法操作这台终端。请检查触摸屏的连接线，或安排上门检修。",
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
  summaryCannotRecord: "{n} cannot record",
  tableCaption: "Kiosks, {n} in all; tap a row for its detail",
  colKiosk: "Kiosk",
  colStatus: "Status",
  colLastSeen: "Last seen",
  colTelemetry: "Telemetry",
  colFaults: "Faults",
  colScreen: "Screen",
  colDiskFree: "Disk free",
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
  faultStoreFull: "Cannot record: disk full",
  faultStoreLowSpace: "Cannot record: low disk space",
  faultStoreIoError: "Cannot record: disk failing",
  faultStoreReadOnly: "Cannot record: disk read-only",
  faultStoreUnwritable: "Cannot record",
  faultDiskLow: "Disk nearly full",
  faultBacklightError: "Backlight cannot be set",
  faultTouchMissing: "Touch panel missing",
  phaseAwake: "On",
  phaseAsleep: "Asleep",
  phaseWoken: "Woken by a touch",
  brightness: "{n}% bright",
  detailRecording: "Recording",
  detailRecordingState: "Can record",
  detailRecordingOk: "Yes, residents are served",
  detailRecordingSince: "Since",
  detailDiskReserve: "{free}, {reserve} kept in reserve",
  detailLastError: "Error code",
  detailNotReported: "This kiosk's version does not report it",
  storeMeaning:
    "This kiosk cannot save records now: residents' parcel pickups and deposits, purchases, bookings, ratings and reports are refused (the screen says the service is paused); finding outlets and services still works.",
  storeDoFull:
    "The disk is full. Log in to the kiosk and free space (old logs, downloaded files); within seconds of free space rising over the reserve it serves again by itself, no restart needed.",
  storeDoLowSpace:
    "Free space has fallen below the reserve. Log in to the kiosk and free space; within seconds of free space rising over the reserve it serves again by itself, no restart needed.",
  storeDoIoError:
    "Writes to the disk fail: the memory card or disk may be failing. Send someone to check or replace it soon.",
  storeDoReadOnly:
    "The disk has turned read-only, usually after a filesystem error. Send someone to check the disk, then restart the kiosk.",
  storeDoUnknown:
    "Log in to the kiosk and check its disk; once writes work it serves again by itself, no restart needed.",
  diskLowMeaning:
    "Free space is close to the reserve: below it the kiosk stops taking pickups, purchases and bookings. Free some space soon.",
  detailScreen: "Screen and touch",
  detailScreenState: "Screen",
  detailBacklight: "Backlight",
  detailBacklightOk: "{device}, working",
  detailNoBacklight: "None to set (asleep, only the UI goes dark)",
  detailTouch: "Touch panel",
  detailNoTouch: "None found",
  detailLastTouch: "Last touch",
  screenAsleepNormal:
    "Asleep on its schedule (dark at night): normal. A resident's touch wakes it for a while.",
  backlightMeaning:
    "The kiosk cannot set its backlight: the screen may stay lit at night or be dim by day. Run linli doctor on the kiosk to check it may write the backlight.",
  touchMissingMeaning:
    "The touch panel this kiosk had is gone: residents may not be able to use it. Check the panel's cable, or send someone to look.",
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
  screen: "colScreen",
  diskFree: "colDiskFree",
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
  storeFull: "faultStoreFull",
  storeLowSpace: "faultStoreLowSpace",
  storeIoError: "faultStoreIoError",
  storeReadOnly: "faultStoreReadOnly",
  storeUnwritable: "faultStoreUnwritable",
  diskLow: "faultDiskLow",
  backlightError: "faultBacklightError",
  touchMissing: "faultTouchMissing",
};

export const PHASE_TEXT: Readonly<Record<DisplayPhase, MessageKey>> = {
  awake: "phaseAwake",
  asleep: "phaseAsleep",
  woken: "phaseWoken",
};

/** What to do about a store that cannot take writes, by its reason. */
export const STORE_TODO: Readonly<Record<StoreReason | "unknown", MessageKey>> = {
  full: "storeDoFull",
  low_space: "storeDoLowSpace",
  io_error: "storeDoIoError",
  read_only: "storeDoReadOnly",
  unknown: "storeDoUnknown",
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
  fault: {
    kind: FaultKind;
    deviceId: string | undefined;
    family: string | undefined;
    items: string[];
  },
): string {
  return t(FAULT_TEXT[fault.kind], {
    device: fault.deviceId === undefined ? "" : deviceName(t, fault.deviceId, fault.family),
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
