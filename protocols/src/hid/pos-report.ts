/**
 * One HID POS input report from a bar code scanner (usage page 0x8C).
 *
 * The USB "HID Point of Sale Usage Tables" 1.02 define the usages of the
 * Scanned Data Report (0x12): Symbology Identifier 1–3 (0xFB–0xFD), Decoded
 * Data (0xFE) and Decode Data Continued (0xFF); the byte positions are set by
 * each device's report descriptor. Two layouts are in the field, both
 * 64-byte reports with report id 2:
 *
 * AIM-first — Honeywell (1400g and siblings in HID POS mode) and Access-IS
 * (ATR110, LSR116/118 manuals):
 *   0 report id 0x02 · 1 data length in this report · 2–4 AIM id `]cm` ·
 *   5–60 data (56 bytes) · 61 vendor symbology id · 62 reserved ·
 *   63 bit 0 = more data follows in the next report.
 *   The Access-IS manual's example splits 60 bytes of a code into a report
 *   with length 56 and flag 1, then one with length 4 and flag 0.
 *
 * Data-first — the Usage Tables' order (data, then symbology, then the
 * continued flag), used by engines whose descriptor lists Decoded Data first:
 *   0 report id · 1 length · 2–57 data · 58–60 AIM id · 61–62 reserved ·
 *   63 bit 0 = more data follows.
 *
 * Pass the report with its report-id byte first (node-hid does this for
 * numbered reports; with WebHID, prepend `event.reportId`). Reports are
 * external input: decoding never throws, it says why it ignored one.
 */

export interface HidPosLayout {
  readonly name: string;
  readonly reportId: number;
  /** Bytes per report, report id included. */
  readonly reportLength: number;
  readonly lengthOffset: number;
  readonly dataOffset: number;
  readonly dataCapacity: number;
  /** First of the three AIM bytes, when the layout carries them. */
  readonly aimOffset: number | undefined;
  readonly continuedOffset: number;
  readonly continuedMask: number;
}

export const HID_POS_AIM_FIRST: HidPosLayout = {
  name: "aim-first (Honeywell, Access-IS)",
  reportId: 0x02,
  reportLength: 64,
  lengthOffset: 1,
  aimOffset: 2,
  dataOffset: 5,
  dataCapacity: 56,
  continuedOffset: 63,
  continuedMask: 0x01,
};

export const HID_POS_DATA_FIRST: HidPosLayout = {
  name: "data-first (Usage Tables order)",
  reportId: 0x02,
  reportLength: 64,
  lengthOffset: 1,
  dataOffset: 2,
  dataCapacity: 56,
  aimOffset: 58,
  continuedOffset: 63,
  continuedMask: 0x01,
};

export type HidPosReport =
  | {
      readonly kind: "scan";
      readonly data: Uint8Array;
      readonly aim: string | undefined;
      /** Another report with the rest of this code follows. */
      readonly more: boolean;
    }
  | { readonly kind: "ignored"; readonly reason: "other-report" | "truncated" | "bad-length" };

const AIM_FLAG = 0x5d; // "]"

function readAim(report: Uint8Array, offset: number | undefined): string | undefined {
  if (offset === undefined || report[offset] !== AIM_FLAG) return undefined;
  const code = report[offset + 1] ?? 0;
  const modifier = report[offset + 2] ?? 0;
  const printable = (byte: number) => byte >= 0x21 && byte <= 0x7e;
  return printable(code) && printable(modifier)
    ? String.fromCharCode(AIM_FLAG, code, modifier)
    : undefined;
}

export function decodeHidPosReport(
  report: Uint8Array,
  layout: HidPosLayout = HID_POS_AIM_FIRST,
): HidPosReport {
  if (report[0] !== layout.reportId) return { kind: "ignored", reason: "other-report" };
  if (report.length <= Math.max(layout.lengthOffset, layout.continuedOffset)) {
    return { kind: "ignored", reason: "truncated" };
  }
  const length = report[layout.lengthOffset] ?? 0;
  if (length > layout.dataCapacity || layout.dataOffset + length > report.length) {
    return { kind: "ignored", reason: "bad-length" };
  }
  return {
    kind: "scan",
    data: report.slice(layout.dataOffset, layout.dataOffset + length),
    aim: readAim(report, layout.aimOffset),
    more: ((report[layout.continuedOffset] ?? 0) & layout.continuedMask) !== 0,
  };
}

/** The reports a scanner sends for one code: what the simulator feeds the HID binding. */
export function encodeHidPosReports(
  data: Uint8Array,
  options: { readonly aim?: string; readonly layout?: HidPosLayout } = {},
): Uint8Array[] {
  const layout = options.layout ?? HID_POS_AIM_FIRST;
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const part = data.subarray(offset, offset + layout.dataCapacity);
    offset += part.length;
    const report = new Uint8Array(layout.reportLength);
    report[0] = layout.reportId;
    report[layout.lengthOffset] = part.length;
    report.set(part, layout.dataOffset);
    if (options.aim !== undefined && layout.aimOffset !== undefined) {
      for (let i = 0; i < 3; i += 1)
        report[layout.aimOffset + i] = options.aim.charCodeAt(i) & 0xff;
    }
    if (offset < data.length) report[layout.continuedOffset] = layout.continuedMask;
    reports.push(report);
  } while (offset < data.length);
  return reports;
}
