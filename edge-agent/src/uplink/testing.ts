import mqtt, { type MqttClient } from "mqtt";
import type { UplinkPort } from "./commands.js";

/** Test support: a plain mqtt.js client seen as the uplink port the agent's services use. */
export function uplinkPort(client: MqttClient): UplinkPort {
  return {
    publish: async (topic, payload, { qos, retain }) => {
      await client.publishAsync(topic, payload, { qos, retain });
    },
    subscribe: async (topic, qos) => {
      await client.subscribeAsync(topic, { qos });
    },
    onMessage: (handler) => {
      client.on("message", handler);
      return () => client.off("message", handler);
    },
  };
}

/** Connects a test client; `onCleanup` receives how to end it. */
export async function connectClient(
  url: string,
  onCleanup: (end: () => unknown) => void,
): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  onCleanup(() => client.endAsync(true));
  return client;
}
