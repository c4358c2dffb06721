/**
 * LAN devices that speak JSON over the agent's local MQTT broker. One device
 * owns a topic prefix; what it publishes lives under `<prefix>/out/…`, what
 * the host sends under `<prefix>/in/…`. The transport knows topics, JSON and
 * schemas, not meaning: a protocol (a table of TypeBox schemas per topic)
 * says which messages exist, and a driver gives them meaning.
 *
 * | topic                     | from | retained | payload                                      |
 * |---------------------------|------|----------|----------------------------------------------|
 * | `<prefix>/out/availability` | unit | yes      | `{"state":"online"\|"offline"}`; also the unit's last will (offline) |
 * | `<prefix>/out/<name>`       | unit | per name | `protocol.inbound[name]`                     |
 * | `<prefix>/in/<name>`        | host | no       | `protocol.outbound[name]`, QoS 1             |
 *
 * `connected` means both: the broker connection is up and the unit's
 * retained availability says online. Every inbound payload is checked; a
 * malformed one is dropped with a `fault` event, never thrown.
 */
import { EventEmitter } from "node:events";
import { LinliError } from "@linli/protocols";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import Type, { type Static, type TSchema } from "typebox";
import { Compile, type Validator } from "typebox/compile";
import type { Transport, TransportEvents } from "../transport.js";

/** The messages of one kind of MQTT device, by topic name (relative to out/ and in/). */
export interface MqttDeviceProtocol {
  readonly name: string;
  /** What the unit publishes under `<prefix>/out/`. */
  readonly inbound: Readonly<Record<string, TSchema>>;
  /** What the host publishes under `<prefix>/in/`. */
  readonly outbound: Readonly<Record<string, TSchema>>;
}

type Names<T> = keyof T & string;

export type MqttInbound<P extends MqttDeviceProtocol> = {
  [K in Names<P["inbound"]>]: {
    name: K;
    payload: Static<P["inbound"][K]>;
    /** A retained message replayed by the broker on subscribe, not news. */
    retained: boolean;
  };
}[Names<P["inbound"]>];

export type MqttMessageListener<P extends MqttDeviceProtocol> = (message: MqttInbound<P>) => void;

export interface MqttTransportOptions<P extends MqttDeviceProtocol> {
  /** The broker, e.g. the embedded one: `mqtt://127.0.0.1:1883`. */
  url: string;
  topicPrefix: string;
  protocol: P;
  clientId?: string;
  username?: string;
  password?: string;
  /** Default 1000 ms. */
  reconnectPeriodMs?: number;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
}

export const AVAILABILITY_TOPIC = "availability";
export const AvailabilitySchema = Type.Object({
  state: Type.Union([Type.Literal("online"), Type.Literal("offline")]),
});
export type Availability = Static<typeof AvailabilitySchema>;

/** What `write()` takes and `data` carries: the byte view of one message, for generic code. */
const EnvelopeSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  payload: Type.Unknown(),
});

const availability = Compile(AvailabilitySchema);
const envelope = Compile(EnvelopeSchema);
const utf8 = new TextEncoder();

function badPayload(topic: string, why: string, details: Record<string, unknown> = {}): LinliError {
  return new LinliError("LINLI_ERR_MQTT_BAD_PAYLOAD", `dropped a message on ${topic}: ${why}`, {
    status: 400,
    details: { topic, ...details },
  });
}

function firstError(validator: Validator, value: unknown): string {
  const [error] = validator.Errors(value);
  return error ? `${error.instancePath || "/"} ${error.message}` : "does not match its schema";
}

export class MqttTransport<P extends MqttDeviceProtocol>
  extends EventEmitter<TransportEvents>
  implements Transport
{
  readonly description: string;
  readonly protocol: P;
  readonly #options: MqttTransportOptions<P>;
  readonly #inbound: ReadonlyMap<string, Validator>;
  readonly #outbound: ReadonlyMap<string, Validator>;
  readonly #out: string;
  readonly #in: string;
  readonly #listeners = new Set<MqttMessageListener<P>>();
  #client: MqttClient | undefined;
  #brokerUp = false;
  #unitOnline = false;
  #connected = false;

  constructor(options: MqttTransportOptions<P>) {
    super();
    this.#options = options;
    this.protocol = options.protocol;
    const prefix = options.topicPrefix.replace(/\/+$/, "");
    this.#out = `${prefix}/out/`;
    this.#in = `${prefix}/in/`;
    this.#inbound = compileAll(options.protocol.inbound);
    this.#outbound = compileAll(options.protocol.outbound);
    this.description = `${options.protocol.name} on MQTT ${options.url} under ${prefix}/`;
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Whether the broker connection is up, whatever the unit's availability. */
  get brokerConnected(): boolean {
    return this.#brokerUp;
  }

  async start(): Promise<void> {
    if (this.#client) return;
    const options: IClientOptions = {
      clientId: this.#options.clientId ?? `linli-host-${Math.random().toString(16).slice(2, 10)}`,
      reconnectPeriod: this.#options.reconnectPeriodMs ?? 1_000,
      connectTimeout: this.#options.connectTimeoutMs ?? 5_000,
      clean: true,
      ...(this.#options.username === undefined ? {} : { username: this.#options.username }),
      ...(this.#options.password === undefined ? {} : { password: this.#options.password }),
    };
    const client = mqtt.connect(this.#options.url, options);
    this.#client = client;
    client.on("connect", () => {
      this.#brokerUp = true;
      client.subscribe(`${this.#out}#`, { qos: 1 }, (error) => {
        if (error) this.emit("fault", error);
      });
    });
    client.on("close", () => this.#brokerDown());
    client.on("offline", () => this.#brokerDown());
    client.on("error", (error) => this.emit("fault", error));
    client.on("message", (topic, payload, packet) => this.#receive(topic, payload, packet.retain));
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#brokerUp = false;
    this.#unitOnline = false;
    this.#connected = false;
    if (!client) return;
    client.removeAllListeners("message");
    client.removeAllListeners("close");
    client.removeAllListeners("offline");
    await client.endAsync().catch(() => undefined);
    client.removeAllListeners();
  }

  /**
   * Listens for inbound messages that passed their schema (typed, unlike the
   * `data` event's bytes). Returns the function that stops listening.
   */
  onMessage(listener: MqttMessageListener<P>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Publishes one host message; rejects (LINLI_ERR_TRANSPORT_*) when the unit is not reachable. */
  async publish<K extends Names<P["outbound"]>>(
    name: K,
    payload: Static<P["outbound"][K]>,
  ): Promise<void> {
    const validator = this.#outbound.get(name);
    if (!validator) {
      throw new LinliError(
        "LINLI_ERR_MQTT_UNKNOWN_COMMAND",
        `${this.protocol.name} has no "${name}" command`,
        { status: 400 },
      );
    }
    if (!validator.Check(payload)) {
      throw new LinliError(
        "LINLI_ERR_MQTT_BAD_COMMAND",
        `${this.protocol.name} "${name}": ${firstError(validator, payload)}`,
        { status: 400 },
      );
    }
    const client = this.#client;
    if (!client || !this.#connected) {
      throw new LinliError(
        "LINLI_ERR_TRANSPORT_DISCONNECTED",
        `${this.description} is not connected`,
        { status: 503 },
      );
    }
    try {
      await client.publishAsync(`${this.#in}${name}`, JSON.stringify(payload), { qos: 1 });
    } catch (cause) {
      throw new LinliError(
        "LINLI_ERR_TRANSPORT_WRITE_FAILED",
        `could not publish to ${this.description}: ${(cause as Error).message}`,
        { status: 503, cause },
      );
    }
  }

  /** The Transport view: `bytes` is a UTF-8 JSON `{name, payload}` envelope. */
  async write(bytes: Uint8Array): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      value = undefined;
    }
    if (!envelope.Check(value)) {
      throw new LinliError(
        "LINLI_ERR_MQTT_BAD_COMMAND",
        'write() takes a JSON envelope {"name": …, "payload": …}',
        { status: 400 },
      );
    }
    await this.publish(value.name as Names<P["outbound"]>, value.payload as never);
  }

  #brokerDown(): void {
    if (!this.#brokerUp) return;
    this.#brokerUp = false;
    // Availability is news again on reconnect: the retained message is replayed.
    this.#unitOnline = false;
    this.#update("the connection to the MQTT broker was lost");
  }

  #receive(topic: string, payload: Buffer, retained: boolean): void {
    if (!topic.startsWith(this.#out)) return;
    const name = topic.slice(this.#out.length);
    // An empty retained payload clears the topic; it says nothing.
    if (payload.length === 0) {
      if (name === AVAILABILITY_TOPIC)
        this.#setUnitOnline(false, "the unit's availability was cleared");
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(payload.toString("utf8"));
    } catch {
      this.emit("fault", badPayload(topic, "not JSON", { bytes: payload.length }));
      return;
    }
    if (name === AVAILABILITY_TOPIC) {
      if (!availability.Check(value)) {
        this.emit("fault", badPayload(topic, firstError(availability, value)));
        return;
      }
      this.#setUnitOnline(
        value.state === "online",
        retained ? "the unit is offline" : "the unit went offline (last will or shutdown)",
      );
      return;
    }
    const validator = this.#inbound.get(name);
    if (!validator) {
      this.emit("fault", badPayload(topic, `${this.protocol.name} has no "${name}" message`));
      return;
    }
    if (!validator.Check(value)) {
      this.emit("fault", badPayload(topic, firstError(validator, value)));
      return;
    }
    const message = { name, payload: value, retained } as MqttInbound<P>;
    for (const listener of [...this.#listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.emit("fault", error as Error);
      }
    }
    this.emit("data", utf8.encode(JSON.stringify({ name, payload: value })));
  }

  #setUnitOnline(online: boolean, reason: string): void {
    this.#unitOnline = online;
    this.#update(reason);
  }

  #update(reason: string): void {
    const now = this.#brokerUp && this.#unitOnline;
    if (now === this.#connected) return;
    this.#connected = now;
    if (now) this.emit("connected");
    else this.emit("disconnected", reason);
  }
}

function compileAll(schemas: Readonly<Record<string, TSchema>>): ReadonlyMap<string, Validator> {
  return new Map(Object.entries(schemas).map(([name, schema]) => [name, Compile(schema)]));
}
