import { isLinliError } from "@linli/protocols";
import mqtt, { type IClientOptions } from "mqtt";
import type { Config } from "../config/index.js";
import { describeFailure, redactUrl, refusesProtocol } from "../uplink/failures.js";
import { mqttOptions } from "../uplink/mqtt-options.js";
import { type Finding, fail, pass } from "./finding.js";

const CONNECT_TIMEOUT_MS = 5_000;

type Attempt = { connected: true } | { connected: false; failure: unknown };

function attempt(url: string, options: IClientOptions): Promise<Attempt> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, options);
    let settled = false;
    const done = (result: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeAllListeners();
      client.on("error", () => {});
      client.end(true);
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        done({
          connected: false,
          failure: Object.assign(new Error("no answer"), { code: "ETIMEDOUT" }),
        }),
      CONNECT_TIMEOUT_MS + 1_000,
    );
    client.once("connect", () => done({ connected: true }));
    client.once("error", (failure) => done({ connected: false, failure }));
    client.once("close", () =>
      done({ connected: false, failure: Object.assign(new Error("closed"), { code: "ECLOSED" }) }),
    );
  });
}

const NETWORK_FIX: Record<string, string> = {
  ECONNREFUSED:
    "nothing accepts connections there: check the port in uplink.url and that the broker runs",
  ENOTFOUND: "the host name does not resolve: check uplink.url and DNS (/etc/resolv.conf)",
  EAI_AGAIN: "DNS does not answer: check the network and /etc/resolv.conf",
  ETIMEDOUT:
    "no answer at all: a firewall drops the packets, or the port is wrong; try: nc -vz <host> <port>",
  EHOSTUNREACH: "no route to the broker: check the network cable or Wi-Fi and the gateway",
  ENETUNREACH: "no network: check the network cable or Wi-Fi",
};

/** Whether the upstream broker takes this kiosk, with the kiosk's own credentials and TLS files. */
export async function checkBroker(
  config: Config,
  agentVersion: string | undefined,
): Promise<Finding> {
  const check = "broker";
  const embedded = config.uplink.url === undefined;
  if (embedded && !config.broker.enabled) {
    return fail(
      check,
      "there is no uplink.url and the embedded broker is disabled, so events have nowhere to go",
      "set uplink.url, or broker.enabled: true",
    );
  }
  const url = config.uplink.url ?? `mqtt://${config.broker.host}:${config.broker.port}`;
  const shown = redactUrl(url);
  if (embedded && (!agentVersion || config.broker.port === 0))
    return pass(check, `the embedded broker (${shown}) starts with the agent`);
  if (embedded && config.broker.users.length > 0) return checkEmbeddedSignIn(config, url, shown);
  let options: IClientOptions;
  try {
    // Never the kiosk's own client id: connecting with it would end the running agent's session.
    options = {
      ...mqttOptions(config.uplink, `linli-doctor-${process.pid}`, {
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      }),
      clean: true,
      protocolVersion: 5,
    };
  } catch (error) {
    return fail(
      check,
      isLinliError(error) ? error.message : String(error),
      "fix the file's path or its owner and mode (the agent's user must read it)",
    );
  }
  let result = await attempt(url, options);
  if (!result.connected && refusesProtocol(result.failure))
    result = await attempt(url, { ...options, protocolVersion: 4 });
  if (result.connected) return pass(check, `${shown} accepts this kiosk`);
  const error = describeFailure(result.failure, shown, false, config.uplink.username);
  const code = (result.failure as { code?: unknown } | undefined)?.code;
  switch (error.code) {
    case "LINLI_ERR_UPLINK_CREDENTIALS_REFUSED":
      return fail(
        check,
        error.message,
        "ask the district for this kiosk's MQTT account; put the password alone in uplink.passwordFile (root:linli, mode 0640)",
      );
    case "LINLI_ERR_UPLINK_TLS":
      return fail(
        check,
        error.message,
        "install the district's CA file as uplink.ca; if the certificate is 'not yet valid' or 'expired', check the clock",
      );
    default:
      return fail(
        check,
        `cannot reach the broker at ${shown} (${typeof code === "string" ? code : error.message}), so events wait in the outbox until it can`,
        (typeof code === "string" ? NETWORK_FIX[code] : undefined) ??
          "check uplink.url and the network",
      );
  }
}

/**
 * The running agent's embedded broker with `broker.users`: its own clients
 * sign in with a credential only the agent holds, so the doctor checks that
 * a client without one is refused, as every stranger must be.
 */
async function checkEmbeddedSignIn(config: Config, url: string, shown: string): Promise<Finding> {
  const check = "broker";
  const users = config.broker.users.length;
  const result = await attempt(url, {
    clientId: `linli-doctor-${process.pid}`,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    protocolVersion: 4,
    log: () => {},
  });
  if (result.connected) {
    return fail(
      check,
      `the broker at ${shown} took a client without credentials, yet broker.users lists ${users}: it is not the agent's embedded broker`,
      "find the program on broker.port (linli doctor's broker-port check names it) and stop it",
    );
  }
  const code = (result.failure as { code?: unknown } | undefined)?.code;
  if (code === 4 || code === 5) {
    return pass(
      check,
      `the embedded broker (${shown}) is running and refuses clients without credentials (broker.users lists ${users}); the agent signs in with its own`,
    );
  }
  return fail(
    check,
    `cannot reach the embedded broker at ${shown} (${typeof code === "string" ? code : String(code)})`,
    (typeof code === "string" ? NETWORK_FIX[code] : undefined) ??
      "check that the agent is running (systemctl status linli-agent)",
  );
}
