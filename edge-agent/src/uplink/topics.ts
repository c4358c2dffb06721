/**
 * The uplink topic tree (DESIGN.md "Uplink"), version in the path:
 * linli/v1/{site}/{kiosk}/status | telemetry | devices/{device}/state | events
 * | cmd/{name} (+ /result) | dataset | config
 */
export const TOPIC_ROOT = "linli/v1";

export interface KioskTopics {
  base: string;
  status: string;
  telemetry: string;
  events: string;
  deviceState(deviceId: string): string;
  command(name: string): string;
  commandResult(name: string): string;
  /** Subscription for every downlink command. */
  commands: string;
  dataset: string;
  config: string;
}

const SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function kioskTopics(site: string, kiosk: string): KioskTopics {
  for (const segment of [site, kiosk]) {
    // Ids come from the validated config; a wildcard or slash here would leak across kiosks.
    if (!SEGMENT.test(segment)) throw new Error(`"${segment}" cannot be a topic segment`);
  }
  const base = `${TOPIC_ROOT}/${site}/${kiosk}`;
  return {
    base,
    status: `${base}/status`,
    telemetry: `${base}/telemetry`,
    events: `${base}/events`,
    deviceState: (deviceId) => `${base}/devices/${deviceId}/state`,
    command: (name) => `${base}/cmd/${name}`,
    commandResult: (name) => `${base}/cmd/${name}/result`,
    commands: `${base}/cmd/+`,
    dataset: `${base}/dataset`,
    config: `${base}/config`,
  };
}
