import { encode } from "uqr";

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** One SVG path of unit squares for the dark modules, offset by the quiet zone. */
  readonly path: string;
}

/** The quiet zone QR readers need around the code, in modules. */
export const QUIET_ZONE = 4;

/**
 * A QR code as one SVG path: each row's runs of dark modules become one
 * rectangle, so a payment link of a few hundred characters stays a short
 * string and scales crisply to any size on the touchscreen.
 */
export function qrDrawing(text: string): QrDrawing {
  const { size, data } = encode(text, { ecc: "M", border: 0 });
  const parts: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`);
    }
  });
  return { size, path: parts.join("") };
}
