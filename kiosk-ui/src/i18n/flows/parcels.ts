/**
 * The parcels flow's words. `en` must have the same keys as `zhCN`; both are
 * merged into the kiosk's dictionary in ../strings.ts.
 */
export const zhCN = {
  parcelPickupTitle: "取快递",
  parcelCabinetTitle: "共享童车柜",
  parcelReturnTitle: "还童车",

  parcelPickupCodeLabel: "请输入 6 位取件码",
  parcelReturnCodeLabel: "请输入 6 位归还码",
  parcelKeypadLabel: "数字键盘",
  parcelCodeTyped: "已输入 {n} 位",
  parcelPickupSubmit: "开柜取件",
  parcelReturnSubmit: "开柜还车",
  parcelOpening: "正在开柜…",

  parcelScanTitle: "扫码取件",
  parcelScanHint: "把短信或 App 里的取件二维码对准扫码口，柜门会自动打开",
  parcelCabinetLink: "共享童车柜",
  parcelCabinetLinkHint: "借童车 · 还童车",
  parcelCabinetIntro: "童车免费借用，用完请还回柜子。",
  parcelBorrowAction: "借一辆童车",
  parcelBorrowHint: "不用登记；柜门打开后取出童车，屏幕会给您一个归还码",
  parcelReturnAction: "还童车",
  parcelReturnHint: "输入借车时得到的 6 位归还码",
  parcelReturnHelpTitle: "怎样还车",
  parcelReturnHelp: "输入借车时屏幕上显示的归还码，会打开一个空柜门；放回童车，关好柜门就可以了。",

  parcelDoorTitle: "{n} 号柜门",
  parcelDoorWhere: "{n} 号柜门在左起第 {column} 列，从上往下第 {row} 个",
  parcelLockerBank: "快递柜",
  parcelCabinetBank: "共享童车柜",
  parcelDoorOpening: "柜门正在打开，请稍候",
  parcelPickupOpen: "柜门已打开，请取件后关好柜门",
  parcelPickupLeftOpen: "柜门还开着，请取件后关好柜门",
  parcelPickupClosed: "柜门已关好，谢谢",
  parcelPickupRepeatedOpen: "这个取件码刚才已开过柜门，请取件后关好柜门",
  parcelPickupRepeatedClosed: "这个取件码已开过柜门，柜门已关好；如果没有取到快递，请联系工作人员",
  parcelBorrowOpen: "柜门已打开，请取出童车后关好柜门",
  parcelBorrowLeftOpen: "柜门还开着，请取出童车后关好柜门",
  parcelBorrowClosed: "柜门已关好，祝您用车愉快",
  parcelReturnOpen: "柜门已打开，请放回童车后关好柜门",
  parcelReturnLeftOpen: "柜门还开着，请放回童车后关好柜门",
  parcelReturnClosed: "柜门已关好，童车已归还，谢谢",
  parcelReturnRepeatedClosed: "这个归还码已经用过，童车已归还，谢谢",
  parcelReturnCode: "归还码",
  parcelReturnCodeHint: "还童车时要输入这个号码，请拍照或记下来",
  parcelReturnCodeSpoken: "您的归还码是 {digits}，还童车时要输入这个号码。",
  parcelDone: "完成",
  parcelAnother: "再取一件",

  parcelWrongPickupCode: "取件码不对，请核对后重新输入（还可以再试 {n} 次）",
  parcelWrongReturnCode: "归还码不对，请核对后重新输入（还可以再试 {n} 次）",
  parcelWrongCode: "号码不对，请核对后重新输入",
  parcelCoolDown: "号码输错次数太多，请 {time}后再试；如需帮助，请联系工作人员",
  parcelMinutesSeconds: "{m} 分 {s} 秒",
  parcelSeconds: "{s} 秒",
  parcelNotPickupQr: "这不是取件码的二维码，请换一个再扫",
  parcelDoorFailed: "柜门没有打开，请再试一次或联系工作人员",
  parcelDoorUncertain: "柜门可能已经打开，请查看；如果没有打开，请联系工作人员",
  parcelDoorUncertainCode: "如果已经取出童车，归还码是 {code}",
  parcelLockerUnavailable: "柜子暂时无法使用，请联系工作人员",
  parcelCabinetEmpty: "现在没有可借的童车，请稍后再来或联系工作人员",
  parcelCabinetFull: "柜子暂时没有空门，请联系工作人员",
  parcelNoCabinet: "本机没有共享童车柜",

  parcelSpeechPickup:
    "取快递。请用屏幕上的数字键输入 6 位取件码，再按开柜取件；也可以把取件二维码对准扫码口。",
  parcelSpeechCabinet: "共享童车柜。借童车请按借一辆童车；还童车请按还童车，再输入归还码。",
  parcelSpeechReturn: "还童车。请用屏幕上的数字键输入 6 位归还码，再按开柜还车。",
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zhCN, string> = {
  parcelPickupTitle: "Collect a parcel",
  parcelCabinetTitle: "Shared strollers",
  parcelReturnTitle: "Return a stroller",

  parcelPickupCodeLabel: "Enter your 6-digit pickup code",
  parcelReturnCodeLabel: "Enter your 6-digit return code",
  parcelKeypadLabel: "Number keypad",
  parcelCodeTyped: "{n} digits entered",
  parcelPickupSubmit: "Open the door",
  parcelReturnSubmit: "Open a door to return",
  parcelOpening: "Opening…",

  parcelScanTitle: "Scan to collect",
  parcelScanHint:
    "Hold the pickup QR code from your text message or app under the scanner and the door opens",
  parcelCabinetLink: "Shared strollers",
  parcelCabinetLinkHint: "Borrow · return",
  parcelCabinetIntro: "Strollers are free to borrow; please bring them back to the cabinet.",
  parcelBorrowAction: "Borrow a stroller",
  parcelBorrowHint: "No sign-up: take the stroller from the door that opens; you get a return code",
  parcelReturnAction: "Return a stroller",
  parcelReturnHint: "Enter the 6-digit return code you were given",
  parcelReturnHelpTitle: "How to return",
  parcelReturnHelp:
    "Enter the return code shown when you borrowed. An empty door opens: put the stroller in and close the door.",

  parcelDoorTitle: "Door {n}",
  parcelDoorWhere: "Door {n} is in column {column} from the left, number {row} from the top",
  parcelLockerBank: "Parcel lockers",
  parcelCabinetBank: "Stroller cabinet",
  parcelDoorOpening: "The door is opening, please wait",
  parcelPickupOpen: "The door is open. Take your parcel and close the door",
  parcelPickupLeftOpen: "The door is still open. Take your parcel and close the door",
  parcelPickupClosed: "The door is closed. Thank you",
  parcelPickupRepeatedOpen:
    "This code has opened the door already. Take your parcel and close the door",
  parcelPickupRepeatedClosed:
    "This code has opened the door already and it is closed. If you did not get your parcel, ask the staff",
  parcelBorrowOpen: "The door is open. Take the stroller and close the door",
  parcelBorrowLeftOpen: "The door is still open. Take the stroller and close the door",
  parcelBorrowClosed: "The door is closed. Enjoy your walk",
  parcelReturnOpen: "The door is open. Put the stroller in and close the door",
  parcelReturnLeftOpen: "The door is still open. Put the stroller in and close the door",
  parcelReturnClosed: "The door is closed and the stroller is returned. Thank you",
  parcelReturnRepeatedClosed:
    "This return code was used already; the stroller is returned. Thank you",
  parcelReturnCode: "Return code",
  parcelReturnCodeHint:
    "You need this number to return the stroller: take a photo or write it down",
  parcelReturnCodeSpoken: "Your return code is {digits}. You need it to return the stroller.",
  parcelDone: "Done",
  parcelAnother: "Another parcel",

  parcelWrongPickupCode: "That pickup code is not right. Check it and try again ({n} tries left)",
  parcelWrongReturnCode: "That return code is not right. Check it and try again ({n} tries left)",
  parcelWrongCode: "That code is not right. Check it and try again",
  parcelCoolDown: "Too many wrong codes. Try again in {time}, or ask the staff for help",
  parcelMinutesSeconds: "{m} min {s} s",
  parcelSeconds: "{s} s",
  parcelNotPickupQr: "That is not a pickup QR code. Please scan another",
  parcelDoorFailed: "The door did not open. Try again or ask the staff",
  parcelDoorUncertain: "The door may have opened: please look. If it did not, ask the staff",
  parcelDoorUncertainCode: "If you took a stroller, its return code is {code}",
  parcelLockerUnavailable: "The locker cannot be used right now. Please ask the staff",
  parcelCabinetEmpty: "No stroller to borrow right now. Please come back later or ask the staff",
  parcelCabinetFull: "No empty door right now. Please ask the staff",
  parcelNoCabinet: "This kiosk has no shared stroller cabinet",

  parcelSpeechPickup:
    "Collect a parcel. Enter your 6-digit pickup code on the keypad and press Open the door, or hold the pickup QR code under the scanner.",
  parcelSpeechCabinet:
    "Shared strollers. To borrow, press Borrow a stroller. To return, press Return a stroller and enter your return code.",
  parcelSpeechReturn:
    "Return a stroller. Enter your 6-digit return code on the keypad and press Open a door to return.",
};
