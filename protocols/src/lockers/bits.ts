import { LinliError } from "../errors.js";

/** Lock n's flag is bit (n−1) % 8 of byte floor((n−1) / 8), as both locker boards report it. */
export function unpackLockBits(bytes: Uint8Array | readonly number[], count: number): boolean[] {
  const flags: boolean[] = [];
  for (let index = 0; index < count; index += 1) {
    const byte = bytes[index >> 3] ?? 0;
    flags.push((byte & (1 << (index & 7))) !== 0);
  }
  return flags;
}

export function packLockBits(flags: readonly boolean[], byteCount: number): number[] {
  const bytes = new Array<number>(byteCount).fill(0);
  flags.forEach((flag, index) => {
    if (flag && index >> 3 < byteCount)
      bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (1 << (index & 7));
  });
  return bytes;
}

export function requireByte(
  value: number,
  code: `LINLI_ERR_${string}`,
  what: string,
  range: { min: number; max: number } = { min: 0, max: 0xff },
): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new LinliError(
      code,
      `${what} must be an integer from ${range.min} to ${range.max}, got ${value}`,
      {
        status: 400,
        details: { value, ...range },
      },
    );
  }
  return value;
}
