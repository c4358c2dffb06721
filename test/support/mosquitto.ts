import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { freePort } from "./ports.js";

/**
 * A real Mosquitto (2.0, MQTT 5 and 3.1.1) for the uplink tests and benches:
 * free ports, persistence in a temp folder, a password file, an ACL, and
 * optionally TLS listeners with a CA made by openssl in the same folder and a
 * WebSocket listener. `restart()` comes back on the same ports and persistence.
 */
export interface MosquittoUser {
  username: string;
  password: string;
}

export interface MosquittoOptions {
  /** The kiosk the `kiosk` user may write for; defaults "test-site" / "kiosk-01". */
  site?: string;
  kiosk?: string;
  /** Adds a TLS listener (server auth) and a mutual-TLS listener (client cert required). */
  tls?: boolean;
  /** Adds an MQTT-over-WebSocket listener beside the TCP one. */
  websockets?: boolean;
  /** Extra mosquitto.conf lines (global section). */
  config?: string[];
  /** More users in the password file (a fleet's kiosks, `<site>/<kiosk>`), hashed in one go. */
  users?: MosquittoUser[];
  /**
   * More ACL lines after the built-in users' blocks — `pattern` rules and
   * `user` blocks of their own (a `topic` line before any `user` line would
   * belong to the last built-in user).
   */
  acl?: string[];
}

export interface MosquittoTlsFiles {
  /** The CA that signed the server and client certs. */
  ca: string;
  /** A CA that signed nothing here: a client trusting it must refuse the broker. */
  wrongCa: string;
  clientCert: string;
  clientKey: string;
}

export interface Mosquitto {
  host: string;
  port: number;
  /** mqtt://127.0.0.1:port */
  url: string;
  /** mqtts://localhost:port (server auth only); set with `tls`. */
  tlsUrl?: string;
  /** mqtts://localhost:port requiring a client certificate; set with `tls`. */
  mtlsUrl?: string;
  /** ws://127.0.0.1:port; set with `websockets`. */
  wsUrl?: string;
  tls?: MosquittoTlsFiles;
  dir: string;
  site: string;
  kiosk: string;
  /** May write only linli/v1/<site>/<kiosk>/# and read its cmd, dataset and config topics. */
  kioskUser: MosquittoUser;
  /** May read linli/v1/# and nothing else (the fleet view). */
  fleetUser: MosquittoUser;
  /** May read and write linli/v1/# (the upstream service: commands, datasets). */
  upstreamUser: MosquittoUser;
  /** What the broker logged so far (for failure messages). */
  output(): string;
  /** The broker's process id while it runs (for /proc figures). */
  pid(): number | undefined;
  /** SIGTERM: Mosquitto saves its persistence file and exits. */
  stop(): Promise<void>;
  /** SIGKILL: nothing saved since the last autosave. */
  kill(): Promise<void>;
  /** Starts again on the same ports with the same persistence. */
  restart(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const site = options.site ?? "test-site";
  const kiosk = options.kiosk ?? "kiosk-01";
  const dir = mkdtempSync(join(tmpdir(), "linli-mosquitto-"));
  mkdirSync(join(dir, "data"));
  const host = "127.0.0.1";
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  const mtlsPort = options.tls ? await freePort() : undefined;
  const wsPort = options.websockets ? await freePort() : undefined;

  const kioskUser = user("kiosk");
  const fleetUser = user("fleet");
  const upstreamUser = user("upstream");
  const passwd = join(dir, "passwd");
  // Written in plain text and hashed in place by mosquitto_passwd -U: one process for a thousand users.
  const everyone = [kioskUser, fleetUser, upstreamUser, ...(options.users ?? [])];
  writeFileSync(passwd, everyone.map((u) => `${u.username}:${u.password}\n`).join(""), {
    mode: 0o600,
  });
  execFileSync("mosquitto_passwd", ["-U", passwd]);

  const base = `linli/v1/${site}/${kiosk}`;
  const acl = join(dir, "acl");
  writeFileSync(
    acl,
    [
      `user ${kioskUser.username}`,
      `topic write ${base}/#`,
      `topic read ${base}/cmd/#`,
      `topic read ${base}/dataset`,
      `topic read ${base}/config`,
      "",
      `user ${fleetUser.username}`,
      "topic read linli/v1/#",
      "",
      `user ${upstreamUser.username}`,
      "topic readwrite linli/v1/#",
      "",
      ...(options.acl ?? []),
      "",
    ].join("\n"),
  );

  const tls = options.tls ? makeCertificates(dir) : undefined;
  const lines = [
    "per_listener_settings false",
    "allow_anonymous false",
    `password_file ${passwd}`,
    `acl_file ${acl}`,
    "persistence true",
    `persistence_location ${join(dir, "data")}/`,
    // A burst to a subscriber that is briefly away must queue, not be dropped at the default 1000.
    "max_queued_messages 1000000",
    "log_dest stderr",
    "log_type error",
    "log_type warning",
    "log_type notice",
    ...(process.getuid?.() === 0 ? ["user root"] : []),
    ...(options.config ?? []),
    `listener ${port} ${host}`,
  ];
  if (tls && tlsPort && mtlsPort) {
    const server = [
      `cafile ${tls.ca}`,
      `certfile ${join(dir, "server.crt")}`,
      `keyfile ${join(dir, "server.key")}`,
    ];
    lines.push(`listener ${tlsPort} ${host}`, ...server);
    lines.push(`listener ${mtlsPort} ${host}`, ...server, "require_certificate true");
  }
  if (wsPort) lines.push(`listener ${wsPort} ${host}`, "protocol websockets");
  const configFile = join(dir, "mosquitto.conf");
  writeFileSync(configFile, `${lines.join("\n")}\n`);

  let output = "";
  let child: ChildProcess | undefined;
  const ports = [port, tlsPort, mtlsPort, wsPort].filter((p): p is number => p !== undefined);

  const launch = async (): Promise<void> => {
    const started = spawn("mosquitto", ["-c", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    started.stdout?.on("data", collect);
    started.stderr?.on("data", collect);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const listening of ports) {
      while (!(await accepts(host, listening))) {
        if (started.exitCode !== null || started.signalCode !== null)
          throw new Error(`mosquitto exited (${started.exitCode}) before listening:\n${output}`);
        if (Date.now() > deadline) {
          started.kill("SIGKILL");
          throw new Error(`mosquitto did not listen on ${listening}:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill(signal);
    await exited;
  };

  // A crashed test run must not leave brokers behind, nor their folders (a restart needs
  // the persistence file, so the folder goes only when the test process does).
  process.once("exit", () => {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  await launch();

  return {
    host,
    port,
    url: `mqtt://${host}:${port}`,
    ...(tlsPort ? { tlsUrl: `mqtts://localhost:${tlsPort}` } : {}),
    ...(mtlsPort ? { mtlsUrl: `mqtts://localhost:${mtlsPort}` } : {}),
    ...(wsPort ? { wsUrl: `ws://${host}:${wsPort}` } : {}),
    ...(tls ? { tls } : {}),
    dir,
    site,
    kiosk,
    kioskUser,
    fleetUser,
    upstreamUser,
    output: () => output,
    pid: () => child?.pid,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
    restart: async () => {
      await end("SIGTERM");
      await launch();
    },
  };
}

function user(name: string): MosquittoUser {
  return { username: `${name}-${randomBytes(3).toString("hex")}`, password: randomHex() };
}

function randomHex(): string {
  return randomBytes(12).toString("hex");
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A test CA, a server cert for localhost/127.0.0.1, a client cert, and an unrelated CA. */
function makeCertificates(dir: string): MosquittoTlsFiles {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  for (const ca of ["ca", "wrong-ca"]) {
    openssl(
      "req",
      "-x509",
      ...ecKey,
      "-days",
      "2",
      "-subj",
      `/CN=linli test ${ca}`,
      "-keyout",
      file(`${ca}.key`),
      "-out",
      file(`${ca}.crt`),
    );
  }
  writeFileSync(file("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  for (const [name, subject, ext] of [
    ["server", "/CN=localhost", ["-extfile", file("server.ext")]],
    ["client", "/CN=kiosk-01", []],
  ] as const) {
    openssl(
      "req",
      ...ecKey,
      "-subj",
      subject,
      "-keyout",
      file(`${name}.key`),
      "-out",
      file(`${name}.csr`),
    );
    openssl(
      "x509",
      "-req",
      "-in",
      file(`${name}.csr`),
      "-CA",
      file("ca.crt"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-days",
      "2",
      "-out",
      file(`${name}.crt`),
      ...ext,
    );
  }
  return {
    ca: file("ca.crt"),
    wrongCa: file("wrong-ca.crt"),
    clientCert: file("client.crt"),
    clientKey: file("client.key"),
  };
}

export interface ReceivedMessage {
  topic: string;
  payload: string;
  retain: boolean;
}

export interface Watcher {
  client: MqttClient;
  received: ReceivedMessage[];
  /** Resolves once `predicate` holds for what was received, or fails after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A peer that reads what the kiosk sends (the fleet view, upstream): QoS 1,
 * MQTT 5, by default a persistent session that survives broker restarts.
 */
export async function watch(
  url: string,
  user: MosquittoUser,
  topics: string[],
  options: { clientId?: string; clean?: boolean } = {},
): Promise<Watcher> {
  const received: ReceivedMessage[] = [];
  const client = mqtt.connect(url, {
    ...user,
    clientId: options.clientId ?? `watcher-${randomHex()}`,
    clean: options.clean ?? false,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: 3600 },
    reconnectPeriod: 100,
  });
  client.on("error", () => {});
  client.on("message", (topic, payload, packet) =>
    received.push({ topic, payload: payload.toString(), retain: packet.retain }),
  );
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
  return {
    client,
    received,
    waitFor: async (predicate, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`timed out after ${received.length} messages on ${topics.join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => client.endAsync(true),
  };
}
