/**
 * Encodes and decodes VMC messages by walking the command table: a message
 * is `{ command, packNo?, ...fields, data? }`, its shape derived from
 * VMC_COMMANDS, so adding a row to the table adds a typed message.
 */
import { LinliError } from "../errors.js";
import {
  VMC_COMMANDS,
  type VmcCommandName,
  type VmcFieldType,
  vmcCommandByCode,
} from "./commands.js";
import { encodeVmcFrame, type VmcFrame } from "./frame.js";

type Spec<N extends VmcCommandName> = (typeof VMC_COMMANDS)[N];
type FieldOf<N extends VmcCommandName> = Spec<N>["fields"][number];
type RequiredFields<N extends VmcCommandName> = {
  readonly [F in FieldOf<N> as F extends { optional: true } ? never : F["name"]]: number;
};
type OptionalFields<N extends VmcCommandName> = {
  readonly [F in FieldOf<N> as F extends { optional: true } ? F["name"] : never]?: number;
};
type PackNoPart<N extends VmcCommandName> = Spec<N>["packNo"] extends true
  ? { readonly packNo: number }
  : unknown;
type RestPart<N extends VmcCommandName> =
  Spec<N> extends { rest: true } ? { readonly data?: Uint8Array } : unknown;

export type VmcMessageOf<N extends VmcCommandName> = { readonly command: N } & PackNoPart<N> &
  RequiredFields<N> &
  OptionalFields<N> &
  RestPart<N>;

export type VmcMessage = { [N in VmcCommandName]: VmcMessageOf<N> }[VmcCommandName];

/** A frame whose command is not in the table: ACK it, log it, do not act on it. */
export interface VmcUnknownMessage {
  readonly command: "unknown";
  readonly code: number;
  readonly payload: Uint8Array;
}

const WIDTH: Record<VmcFieldType, number> = { u8: 1, u16: 2, u32: 4 };

function badMessage(
  code: `LINLI_ERR_${string}`,
  message: string,
  details: Record<string, unknown>,
): LinliError {
  return new LinliError(code, message, { status: 400, details });
}

function writeNumber(out: number[], value: unknown, type: VmcFieldType, label: string): void {
  const width = WIDTH[type];
  const max = 2 ** (8 * width) - 1;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw badMessage(
      "LINLI_ERR_VENDING_BAD_FIELD",
      `${label} must be an integer from 0 to ${max}`,
      { value },
    );
  }
  for (let shift = 8 * (width - 1); shift >= 0; shift -= 8)
    out.push(Math.floor(value / 2 ** shift) & 0xff);
}

function readNumber(bytes: Uint8Array, offset: number, type: VmcFieldType): number {
  let value = 0;
  for (let i = 0; i < WIDTH[type]; i += 1) value = value * 256 + (bytes[offset + i] ?? 0);
  return value;
}

/** The payload (PACKNO + TEXT) of a message. */
export function encodeVmcPayload(message: VmcMessage): Uint8Array {
  const spec = VMC_COMMANDS[message.command];
  const values = message as unknown as Readonly<Record<string, unknown>>;
  const out: number[] = [];
  if (spec.packNo) {
    const packNo = values.packNo;
    if (typeof packNo !== "number" || !Number.isInteger(packNo) || packNo < 1 || packNo > 255) {
      throw badMessage(
        "LINLI_ERR_VENDING_BAD_PACKNO",
        `PACKNO must be 1–255 (use nextPackNo), got ${String(packNo)}`,
        {
          command: message.command,
        },
      );
    }
    out.push(packNo);
  }
  for (const field of spec.fields as readonly {
    name: string;
    type: VmcFieldType;
    optional?: boolean;
  }[]) {
    const value = values[field.name];
    if (value === undefined && field.optional) break;
    writeNumber(out, value, field.type, `${message.command}.${field.name}`);
  }
  const data = values.data;
  if ("rest" in spec && data instanceof Uint8Array) out.push(...data);
  return Uint8Array.from(out);
}

export function encodeVmcMessage(message: VmcMessage): Uint8Array {
  return encodeVmcFrame(VMC_COMMANDS[message.command].code, encodeVmcPayload(message));
}

/**
 * Reads a frame from the parser. Throws LINLI_ERR_VENDING_SHORT_FRAME when a
 * known command lacks its fields; bytes beyond the known fields are ignored
 * (or kept as `data` for commands with a free-form tail).
 */
export function decodeVmcFrame(frame: VmcFrame): VmcMessage | VmcUnknownMessage {
  const name = vmcCommandByCode(frame.command);
  if (name === undefined)
    return { command: "unknown", code: frame.command, payload: frame.payload.slice() };
  const spec = VMC_COMMANDS[name];
  const bytes = frame.payload;
  const decoded: Record<string, unknown> = { command: name };
  let offset = 0;
  if (spec.packNo) {
    if (bytes.length < 1) throw shortFrame(name, bytes);
    decoded.packNo = bytes[0];
    offset = 1;
  }
  for (const field of spec.fields as readonly {
    name: string;
    type: VmcFieldType;
    optional?: boolean;
  }[]) {
    const width = WIDTH[field.type];
    if (offset + width > bytes.length) {
      if (field.optional) break;
      throw shortFrame(name, bytes);
    }
    decoded[field.name] = readNumber(bytes, offset, field.type);
    offset += width;
  }
  if ("rest" in spec && offset < bytes.length) decoded.data = bytes.slice(offset);
  return decoded as unknown as VmcMessage;
}

function shortFrame(name: VmcCommandName, payload: Uint8Array): LinliError {
  return new LinliError(
    "LINLI_ERR_VENDING_SHORT_FRAME",
    `The VMC sent ${name} with ${payload.length} payload bytes, too few for its fields; check the VMC firmware's protocol version`,
    { details: { payload: Array.from(payload) } },
  );
}

/** `FA FB 41 00 40` */
export function encodeVmcPoll(): Uint8Array {
  return encodeVmcMessage({ command: "poll" });
}

/** `FA FB 42 00 43` */
export function encodeVmcAck(): Uint8Array {
  return encodeVmcMessage({ command: "ack" });
}
