import { readFileSync } from "node:fs";
import { LinliError } from "@linli/protocols";
import type { IClientOptions, MqttClient } from "mqtt";
import type { QoS, UplinkConfig, UplinkWill } from "./connection.js";
import { subscribeRefused } from "./failures.js";

/** What mqtt.js needs beyond the uplink config. */
export interface MqttSessionOptions {
  will?: UplinkWill;
  keepaliveSeconds?: number;
  connectTimeoutMs?: number;
}

/**
 * mqtt.js options for one uplink config: a persistent session, no mqtt.js
 * reconnects (the client owns backoff), credentials and TLS files read now,
 * so a missing file fails before any attempt.
 */
export function mqttOptions(
  config: UplinkConfig,
  clientId: string,
  options: MqttSessionOptions,
): IClientOptions {
  const password = config.password ?? readConfigFile(config.passwordFile, "passwordFile");
  return {
    clientId,
    clean: false,
    reconnectPeriod: 0,
    // mqtt.js's debug logging formats a line per packet; ours logs what matters.
    log: () => {},
    queueQoSZero: false,
    keepalive: options.keepaliveSeconds ?? 30,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    rejectUnauthorized: config.rejectUnauthorized,
    ...(config.username ? { username: config.username } : {}),
    ...(password === undefined ? {} : { password: password.replace(/\r?\n$/, "") }),
    ...(config.ca ? { ca: readConfigFile(config.ca, "ca") } : {}),
    ...(config.cert ? { cert: readConfigFile(config.cert, "cert") } : {}),
    ...(config.key ? { key: readConfigFile(config.key, "key") } : {}),
    ...(options.will
      ? {
          will: {
            qos: 1,
            retain: true,
            ...options.will,
            payload: Buffer.from(options.will.payload),
          },
        }
      : {}),
  };
}

function readConfigFile(path: string | undefined, key: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new LinliError(
      "LINLI_ERR_UPLINK_FILE_UNREADABLE",
      `cannot read uplink.${key} "${path}" (${reason}): check the path and that the agent's user may read it`,
      { cause },
    );
  }
}

export function subscribeOn(raw: MqttClient, topic: string, qos: QoS): Promise<void> {
  return new Promise((resolve, reject) => {
    raw.subscribe(topic, { qos }, (error, granted) => {
      const refused = granted?.find((grant) => grant.qos >= 0x80);
      if (error || refused) reject(subscribeRefused(topic, error));
      else resolve();
    });
  });
}
