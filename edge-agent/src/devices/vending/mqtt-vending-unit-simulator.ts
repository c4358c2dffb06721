/**
 * The device side of the MQTT vending unit protocol, for tests and demo
 * mode: announces itself with a retained availability and an offline last
 * will, keeps its slots in a retained state, and vends one order at a time,
 * remembering order ids so a duplicate delivery never vends twice.
 */
import mqtt, { type MqttClient } from "mqtt";
import { Compile } from "typebox/compile";
import type { UnitSlot, UnitVendResult } from "./mqtt-vending-protocol.js";
import { VendCommandSchema } from "./mqtt-vending-protocol.js";

export interface MqttVendingUnitOptions {
  url: string;
  topicPrefix: string;
  /** The unit's user at a broker that wants one (`broker.users`). */
  username?: string;
  password?: string;
  /** Default 6. */
  slots?: number;
  /** Default 3 per slot. */
  stock?: number;
  /** Default 300 fen. */
  priceFen?: number;
  /** How long the motor turns. Default 100 ms. */
  dispenseMs?: number;
}

export interface UnitVendRecord {
  orderId: string;
  slot: number;
  result: "success" | "jammed";
}

const vendCommand = Compile(VendCommandSchema);

export class MqttVendingUnitSimulator {
  /** Every vend whose motor turned, in order: the proof of "no double vend". */
  readonly vends: UnitVendRecord[] = [];
  /** Every vend command received, duplicates and refusals included. */
  readonly commands: unknown[] = [];
  /** When false, vend commands are swallowed without any result (a hung unit). */
  answers = true;
  readonly #options: MqttVendingUnitOptions;
  readonly #slots: UnitSlot[];
  readonly #results = new Map<string, UnitVendResult>();
  readonly #jamsToCome = new Set<number>();
  #client: MqttClient | undefined;

  constructor(options: MqttVendingUnitOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: options.slots ?? 6 }, (_, index) => ({
      slot: index + 1,
      stock: options.stock ?? 3,
      priceFen: options.priceFen ?? 300,
      capacity: 10,
      jammed: false,
      paused: false,
    }));
  }

  get slots(): readonly UnitSlot[] {
    return this.#slots.map((slot) => ({ ...slot }));
  }

  async start(): Promise<void> {
    const client = mqtt.connect(this.#options.url, {
      clientId: `vending-unit-${Math.random().toString(16).slice(2, 10)}`,
      reconnectPeriod: 200,
      ...(this.#options.username === undefined ? {} : { username: this.#options.username }),
      ...(this.#options.password === undefined ? {} : { password: this.#options.password }),
      will: {
        topic: this.#topic("out/availability"),
        payload: Buffer.from(JSON.stringify({ state: "offline" })),
        qos: 1,
        retain: true,
      },
    });
    this.#client = client;
    client.on("error", () => undefined);
    client.on("connect", () => {
      client.subscribe(this.#topic("in/#"), { qos: 1 });
      this.#publish("out/availability", { state: "online" }, true);
      this.#publishState();
    });
    client.on("message", (topic, payload) => this.#receive(topic, payload));
    await new Promise((resolve) => client.once("connect", resolve));
  }

  /** Power cut: the connection drops without a goodbye, so the broker publishes the last will. */
  async crash(): Promise<void> {
    await this.#client?.endAsync(true);
    this.#client = undefined;
  }

  async stop(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    await client
      .publishAsync(this.#topic("out/availability"), '{"state":"offline"}', {
        qos: 1,
        retain: true,
      })
      .catch(() => undefined);
    await client.endAsync();
    this.#client = undefined;
  }

  /** The next vend from this slot jams; the unit only knows (and reports) it when it happens. */
  jamSlot(slot: number): void {
    this.#jamsToCome.add(slot);
  }

  setStock(slot: number, stock: number): void {
    this.#change(slot, { stock });
  }

  /** Publishes anything, for tests of the host's input checks. */
  publishRaw(topic: string, payload: string, retain = false): Promise<unknown> {
    return (
      this.#client?.publishAsync(this.#topic(topic), payload, { qos: 1, retain }) ??
      Promise.resolve()
    );
  }

  #topic(suffix: string): string {
    return `${this.#options.topicPrefix}/${suffix}`;
  }

  #publish(suffix: string, payload: unknown, retain = false): void {
    this.#client?.publish(this.#topic(suffix), JSON.stringify(payload), { qos: 1, retain });
  }

  #publishState(): void {
    this.#publish("out/state", { slots: this.#slots }, true);
  }

  #change(slot: number, change: Partial<UnitSlot>): void {
    const entry = this.#slots[slot - 1];
    if (!entry) throw new RangeError(`this unit has slots 1 to ${this.#slots.length}`);
    Object.assign(entry, change);
    this.#publishState();
  }

  #result(result: UnitVendResult): void {
    this.#results.set(result.orderId, result);
    this.#publish("out/vend/result", result);
  }

  #receive(topic: string, payload: Buffer): void {
    if (topic !== this.#topic("in/vend")) return;
    let command: unknown;
    try {
      command = JSON.parse(payload.toString("utf8"));
    } catch {
      return;
    }
    this.commands.push(command);
    if (!vendCommand.Check(command) || !this.answers) return;
    const { orderId, slot } = command;
    const earlier = this.#results.get(orderId);
    if (earlier) {
      this.#publish("out/vend/result", earlier);
      return;
    }
    const entry = this.#slots[slot - 1];
    const refusal: UnitVendResult["reason"] = !entry
      ? "no_such_slot"
      : entry.paused
        ? "slot_unavailable"
        : entry.stock === 0
          ? "out_of_stock"
          : undefined;
    if (!entry || refusal) {
      this.#result({ orderId, slot, status: "failed", reason: refusal ?? "no_such_slot" });
      return;
    }
    this.#result({ orderId, slot, status: "dispensing" });
    setTimeout(() => {
      if (this.#jamsToCome.delete(slot)) {
        this.vends.push({ orderId, slot, result: "jammed" });
        this.#change(slot, { jammed: true });
        this.#result({ orderId, slot, status: "failed", reason: "jammed" });
        return;
      }
      entry.stock -= 1;
      this.vends.push({ orderId, slot, result: "success" });
      this.#publishState();
      this.#result({ orderId, slot, status: "success" });
    }, this.#options.dispenseMs ?? 100);
  }
}
