/**
 * The operator console's words for the kiosk's store: whether it can record
 * what residents do. Merged into the console's dictionary in ./strings.ts.
 */
export const storeZh = {
  storeTitle: "本机存储无法写入",
  storePaused: "居民业务暂停",
  storeFull: "磁盘已满，记录写不进去",
  storeLowSpace: "磁盘剩余空间低于保留值",
  storeIoError: "磁盘写入出错",
  storeReadOnly: "磁盘变成了只读",
  storeRefusing:
    "居民的取件、购买、预约、评价和反映问题都暂停办理；查找店铺、地图和服务指南照常可用。",
  storeSince: "开始于",
  storeLastError: "错误",
  storeFree: "剩余空间",
  storeFreeValue: "{free} MB（保留 {reserve} MB）",
  storeFixSpace:
    "释放空间后本机会自动恢复，无需重启：在本机运行 sudo linli doctor 查看原因，清理日志（sudo journalctl --vacuum-size=100M）或 /var/lib/linli/backups 里的旧备份。",
  storeFixDisk: "磁盘可能损坏：运行 sudo linli doctor，查看 dmesg，必要时更换磁盘并从备份恢复。",
  storeRefusedAction: "本机存储无法写入，这个操作没有执行：{why}",
} as const satisfies Record<string, string>;

export const storeEn: Record<keyof typeof storeZh, string> = {
  storeTitle: "The kiosk cannot write its store",
  storePaused: "Residents' services paused",
  storeFull: "The disk is full: records cannot be written",
  storeLowSpace: "Free space on the disk is below the reserve",
  storeIoError: "The disk fails to write",
  storeReadOnly: "The disk went read-only",
  storeRefusing:
    "Residents' pickups, purchases, bookings, ratings and problem reports are paused; finding shops, the map and service guides still work.",
  storeSince: "Since",
  storeLastError: "Error",
  storeFree: "Free space",
  storeFreeValue: "{free} MB ({reserve} MB kept in reserve)",
  storeFixSpace:
    "The kiosk recovers by itself once there is room, no restart needed: run sudo linli doctor on the kiosk to see why, clear logs (sudo journalctl --vacuum-size=100M) or old backups in /var/lib/linli/backups.",
  storeFixDisk:
    "The disk may be failing: run sudo linli doctor, look at dmesg, and if need be replace the disk and restore a backup.",
  storeRefusedAction: "The kiosk cannot write its store, so this was not done: {why}",
};
