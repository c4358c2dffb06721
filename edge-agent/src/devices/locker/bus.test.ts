import { EventEmitter } from "node:events";
import { LinliError } from "@linli/protocols";
import { describe, expect, it } from "vitest";
import type { Transport, TransportEvents } from "../transport.js";
import { board8aAdapter } from "./board8a-adapter.js";
import { type EchoMode, LockerBus } from "./bus.js";
import { krCu16Adapter } from "./krcu16-adapter.js";
import type { LockerProtocolAdapter } from "./protocol.js";

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));

/** A wire that answers each request with scripted frames (hex), as the adapter and board would. */
class ScriptedWire extends EventEmitter<TransportEvents> implements Transport {
  readonly description = "scripted wire";
  connected = true;
  readonly sent: number[][] = [];
  readonly #script: string[][];

  constructor(script: string[][]) {
    super();
    this.#script = script;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.connected) {
      throw new LinliError("LINLI_ERR_TRANSPORT_DISCONNECTED", "not connected");
    }
    this.sent.push([...bytes]);
    const frames = this.#script.shift() ?? [];
    setTimeout(() => {
      for (const frame of frames) this.emit("data", hex(frame));
    }, 1);
  }
}

const lock8a = board8aAdapter({ boards: 1, locksPerBoard: 24 });
const kr = krCu16Adapter({ boards: 1, locksPerBoard: 16 });
const OPEN = { kind: "open", board: 1, lock: 1 } as const;
const QUERY_ONE = { kind: "lock-status", board: 1, lock: 1 } as const;

function busOn(script: string[][], echo: EchoMode, adapter: LockerProtocolAdapter = lock8a) {
  const wire = new ScriptedWire(script);
  const bus = new LockerBus(wire, adapter, { replyTimeoutMs: 80, echo });
  bus.start();
  return { wire, bus };
}

describe("the locker bus conversation", () => {
  it("takes the first copy of an 8A open as the echo and the opened reply after it", async () => {
    const { bus } = busOn([["8A 01 01 11 9B", "8A 01 01 00 8A"]], true);
    expect(await bus.request(OPEN)).toMatchObject({
      answer: { kind: "open-result", opened: true },
    });
  });

  it("reads a second copy of the open after the echo as the board's failure", async () => {
    const { bus } = busOn([["8A 01 01 11 9B", "8A 01 01 11 9B"]], true);
    expect(await bus.request(OPEN)).toMatchObject({ answer: { opened: false } });
  });

  it("reads the first copy as the failure when the adapter does not echo", async () => {
    const { bus } = busOn([["8A 01 01 11 9B"]], false);
    expect(await bus.request(OPEN)).toMatchObject({ answer: { opened: false } });
  });

  it("calls a lone copy no answer while the echo is unknown, never a failure to retry", async () => {
    const { bus } = busOn([["8A 01 01 11 9B"]], "auto");
    expect(await bus.request(OPEN)).toEqual({ kind: "no-answer", reason: "timeout" });
  });

  it("learns the echo from a query whose copy arrives before the reply", async () => {
    const { bus } = busOn([["80 01 01 33 B3", "80 01 01 11 91"], ["80 01 01 11 91"]], "auto");
    expect(await bus.request(QUERY_ONE)).toMatchObject({ answer: { kind: "door", open: false } });
    expect(bus.echoDetected).toBe(true);
    await bus.request(QUERY_ONE);
    expect(bus.echoDetected).toBe(false);
  });

  it("never takes an echoed KR-CU16 request for a status reply", async () => {
    const { bus } = busOn([["02 00 31 03 36"]], false, kr);
    expect(await bus.request(OPEN)).toEqual({ kind: "no-answer", reason: "timeout" });
  });

  it("passes a change report heard during a request on, and still waits for the reply", async () => {
    const { bus } = busOn([["82 01 05 11 97", "80 01 01 00 80"]], false);
    const reports: unknown[] = [];
    bus.on("unsolicited", (answer) => reports.push(answer));
    expect(await bus.request(QUERY_ONE)).toMatchObject({ answer: { open: true } });
    expect(reports).toEqual([{ kind: "door", board: 1, lock: 5, open: false, unsolicited: true }]);
  });

  it("sends one request at a time, in order", async () => {
    const { bus, wire } = busOn([["80 01 01 11 91"], ["8A 01 01 00 8A"]], false);
    const [first, second] = await Promise.all([bus.request(QUERY_ONE), bus.request(OPEN)]);
    expect(first).toMatchObject({ answer: { kind: "door" } });
    expect(second).toMatchObject({ answer: { kind: "open-result" } });
    expect(wire.sent).toEqual([[...hex("80 01 01 33 B3")], [...hex("8A 01 01 11 9B")]]);
  });

  it("says a request was not sent when the link is down", async () => {
    const { bus, wire } = busOn([], false);
    wire.connected = false;
    expect(await bus.request(OPEN)).toEqual({ kind: "not-sent", reason: "disconnected" });
  });
});
