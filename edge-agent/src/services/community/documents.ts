/**
 * What the kiosk prints for the community centre: a booking ticket (large
 * code and a QR code carrying it), an operator's roster of a session, and the
 * centre's directory. Pure: the service sends the documents to the printer.
 * No ticket or roster carries more of a phone number than its last four digits.
 */
import type { CentreDirectory, RosterEntry } from "@linli/protocols/api";
import type { ReceiptBlock, ReceiptDocument } from "@linli/protocols/escpos";
import { bookingQrOf, spacedCode } from "./codes.js";

/** Beijing wall clock (UTC+8, no daylight saving): "2025-06-01 11:30". */
export function beijingTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** "2025-06-01 11:30-12:30". */
export function sessionTime(startsAt: string, endsAt: string): string {
  const start = beijingTime(startsAt);
  const end = beijingTime(endsAt);
  return start.slice(0, 10) === end.slice(0, 10)
    ? `${start}-${end.slice(11)}`
    : `${start} 至 ${end}`;
}

export interface TicketContent {
  centre: string;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  seats: number;
  code: string;
  phoneLastFour: string | null;
  note?: string;
  printedAt: Date;
}

export function ticketDocument(ticket: TicketContent): ReceiptDocument {
  const blocks: ReceiptBlock[] = [
    { kind: "text", text: ticket.centre, align: "center", bold: true },
    { kind: "text", text: "预约凭条", align: "center", doubleWidth: true, doubleHeight: true },
    { kind: "rule" },
    { kind: "text", text: ticket.title, bold: true, doubleHeight: true },
    { kind: "pair", left: "时间", right: sessionTime(ticket.startsAt, ticket.endsAt) },
    { kind: "pair", left: "地点", right: ticket.place },
    { kind: "pair", left: "人数", right: `${ticket.seats} 位` },
  ];
  if (ticket.phoneLastFour !== null) {
    blocks.push({ kind: "pair", left: "手机尾号", right: ticket.phoneLastFour });
  }
  if (ticket.note !== undefined) blocks.push({ kind: "text", text: ticket.note });
  blocks.push(
    { kind: "rule" },
    { kind: "text", text: "预约码", align: "center" },
    {
      kind: "text",
      text: spacedCode(ticket.code),
      align: "center",
      bold: true,
      doubleWidth: true,
      doubleHeight: true,
    },
    { kind: "qr", data: bookingQrOf(ticket.code), moduleSize: 6 },
    { kind: "text", text: "到场请出示此凭条；不能来时请在自助机上用预约码取消。", align: "center" },
    {
      kind: "text",
      text: `打印于 ${beijingTime(ticket.printedAt.toISOString())}`,
      align: "center",
    },
    { kind: "feed", lines: 2 },
    { kind: "cut" },
  );
  return { blocks };
}

export interface RosterContent {
  centre: string;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  entries: readonly RosterEntry[];
  printedAt: Date;
}

export function rosterDocument(roster: RosterContent): ReceiptDocument {
  const confirmed = roster.entries.filter((entry) => entry.state === "confirmed");
  const seats = confirmed.reduce((sum, entry) => sum + entry.seats, 0);
  const blocks: ReceiptBlock[] = [
    { kind: "text", text: roster.centre, align: "center", bold: true },
    { kind: "text", text: "签到名单", align: "center", doubleWidth: true, doubleHeight: true },
    { kind: "text", text: roster.title, bold: true },
    { kind: "pair", left: "时间", right: sessionTime(roster.startsAt, roster.endsAt) },
    { kind: "pair", left: "地点", right: roster.place },
    { kind: "pair", left: "已约", right: `${seats} / ${roster.capacity} 位` },
    { kind: "rule" },
    {
      kind: "columns",
      bold: true,
      cells: [
        { text: "序号", width: 4 },
        { text: "手机尾号" },
        { text: "人数", width: 4, align: "right" },
        { text: "签到", width: 4, align: "right" },
      ],
    },
  ];
  for (const entry of confirmed) {
    blocks.push({
      kind: "columns",
      cells: [
        { text: String(entry.number), width: 4 },
        { text: entry.phoneLastFour ?? "凭票" },
        { text: String(entry.seats), width: 4, align: "right" },
        { text: entry.attended ? "已到" : "[ ]", width: 4, align: "right" },
      ],
    });
  }
  if (confirmed.length === 0) blocks.push({ kind: "text", text: "暂无预约", align: "center" });
  blocks.push(
    { kind: "rule" },
    { kind: "text", text: `打印于 ${beijingTime(roster.printedAt.toISOString())}` },
    { kind: "feed", lines: 2 },
    { kind: "cut" },
  );
  return { blocks };
}

export function directoryDocument(directory: CentreDirectory, printedAt: Date): ReceiptDocument {
  const blocks: ReceiptBlock[] = [
    { kind: "text", text: directory.nameZh, align: "center", bold: true, doubleHeight: true },
    { kind: "text", text: "中心服务指南", align: "center" },
    { kind: "pair", left: "地址", right: directory.addressZh },
    { kind: "pair", left: "开放", right: directory.hoursZh },
    { kind: "pair", left: "电话", right: directory.phone },
    { kind: "rule" },
  ];
  for (const entry of directory.entries) {
    blocks.push({ kind: "text", text: entry.nameZh, bold: true });
    if (entry.whereZh !== undefined)
      blocks.push({ kind: "pair", left: "位置", right: entry.whereZh });
    if (entry.hoursZh !== undefined)
      blocks.push({ kind: "pair", left: "时间", right: entry.hoursZh });
    if (entry.phone !== undefined) blocks.push({ kind: "pair", left: "电话", right: entry.phone });
    if (entry.descriptionZh !== undefined) blocks.push({ kind: "text", text: entry.descriptionZh });
  }
  blocks.push(
    { kind: "rule" },
    { kind: "text", text: `打印于 ${beijingTime(printedAt.toISOString())}`, align: "center" },
    { kind: "feed", lines: 2 },
    { kind: "cut" },
  );
  return { blocks };
}
