/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + code character +
 * modifier, e.g. `]Q1` for a QR Code, model 2. Scanners prepend them to the
 * data (serial mode, when enabled) or carry them in dedicated HID POS report
 * bytes. Only the code character names the symbology; the modifier carries
 * options (check digit, FNC1, ECI, …).
 */
export const AIM_SYMBOLOGIES = {
  A: "code-39",
  C: "code-128",
  d: "data-matrix",
  E: "ean-upc",
  e: "gs1-databar",
  F: "codabar",
  G: "code-93",
  H: "code-11",
  I: "interleaved-2-of-5",
  L: "pdf417",
  M: "msi",
  Q: "qr-code",
  S: "2-of-5",
  U: "maxicode",
  X: "other",
  z: "aztec",
} as const;

export type AimSymbology = (typeof AIM_SYMBOLOGIES)[keyof typeof AIM_SYMBOLOGIES];

const AIM_FLAG = "]";

export function isAimIdentifier(text: string): boolean {
  return text.length === 3 && text.startsWith(AIM_FLAG);
}

export function symbologyOfAim(aim: string | undefined): AimSymbology | undefined {
  if (aim === undefined || !isAimIdentifier(aim)) return undefined;
  return (AIM_SYMBOLOGIES as Readonly<Record<string, AimSymbology>>)[aim.charAt(1)];
}

/** Splits a serial-mode line that starts with an AIM identifier. */
export function splitAimPrefix(line: string): { aim: string | undefined; text: string } {
  const prefix = line.slice(0, 3);
  return isAimIdentifier(prefix)
    ? { aim: prefix, text: line.slice(3) }
    : { aim: undefined, text: line };
}
