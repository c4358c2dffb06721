/**
 * mqtt.js's browser build (an ES module whose default export is the library).
 * Declared here, only as far as the fleet feed uses it: the package's own
 * typings are Node's, and importing them would bring Node's globals into the
 * whole kiosk UI.
 */
declare module "mqtt/dist/mqtt.esm" {
  export interface BrowserMqttPacket {
    retain?: boolean;
  }
  export interface BrowserMqttClient {
    on(event: "connect" | "reconnect" | "offline" | "close", listener: () => void): unknown;
    on(event: "error", listener: (error: Error) => void): unknown;
    on(
      event: "message",
      listener: (topic: string, payload: Uint8Array, packet: BrowserMqttPacket) => void,
    ): unknown;
    subscribe(
      topics: string[],
      options: { qos: 0 | 1 },
      callback: (error: Error | null | undefined) => void,
    ): unknown;
    end(force?: boolean): unknown;
  }
  const mqtt: {
    connect(url: string, options: Record<string, unknown>): BrowserMqttClient;
  };
  export default mqtt;
}
