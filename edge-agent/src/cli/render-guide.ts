import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { LinliError } from "@linli/protocols";
import { encodeReceipt, PAPER_COLUMNS } from "@linli/protocols/escpos";
import { demoGuideDocument } from "../demo/guide.js";

export interface RenderGuideOptions {
  /** Paper width in millimetres, as typed after `--width`: 58 or 80. */
  width: string | number;
  /** The file to write the ESC/POS bytes to; missing folders are created. */
  out: string;
  largePrint?: boolean;
}

export interface RenderedGuide {
  readonly path: string;
  readonly bytes: number;
  readonly widthMm: 58 | 80;
  readonly columns: number;
}

function paperWidth(width: string | number): 58 | 80 {
  const millimetres = Number(String(width).trim().replace(/mm$/i, ""));
  if (millimetres === 58 || millimetres === 80) return millimetres;
  throw new LinliError(
    "LINLI_ERR_CLI_BAD_WIDTH",
    `--width must be the paper width in millimetres, 58 or 80 (the two roll widths kiosk printers take), not "${width}"`,
    { status: 400, details: { width: String(width) } },
  );
}

/**
 * `linli render-guide --width 58|80 --out FILE`: writes the demo circle's
 * service guide as the ESC/POS bytes a printer of that width takes, e.g. to
 * send with `cat FILE > /dev/usb/lp0` or to compare across versions.
 */
export async function renderGuideCommand(
  options: RenderGuideOptions,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<RenderedGuide> {
  const widthMm = paperWidth(options.width);
  const columns = PAPER_COLUMNS[`${widthMm}mm`];
  const document = demoGuideDocument({ columns, largePrint: options.largePrint ?? false });
  const bytes = encodeReceipt(document, { columns });
  const path = resolve(options.out);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new LinliError(
      "LINLI_ERR_CLI_OUT_NOT_WRITABLE",
      `cannot write the guide to ${path} (${reason}); pick another --out or make its folder writable by this user`,
      { details: { path }, cause },
    );
  }
  print(
    `wrote ${bytes.length} bytes of ESC/POS to ${path} (${widthMm} mm paper, ${columns} columns)`,
  );
  return { path, bytes: bytes.length, widthMm, columns };
}
