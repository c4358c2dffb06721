/**
 * The little the command router, dataset sync and telemetry need of an MQTT
 * client: a few lines adapt mqtt.js, the uplink's own client or its
 * switchable link to it.
 */
export interface UplinkPort {
  publish(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }): Promise<void>;
  subscribe(topic: string, qos: 0 | 1): Promise<void>;
  /** May return a function that removes the handler. */
  onMessage(handler: (topic: string, payload: Buffer) => void): undefined | (() => void);
}
