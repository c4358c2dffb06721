import { createConnection, createServer, type Server, type Socket } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import Type from "typebox";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EmbeddedBroker } from "../../broker/broker.js";
import { createLogger } from "../../log.js";
import { MqttTransport } from "./mqtt.js";

/** A thermostat-like test unit: reports readings, takes set points. */
const PROTOCOL = {
  name: "test unit",
  inbound: { reading: Type.Object({ value: Type.Number() }) },
  outbound: { set: Type.Object({ value: Type.Integer({ minimum: 0, maximum: 100 }) }) },
} as const;

const PREFIX = "lan/test/unit-1";
const log = createLogger({ level: "silent" });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(port = 0): Promise<EmbeddedBroker> {
  const started = new EmbeddedBroker({ host: "127.0.0.1", port, wsPort: 0 }, log);
  await started.start();
  cleanups.push(() => started.stop());
  return started;
}

/** The device side: announces itself online (retained) with an offline last will. */
async function unit(url: string): Promise<MqttClient & { received: unknown[] }> {
  const client = mqtt.connect(url, {
    clientId: `unit-${Math.random().toString(16).slice(2)}`,
    reconnectPeriod: 100,
    will: {
      topic: `${PREFIX}/out/availability`,
      payload: Buffer.from('{"state":"offline"}'),
      qos: 1,
      retain: true,
    },
  });
  const received: unknown[] = [];
  client.on("error", () => undefined);
  client.on("connect", () => {
    client.subscribeAsync(`${PREFIX}/in/#`, { qos: 1 }).catch(() => undefined);
    client.publishAsync(`${PREFIX}/out/availability`, '{"state":"online"}', {
      qos: 1,
      retain: true,
    });
  });
  client.on("message", (_topic, payload) => received.push(JSON.parse(payload.toString())));
  await new Promise((resolve) => client.once("connect", resolve));
  cleanups.push(() => client.endAsync(true));
  return Object.assign(client, { received });
}

/**
 * A TCP hop between the host and the broker whose cable can be pulled.
 * (EmbeddedBroker.stop waits for its clients to leave, so the broker itself
 * cannot be pulled away from under a connected client.)
 */
async function cable(target: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const plug = async () => {
    const listening = createServer((socket) => {
      const upstream = createConnection(target, "127.0.0.1");
      for (const end of [socket, upstream]) {
        sockets.add(end);
        end.on("error", () => undefined);
        end.on("close", () => {
          sockets.delete(end);
          socket.destroy();
          upstream.destroy();
        });
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => listening.listen(port, "127.0.0.1", resolve));
    port = (listening.address() as { port: number }).port;
    server = listening;
  };
  const pull = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  };
  await plug();
  cleanups.push(pull);
  return { url: () => `mqtt://127.0.0.1:${port}`, plug, pull };
}

async function host(url: string) {
  const transport = new MqttTransport({
    url,
    topicPrefix: PREFIX,
    protocol: PROTOCOL,
    reconnectPeriodMs: 100,
  });
  const faults: Error[] = [];
  const messages: unknown[] = [];
  const events: string[] = [];
  transport.on("fault", (error) => faults.push(error));
  transport.on("connected", () => events.push("connected"));
  transport.on("disconnected", (reason) => events.push(`disconnected: ${reason}`));
  transport.onMessage((message) => messages.push(message));
  cleanups.push(() => transport.stop());
  await transport.start();
  return { transport, faults, messages, events };
}

const waitUntil = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 20 });

describe("the MQTT transport for LAN devices", () => {
  it("is connected only once the unit says it is online, and carries messages both ways", async () => {
    const { url } = await broker();
    const { transport, messages } = await host(url);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(transport.brokerConnected).toBe(true);
    expect(transport.connected).toBe(false);

    const device = await unit(url);
    await waitUntil(() => expect(transport.connected).toBe(true));

    const data: string[] = [];
    transport.on("data", (chunk) => data.push(new TextDecoder().decode(chunk)));
    await device.publishAsync(`${PREFIX}/out/reading`, '{"value":21.5}', { qos: 1 });
    await waitUntil(() =>
      expect(messages).toEqual([{ name: "reading", payload: { value: 21.5 }, retained: false }]),
    );
    expect(data.map((text) => JSON.parse(text))).toEqual([
      { name: "reading", payload: { value: 21.5 } },
    ]);

    await transport.publish("set", { value: 40 });
    await transport.write(new TextEncoder().encode('{"name":"set","payload":{"value":41}}'));
    await waitUntil(() => expect(device.received).toEqual([{ value: 40 }, { value: 41 }]));
  });

  it("drops malformed payloads with a fault and keeps delivering good ones", async () => {
    const { url } = await broker();
    const { transport, faults, messages } = await host(url);
    const device = await unit(url);
    await waitUntil(() => expect(transport.connected).toBe(true));

    for (const [topic, payload] of [
      ["reading", "{not json"],
      ["reading", '{"value":"warm"}'],
      ["reading", "[1,2]"],
      ["weather", '{"value":1}'],
      ["availability", '{"state":"sleepy"}'],
    ] as const) {
      await device.publishAsync(`${PREFIX}/out/${topic}`, payload, { qos: 1 });
    }
    await device.publishAsync(`${PREFIX}/out/reading`, '{"value":7}', { qos: 1 });
    await waitUntil(() => expect(messages).toHaveLength(1));
    expect(faults.map((fault) => (fault as { code?: string }).code)).toEqual(
      Array(5).fill("LINLI_ERR_MQTT_BAD_PAYLOAD"),
    );
    expect(transport.connected).toBe(true);
  });

  it("refuses a command that breaks its schema, before it reaches the unit", async () => {
    const { url } = await broker();
    const { transport } = await host(url);
    await unit(url);
    await waitUntil(() => expect(transport.connected).toBe(true));
    await expect(transport.publish("set", { value: 101 })).rejects.toMatchObject({
      code: "LINLI_ERR_MQTT_BAD_COMMAND",
      status: 400,
    });
  });

  it("goes disconnected on the unit's last will, refuses commands, and is back when the unit returns", async () => {
    const { url } = await broker();
    const { transport, events } = await host(url);
    const device = await unit(url);
    await waitUntil(() => expect(transport.connected).toBe(true));

    await device.endAsync(true);
    await waitUntil(() => expect(transport.connected).toBe(false));
    expect(events.at(-1)).toMatch(/^disconnected: the unit went offline/);
    await expect(transport.publish("set", { value: 1 })).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });

    await unit(url);
    await waitUntil(() => expect(transport.connected).toBe(true));
  });

  it("goes disconnected when the broker goes away, without throwing, and reconnects", async () => {
    const { url, port } = await broker();
    const link = await cable(port);
    const { transport, events } = await host(link.url());
    await unit(url);
    await waitUntil(() => expect(transport.connected).toBe(true));

    await link.pull();
    await waitUntil(() => expect(transport.connected).toBe(false));
    expect(events.at(-1)).toBe("disconnected: the connection to the MQTT broker was lost");
    await expect(transport.publish("set", { value: 1 })).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });

    await link.plug();
    await waitUntil(() => expect(transport.connected).toBe(true));
  });
});
