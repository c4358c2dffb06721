import { afterEach, describe, expect, it } from "vitest";
import { HostSide, LINK_KINDS, type LinkKind } from "../host-side.js";
import { type Lock8aBusOptions, Lock8aBusSimulator } from "./index.js";

const NO_ANSWER_MS = 100;

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));
const bytes = (data: Uint8Array) => [...data];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function board8a(
  kind: LinkKind,
  options: Lock8aBusOptions = {},
): Promise<{ simulator: Lock8aBusSimulator; host: HostSide }> {
  const simulator = new Lock8aBusSimulator(options);
  cleanup.push(() => simulator.dispose());
  const host = await HostSide.open(simulator, kind);
  cleanup.push(() => host.close());
  return { simulator, host };
}

/** Sends a request and takes exactly the answer's length back. */
async function ask(host: HostSide, request: string, answerLength = 5): Promise<number[]> {
  await host.send(hex(request));
  return bytes(await host.take(answerLength));
}

describe.each(LINK_KINDS)("the simulated 8A/80 locker board over the %s link", (kind) => {
  it("opens lock 1 of board 1 and answers 8A 01 01 00 8A", async () => {
    const { simulator, host } = await board8a(kind);
    expect(await ask(host, "8A 01 01 11 9B")).toEqual(bytes(hex("8A 01 01 00 8A")));
    expect(simulator.isOpen(1, 1)).toBe(true);
    expect(simulator.opensOf(1, 1)).toBe(1);
  });

  it("answers a jammed lock with bytes identical to the request and keeps the door shut", async () => {
    const { simulator, host } = await board8a(kind);
    simulator.jam(1, 1);
    expect(await ask(host, "8A 01 01 11 9B")).toEqual(bytes(hex("8A 01 01 11 9B")));
    expect(simulator.isOpen(1, 1)).toBe(false);
    simulator.unjam(1, 1);
    expect(await ask(host, "8A 01 01 11 9B")).toEqual(bytes(hex("8A 01 01 00 8A")));
  });

  it("reports one lock closed as 80 01 01 11 91 and open as 80 01 01 00 80", async () => {
    const { host } = await board8a(kind);
    expect(await ask(host, "80 01 01 33 B3")).toEqual(bytes(hex("80 01 01 11 91")));
    await ask(host, "8A 01 01 11 9B");
    expect(await ask(host, "80 01 01 33 B3")).toEqual(bytes(hex("80 01 01 00 80")));
  });

  it("reports all 24 locks in three status bytes, lock 1 = bit 0, 1 = closed", async () => {
    const { host } = await board8a(kind);
    await ask(host, "8A 01 01 11 9B"); // lock 1
    await ask(host, "8A 01 0A 11 90"); // lock 10
    await ask(host, "8A 01 18 11 82"); // lock 24
    expect(await ask(host, "80 01 00 33 B2", 7)).toEqual(bytes(hex("80 01 FE FD 7F 33 CE")));
  });

  it("sends the change report 82 01 01 11 93 when the resident pushes the door shut", async () => {
    const { simulator, host } = await board8a(kind);
    await ask(host, "8A 01 01 11 9B");
    simulator.closeDoor(1, 1);
    expect(bytes(await host.take(5))).toEqual(bytes(hex("82 01 01 11 93")));
    expect(await ask(host, "80 01 01 33 B3")).toEqual(bytes(hex("80 01 01 11 91")));
  });

  it("sends the change report by itself when the door closes after autoCloseAfterMs", async () => {
    const { simulator, host } = await board8a(kind, { autoCloseAfterMs: 30 });
    expect(await ask(host, "8A 01 02 11 98", 10)).toEqual(
      bytes(hex("8A 01 02 00 89 82 01 02 11 90")),
    );
    expect(simulator.isOpen(1, 2)).toBe(false);
  });

  it("sends no change report for a door left open, nor when reports are off", async () => {
    const { simulator, host } = await board8a(kind, { autoCloseAfterMs: 30 });
    simulator.leaveOpen(1, 1);
    await ask(host, "8A 01 01 11 9B");
    expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
    simulator.setChangeReports(false);
    simulator.closeDoor(1, 1);
    expect(await host.silentFor(50)).toBe(true);
    expect(simulator.isOpen(1, 1)).toBe(false);
  });

  it("opens every lock for lock 0 and answers 8A 01 00 00 8B", async () => {
    const { simulator, host } = await board8a(kind);
    expect(await ask(host, "8A 01 00 11 9A")).toEqual(bytes(hex("8A 01 00 00 8B")));
    const locks = simulator.snapshot().boards[0]?.locks ?? [];
    expect(locks).toHaveLength(24);
    expect(locks.every((lock) => lock.open && lock.opens === 1)).toBe(true);
    expect(await ask(host, "80 01 00 33 B2", 7)).toEqual(bytes(hex("80 01 00 00 00 33 B2")));
  });

  it("fails an open-all with a copy of the request when one lock is jammed, opening the rest", async () => {
    const { simulator, host } = await board8a(kind);
    simulator.jam(1, 5);
    expect(await ask(host, "8A 01 00 11 9A")).toEqual(bytes(hex("8A 01 00 11 9A")));
    expect(simulator.isOpen(1, 5)).toBe(false);
    expect(simulator.isOpen(1, 6)).toBe(true);
  });

  it("lets each board on the bus answer only to its own address", async () => {
    const { simulator, host } = await board8a(kind, {
      boards: [1, { address: 2, locks: 8 }],
    });
    expect(await ask(host, "8A 02 01 11 98")).toEqual(bytes(hex("8A 02 01 00 89")));
    expect(simulator.isOpen(2, 1)).toBe(true);
    expect(simulator.isOpen(1, 1)).toBe(false);
    expect(await ask(host, "80 02 00 33 B1", 5)).toEqual(bytes(hex("80 02 FE 33 4F")));
  });

  it("keeps a board that is silent quiet while its neighbour still answers", async () => {
    const { simulator, host } = await board8a(kind, { boards: [1, 2] });
    simulator.setSilent(true, 2);
    await host.send(hex("8A 02 01 11 98"));
    expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
    expect(await ask(host, "8A 01 01 11 9B")).toEqual(bytes(hex("8A 01 01 00 8A")));
  });

  it("gives no answer for a lock the board does not have", async () => {
    const { host } = await board8a(kind, { locksPerBoard: 8 });
    await host.send(hex("8A 01 09 11 93"));
    await host.send(hex("80 01 09 33 BB"));
    expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
  });
});

describe("the 8A/80 bus options", () => {
  it("refuse a board address that is not a byte and a lock count the board cannot have", () => {
    expect(() => new Lock8aBusSimulator({ boards: [256] })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_BAD_OPTION" }),
    );
    expect(() => new Lock8aBusSimulator({ locksPerBoard: 0 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_BAD_OPTION" }),
    );
    expect(() => new Lock8aBusSimulator({ boards: [1, { address: 1 }] })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_BAD_OPTION" }),
    );
  });

  it("speak at 9600 baud", () => {
    expect(new Lock8aBusSimulator().line).toEqual({ baudRate: 9600 });
  });
});
