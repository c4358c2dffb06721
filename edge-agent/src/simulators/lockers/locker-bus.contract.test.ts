import { afterEach, describe, expect, it } from "vitest";
import { HostSide, LINK_KINDS, type LinkKind } from "../host-side.js";
import {
  KrCu16BusSimulator,
  Lock8aBusSimulator,
  type LockerBusOptions,
  type LockerBusSimulator,
} from "./index.js";

/** Long enough for any answer at the default latency to have crossed a pty. */
const NO_ANSWER_MS = 100;

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));

interface BusCase {
  readonly protocol: string;
  readonly create: (options?: LockerBusOptions) => LockerBusSimulator;
  /** The first board's address. */
  readonly board: number;
  readonly openLock1: Uint8Array;
  /** What the board answers to `openLock1` when lock 1 opens. */
  readonly opened: Uint8Array;
  readonly queryLock1: Uint8Array;
  /** What the board answers to `queryLock1` once lock 1 is open. */
  readonly queryWhileOpen: Uint8Array;
  /** `openLock1` for an address with no board on the bus. */
  readonly openAtEmptyAddress: Uint8Array;
  /** `openLock1` with its checksum off by one. */
  readonly openWithBadChecksum: Uint8Array;
}

const CASES: readonly BusCase[] = [
  {
    protocol: "8A/80",
    create: (options) => new Lock8aBusSimulator(options),
    board: 1,
    openLock1: hex("8A 01 01 11 9B"),
    opened: hex("8A 01 01 00 8A"),
    queryLock1: hex("80 01 01 33 B3"),
    queryWhileOpen: hex("80 01 01 00 80"),
    openAtEmptyAddress: hex("8A 02 01 11 98"),
    openWithBadChecksum: hex("8A 01 01 11 9C"),
  },
  {
    protocol: "KR-CU16",
    create: (options) => new KrCu16BusSimulator(options),
    board: 0,
    openLock1: hex("02 00 31 03 36"),
    opened: hex("02 00 35 FE FF 00 00 03 37"),
    queryLock1: hex("02 00 30 03 35"),
    queryWhileOpen: hex("02 00 35 FE FF 00 00 03 37"),
    openAtEmptyAddress: hex("02 10 31 03 46"),
    openWithBadChecksum: hex("02 00 31 03 37"),
  },
];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function connect(simulator: LockerBusSimulator, kind: LinkKind): Promise<HostSide> {
  cleanup.push(() => simulator.dispose());
  const host = await HostSide.open(simulator, kind);
  cleanup.push(() => host.close());
  return host;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(CASES)("a simulated $protocol locker bus", (bus) => {
  describe.each(LINK_KINDS)("over the %s link", (kind) => {
    it("with an echoing adapter returns the request bytes first, then the board's answer", async () => {
      const simulator = bus.create({ echo: true });
      const host = await connect(simulator, kind);
      await host.send(bus.openLock1);
      const seen = await host.take(bus.openLock1.length + bus.opened.length);
      expect([...seen]).toEqual([...bus.openLock1, ...bus.opened]);
    });

    it("when silent answers nothing and opens nothing", async () => {
      const simulator = bus.create();
      simulator.setSilent(true);
      const host = await connect(simulator, kind);
      await host.send(bus.openLock1);
      expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
      expect(simulator.opensOf(bus.board, 1)).toBe(0);
    });

    it("gives no answer to an address where no board sits", async () => {
      const host = await connect(bus.create(), kind);
      await host.send(bus.openAtEmptyAddress);
      expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
    });

    it("answers once to a request split across several writes", async () => {
      const host = await connect(bus.create(), kind);
      for (const byte of bus.openLock1) await host.send([byte]);
      expect([...(await host.take(bus.opened.length))]).toEqual([...bus.opened]);
      expect(await host.silentFor(50)).toBe(true);
    });

    it("answers both of two requests sent in one write, in order", async () => {
      const host = await connect(bus.create(), kind);
      await host.send([...bus.openLock1, ...bus.queryLock1]);
      const seen = await host.take(bus.opened.length + bus.queryWhileOpen.length);
      expect([...seen]).toEqual([...bus.opened, ...bus.queryWhileOpen]);
    });

    it("skips line noise before a request", async () => {
      const host = await connect(bus.create(), kind);
      await host.send([0x00, 0x55, 0xff, 0x03, ...bus.openLock1]);
      expect([...(await host.take(bus.opened.length))]).toEqual([...bus.opened]);
    });

    it("ignores a request with a bad checksum and still answers the good one after it", async () => {
      const simulator = bus.create();
      const host = await connect(simulator, kind);
      await host.send(bus.openWithBadChecksum);
      expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
      expect(simulator.isOpen(bus.board, 1)).toBe(false);
      await host.send(bus.openLock1);
      expect([...(await host.take(bus.opened.length))]).toEqual([...bus.opened]);
    });

    it("counts each physical open once, however often an open door is told to open", async () => {
      const simulator = bus.create();
      const host = await connect(simulator, kind);
      await host.send(bus.openLock1);
      await host.take(bus.opened.length);
      await host.send(bus.openLock1);
      expect([...(await host.take(bus.opened.length))]).toEqual([...bus.opened]);
      expect(simulator.opensOf(bus.board, 1)).toBe(1);
      simulator.closeDoor(bus.board, 1);
      // Let a change report, on boards that send one, arrive before listening for the next answer.
      await host.silentFor(50);
      host.clear();
      await host.send(bus.openLock1);
      await host.take(bus.opened.length);
      expect(simulator.opensOf(bus.board, 1)).toBe(2);
      expect(simulator.snapshot().boards[0]?.locks[0]).toMatchObject({ opens: 2, openCommands: 3 });
    });

    it("answers only after the configured latency", async () => {
      const host = await connect(bus.create({ replyLatencyMs: 120 }), kind);
      await host.send(bus.openLock1);
      expect(await host.silentFor(60)).toBe(true);
      expect([...(await host.take(bus.opened.length))]).toEqual([...bus.opened]);
    });

    it("opens the door but the host hears nothing when replies are lost", async () => {
      const simulator = bus.create();
      simulator.setRepliesLost(true);
      const host = await connect(simulator, kind);
      await host.send(bus.openLock1);
      expect(await host.silentFor(NO_ANSWER_MS)).toBe(true);
      expect(simulator.isOpen(bus.board, 1)).toBe(true);
    });
  });

  describe("doors and faults, whatever the link", () => {
    it("records every door opening and closing as activity", async () => {
      const simulator = bus.create();
      cleanup.push(() => simulator.dispose());
      const activity: string[] = [];
      simulator.on("activity", (description) => activity.push(description));
      simulator.receive(bus.openLock1);
      await sleep(20);
      simulator.closeDoor(bus.board, 1);
      expect(activity).toEqual([
        `board ${bus.board} lock 1: door opened`,
        `board ${bus.board} lock 1: door closed`,
      ]);
    });

    it("closes a door by itself after autoCloseAfterMs, as a resident would", async () => {
      const simulator = bus.create({ autoCloseAfterMs: 20 });
      cleanup.push(() => simulator.dispose());
      simulator.receive(bus.openLock1);
      await sleep(10);
      expect(simulator.isOpen(bus.board, 1)).toBe(true);
      await sleep(60);
      expect(simulator.isOpen(bus.board, 1)).toBe(false);
      expect(simulator.opensOf(bus.board, 1)).toBe(1);
    });

    it("keeps a door that was left open open past autoCloseAfterMs", async () => {
      const simulator = bus.create({ autoCloseAfterMs: 20 });
      cleanup.push(() => simulator.dispose());
      simulator.leaveOpen(bus.board, 1);
      simulator.receive(bus.openLock1);
      await sleep(80);
      expect(simulator.isOpen(bus.board, 1)).toBe(true);
      expect(simulator.snapshot().boards[0]?.locks[0]).toMatchObject({
        open: true,
        leftOpen: true,
      });
      simulator.closeDoor(bus.board, 1);
      expect(simulator.isOpen(bus.board, 1)).toBe(false);
    });

    it("shows per board and per lock the door, jam, item and opens count in a snapshot", () => {
      const simulator = bus.create();
      cleanup.push(() => simulator.dispose());
      simulator.jam(bus.board, 3);
      simulator.setItemPresent(bus.board, 4, true);
      const [board] = simulator.snapshot().boards;
      expect(board?.address).toBe(bus.board);
      expect(board?.locks[2]).toEqual({
        lock: 3,
        open: false,
        jammed: true,
        leftOpen: false,
        itemPresent: false,
        opens: 0,
        openCommands: 0,
      });
      expect(board?.locks[3]).toMatchObject({ lock: 4, itemPresent: true, jammed: false });
    });

    it("refuses to act on a lock or board that is not on the bus, with a coded error", () => {
      const simulator = bus.create();
      cleanup.push(() => simulator.dispose());
      expect(() => simulator.jam(bus.board, 99)).toThrow(
        expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_UNKNOWN_LOCK" }),
      );
      expect(() => simulator.closeDoor(bus.board + 7, 1)).toThrow(
        expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_UNKNOWN_BOARD" }),
      );
      expect(() => bus.create({ replyLatencyMs: -1 })).toThrow(
        expect.objectContaining({ code: "LINLI_ERR_SIMULATOR_BAD_OPTION" }),
      );
    });
  });
});
