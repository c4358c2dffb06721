/**
 * What a simulated VMC does with the host's commands: answers selection
 * checks, runs vends one at a time (dispensing, then success or a jam),
 * applies settings. The link (POLLs, windows, ACKs, PACKNOs) is the
 * simulator's business; this side only says which messages to send.
 */
import type { VmcMessage } from "@linli/protocols/vending";
import { VMC_SELECTION_STATUS_CODE, type VmcSlots } from "./vmc-slots.js";

export type VmcVendResult = "success" | "jammed";

export interface VmcVendRecord {
  readonly selection: number;
  readonly result: VmcVendResult;
  /** PACKNO of the host command that started this vend. */
  readonly packNo: number;
  readonly command: "selectToBuy" | "driveSelection";
  readonly priceFen: number;
}

/** A host frame that carries a PACKNO. */
export type VmcHostCommand = Exclude<VmcMessage, { command: "poll" | "ack" }>;

/** A message for the host, numbered when it goes out. */
export type VmcOutgoing = (packNo: number) => VmcMessage;

export interface VmcMachineHooks {
  send(build: VmcOutgoing): void;
  after(ms: number, fn: () => void): void;
  record(description: string, detail?: Record<string, unknown>): void;
  /** The host asked for another POLL interval. */
  setPollInterval(ms: number): void;
}

type PendingVend = Omit<VmcVendRecord, "result" | "priceFen">;

export class VmcMachine {
  readonly slots: VmcSlots;
  readonly vends: VmcVendRecord[] = [];
  vendsSucceeded = 0;
  vendsFailed = 0;
  readonly #hooks: VmcMachineHooks;
  readonly #dispenseMs: number;
  #dispensing: PendingVend | undefined;
  #queue: PendingVend[] = [];

  constructor(slots: VmcSlots, dispenseMs: number, hooks: VmcMachineHooks) {
    this.slots = slots;
    this.#dispenseMs = dispenseMs;
    this.#hooks = hooks;
  }

  /** Selection whose motor is turning now. */
  get dispensing(): number | undefined {
    return this.#dispensing?.selection;
  }

  handle(message: VmcHostCommand): void {
    switch (message.command) {
      case "checkSelection": {
        const verdict = this.slots.verdict(message.selection);
        this.#sendSelectionStatus(message.selection, VMC_SELECTION_STATUS_CODE[verdict]);
        return;
      }
      case "selectToBuy":
      case "driveSelection": {
        const hostManagesStock = message.command === "driveSelection";
        const verdict = this.slots.verdict(message.selection, hostManagesStock);
        if (verdict !== "normal") {
          this.#hooks.record("vend refused", { selection: message.selection, verdict });
          this.#sendSelectionStatus(message.selection, VMC_SELECTION_STATUS_CODE[verdict]);
          return;
        }
        const { selection, packNo, command } = message;
        this.#startVend({ selection, packNo, command });
        return;
      }
      case "setPrice":
        if (message.selection === 0 || this.slots.find(message.selection)) {
          this.slots.setPrice(message.selection, message.price);
        }
        return;
      case "setInventory":
        if (this.slots.find(message.selection)) {
          this.slots.setStock(message.selection, message.inventory);
        }
        return;
      case "setPollInterval":
        // 100 ms units, at most 2 s; 0 keeps the current interval.
        if (message.interval > 0) this.#hooks.setPollInterval(Math.min(message.interval, 20) * 100);
        return;
      case "syncInfo":
        for (const slot of this.slots.list()) {
          this.#hooks.send((packNo) => ({
            command: "selectionInfo",
            packNo,
            selection: slot.selection,
            price: slot.priceFen,
            inventory: slot.stock,
            capacity: slot.capacity,
            productId: slot.selection,
            status: slot.paused ? 1 : 0,
          }));
        }
        return;
      default:
        this.#hooks.record("command ACKed, not simulated", { command: message.command });
    }
  }

  #sendSelectionStatus(selection: number, status: number): void {
    this.#hooks.send((packNo) => ({ command: "selectionStatus", packNo, status, selection }));
  }

  #sendDispenseStatus(selection: number, status: number): void {
    this.#hooks.send((packNo) => ({ command: "dispenseStatus", packNo, status, selection }));
  }

  #startVend(vend: PendingVend): void {
    if (this.#dispensing) {
      this.#queue.push(vend);
      this.#hooks.record("vend queued behind the one in progress", { selection: vend.selection });
      return;
    }
    this.#dispensing = vend;
    this.#hooks.record("dispensing", { selection: vend.selection, packNo: vend.packNo });
    this.#sendDispenseStatus(vend.selection, 1);
    this.#hooks.after(this.#dispenseMs, () => this.#finishVend(vend));
  }

  #finishVend(vend: PendingVend): void {
    const priceFen = this.slots.find(vend.selection)?.priceFen ?? 0;
    const result = this.slots.finishVend(vend.selection);
    if (result === "success") this.vendsSucceeded += 1;
    else this.vendsFailed += 1;
    this.vends.push({ ...vend, result, priceFen });
    this.#hooks.record(result === "success" ? "vend succeeded" : "vend jammed", {
      selection: vend.selection,
      packNo: vend.packNo,
    });
    this.#sendDispenseStatus(vend.selection, result === "success" ? 2 : 3);
    this.#dispensing = undefined;
    const next = this.#queue.shift();
    if (next) this.#startVend(next);
  }
}
