import { LinliError } from "../errors.js";

/** Character sets a scanner may send; GB18030 covers GBK/GB2312 codes printed on Chinese labels. */
export type ScannerEncoding = "utf-8" | "gb18030";

const decoders = new Map<ScannerEncoding, InstanceType<typeof TextDecoder>>();

/** Decodes without throwing: malformed bytes become U+FFFD, a leading byte-order mark is dropped. */
export function decodeScannerText(bytes: Uint8Array, encoding: ScannerEncoding = "utf-8"): string {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
    decoders.set(encoding, decoder);
  }
  return decoder.decode(bytes);
}

/** Checks a size option from configuration. */
export function requireSize(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 1 << 20) {
    throw new LinliError(
      "LINLI_ERR_HID_BAD_OPTION",
      `${what} must be an integer from 1 to 1048576, got ${value}`,
      {
        status: 400,
      },
    );
  }
  return value;
}
