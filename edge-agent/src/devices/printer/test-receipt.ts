import type { PrinterProfile } from "@linli/device-profiles";
import type { ReceiptDocument } from "@linli/protocols/escpos";

const pad = (n: number): string => String(n).padStart(2, "0");

/** Kiosk local time, as people in the centre read it: 2025-03-08 14:05. */
function localTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A short Chinese receipt that shows the operator the printer, its paper and its Chinese font work. */
export function testReceiptDocument(
  deviceId: string,
  profile: PrinterProfile,
  at: Date = new Date(),
): ReceiptDocument {
  const { paperWidthMm, columns } = profile.capabilities;
  return {
    blocks: [
      { kind: "text", text: "打印测试", align: "center", bold: true, doubleHeight: true },
      { kind: "text", text: "邻里中心自助终端", align: "center" },
      { kind: "rule" },
      { kind: "pair", left: "设备", right: deviceId },
      { kind: "pair", left: "纸宽", right: `${paperWidthMm} 毫米 ${columns} 列` },
      { kind: "pair", left: "时间", right: localTime(at) },
      { kind: "rule" },
      { kind: "text", text: "中文、数字 0123456789 和 ABC 打印正常。" },
      { kind: "feed", lines: 2 },
      { kind: "cut" },
    ],
  };
}
