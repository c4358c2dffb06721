import { readdir, readFile, readlink } from "node:fs/promises";
import { get as httpGet } from "node:http";
import { createServer } from "node:net";
import type { Config } from "../config/index.js";
import { type Finding, fail, pass } from "./finding.js";
import type { AgentUser } from "./user.js";

/** A port the agent listens on, and the key that sets it. */
export interface Listener {
  check: string;
  what: string;
  host: string;
  port: number;
  key: string;
  env: string;
}

/** Tries to listen where the agent would; the error says why it could not. */
export function tryListen(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** The process listening on a TCP port, from /proc (best effort: root sees every process). */
export async function listenerOf(port: number): Promise<string | undefined> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9])
        inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  const pids = (await readdir("/proc").catch(() => [] as string[])).filter((name) =>
    /^\d+$/.test(name),
  );
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const name = (await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "?")).trim();
        return `${name} (pid ${pid})`;
      }
    }
  }
  return undefined;
}

export interface HealthAnswer {
  status?: string;
  versions?: { agent?: string };
}

/** GET a JSON document with a short timeout; undefined when the answer is not JSON. */
export function getJson(url: string, timeoutMs = 2_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          resolve(undefined);
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

export function httpUrl(config: Config): string {
  const host = config.http.host.includes(":") ? `[${config.http.host}]` : config.http.host;
  return `http://${host}:${config.http.port}`;
}

/** Whether a Linli agent answers at the configured HTTP address, and its version. */
export async function runningAgent(config: Config): Promise<string | undefined> {
  try {
    const health = (await getJson(`${httpUrl(config)}/api/v1/health`)) as HealthAnswer | undefined;
    return health?.status === "ok" ? (health.versions?.agent ?? "unknown version") : undefined;
  } catch {
    return undefined;
  }
}

/** Why the agent could not listen on `listener`, as a finding; undefined when it can. */
export async function checkListener(
  listener: Listener,
  user: AgentUser,
): Promise<Finding | undefined> {
  const { check, what, host, port, key, env } = listener;
  const where = `port ${port} on ${host} (${what}, ${key})`;
  if (port < 1024 && user.info && user.info.uid !== 0) {
    return fail(
      check,
      `${where} is below 1024, where only privileged processes may listen, and the agent runs as ${user.name}`,
      `set ${key} (${env}) to 1024 or above`,
    );
  }
  const error = await tryListen(host, port);
  if (!error) return undefined;
  switch (error.code) {
    case "EADDRINUSE": {
      const holder = await listenerOf(port);
      return fail(
        check,
        `${where} is in use by ${holder ?? "another program"}, so the agent cannot start (it would stop with exit code 69)`,
        `see who holds it: sudo ss -ltnp 'sport = :${port}'; stop that program, or set ${key} (${env}) to a free port`,
      );
    }
    case "EADDRNOTAVAIL":
      return fail(
        check,
        `${host} is not an address of this machine, so nothing can listen on it (${key})`,
        `set ${key.replace(/port$/i, "host")} to 127.0.0.1, or to an address this machine has (ip -brief address)`,
      );
    case "EACCES":
      return fail(
        check,
        `this user may not listen on ${where}`,
        `set ${key} (${env}) to 1024 or above`,
      );
    default:
      return fail(check, `cannot listen on ${where}: ${error.code ?? error.message}`);
  }
}

export interface HttpPortResult {
  finding: Finding;
  /** The version of the Linli agent serving the port, when one is. */
  agentVersion: string | undefined;
}

/** The kiosk API's port: free, served by a Linli agent, or taken by something else. */
export async function checkHttpPort(config: Config, user: AgentUser): Promise<HttpPortResult> {
  const url = httpUrl(config);
  const agentVersion = await runningAgent(config);
  if (agentVersion)
    return { finding: pass("http", `an agent (${agentVersion}) is serving ${url}`), agentVersion };
  const problem = await checkListener(
    {
      check: "http",
      what: "the kiosk API and UI",
      host: config.http.host,
      port: config.http.port,
      key: "http.port",
      env: "LINLI_HTTP_PORT",
    },
    user,
  );
  return {
    finding: problem ?? pass("http", `port ${config.http.port} is free; no agent running`),
    agentVersion: undefined,
  };
}

/** The embedded broker's ports, when it is enabled and the agent is not running. */
export async function checkBrokerPorts(config: Config, user: AgentUser): Promise<Finding[]> {
  if (!config.broker.enabled) return [];
  const findings: Finding[] = [];
  for (const [check, what, port, key, env] of [
    [
      "broker-port",
      "the embedded MQTT broker",
      config.broker.port,
      "broker.port",
      "LINLI_BROKER_PORT",
    ],
    [
      "broker-ws-port",
      "the embedded broker's WebSocket",
      config.broker.wsPort,
      "broker.wsPort",
      "LINLI_BROKER_WS_PORT",
    ],
  ] as const) {
    if (port === 0) continue;
    const problem = await checkListener(
      { check, what, host: config.broker.host, port, key, env },
      user,
    );
    if (problem && port === 1883 && problem.fix)
      problem.fix +=
        "; a Mosquitto installed as a system service holds 1883: sudo systemctl disable --now mosquitto";
    findings.push(problem ?? pass(check, `port ${port} is free for ${what}`));
  }
  return findings;
}
