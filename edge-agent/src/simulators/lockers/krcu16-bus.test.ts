import { afterEach, describe, expect, it } from "vitest";
import { HostSide, LINK_KINDS, type LinkKind } from "../host-side.js";
import { type KrCu16BusOptions, KrCu16BusSimulator } from "./index.js";

const NO_ANSWER_MS = 100;
const STATUS_LENGTH = 9;

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));
const bytes = (data: Uint8Array) => [...data];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function krCu16(
  kind: LinkKind,
  options: KrCu16BusOptions = {},
): Promise<{ simulator: KrCu16BusSimulator; host: HostSide }> {
  const simulator = new KrCu16BusSimulator(options);
  cleanup.push(() => simulator.dispose());
  const host = await HostSide.open(simulator, kind);
  cleanup.push(() => host.close());
  return { simulator, host };
}

/** Sends a request and takes one status frame back. */
async function ask(host: HostSide, request: string): Promise<number[]> {
  await host.send(hex(request));
  return bytes(await host.take(STATUS_LENGTH));
}

describe.each(LINK_KINDS)("the simulated KR-CU16 board over the %s link", (kind) => {
  it("unlocks lock 1 of board 0 on 02 00 31 03 36 and answers with its status, hook 1 clear", async () => {
    const { simulator, host } = await krCu16(kind);
    expect(await ask(host, "02 00 31 03 36")).toEqual(bytes(hex("02 00 35 FE FF 00 00 03 37")));
    expect(simulator.isOpen(0, 1)).toBe(true);
    expect(simulator.opensOf(0, 1)).toBe(1);
  });

  it("answers 02 00 30 03 35 with hook bits (1 = locked) and infrared bits (1 = item present)", async () => {
    const { simulator, host } = await krCu16(kind);
    simulator.setItemPresent(0, 2, true);
    simulator.setItemPresent(0, 9, true);
    expect(await ask(host, "02 00 30 03 35")).toEqual(bytes(hex("02 00 35 FF FF 02 01 03 3B")));
    await ask(host, "02 0F 31 03 45"); // lock 16
    expect(await ask(host, "02 00 30 03 35")).toEqual(bytes(hex("02 00 35 FF 7F 02 01 03 BB")));
  });

  it("accepts an unlock for a jammed lock but its hook stays locked", async () => {
    const { simulator, host } = await krCu16(kind);
    simulator.jam(0, 1);
    expect(await ask(host, "02 00 31 03 36")).toEqual(bytes(hex("02 00 35 FF FF 00 00 03 38")));
    expect(simulator.isOpen(0, 1)).toBe(false);
    expect(simulator.snapshot().boards[0]?.locks[0]).toMatchObject({ opens: 0, openCommands: 1 });
  });

  it("unlocks every lock of the board on 02 00 33 03 38", async () => {
    const { simulator, host } = await krCu16(kind);
    expect(await ask(host, "02 00 33 03 38")).toEqual(bytes(hex("02 00 35 00 00 00 00 03 3A")));
    expect(simulator.snapshot().boards[0]?.locks.every((lock) => lock.opens === 1)).toBe(true);
  });

  it("latches the hook again when the door is pushed shut, and says nothing unasked", async () => {
    const { simulator, host } = await krCu16(kind);
    await ask(host, "02 00 31 03 36");
    simulator.closeDoor(0, 1);
    expect(await host.silentFor(50)).toBe(true);
    expect(await ask(host, "02 00 30 03 35")).toEqual(bytes(hex("02 00 35 FF FF 00 00 03 38")));
  });

  it("lets board 2 answer for its lock 16 on a bus shared with board 0", async () => {
    const { simulator, host } = await krCu16(kind, { boards: [0, 2] });
    expect(await ask(host, "02 2F 31 03 65")).toEqual(bytes(hex("02 20 35 FF 7F 00 00 03 D8")));
    expect(simulator.isOpen(2, 16)).toBe(true);
    expect(simulator.isOpen(0, 16)).toBe(false);
  });

  it("gives no answer to a status query for a board that is not on the bus", async () => {
    const { host } = await krCu16(kind);
    await host.send(hex("02 10 30 03 45"));
    expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
  });
});

describe("the KR-CU16 bus options", () => {
  it("refuse board numbers outside 0–15", () => {
    expect(() => new KrCu16BusSimulator({ boards: [16] })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_BAD_OPTION" }),
    );
  });

  it("speak at 19200 baud", () => {
    expect(new KrCu16BusSimulator().line).toEqual({ baudRate: 19200 });
  });
});
