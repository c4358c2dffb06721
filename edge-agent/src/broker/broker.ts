import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { LinliError } from "@linli/protocols";
import { Aedes } from "aedes";
import { createWebSocketStream, WebSocketServer } from "ws";
import type { BrokerUserConfig } from "../config/index.js";
import type { Logger } from "../log.js";
import { BrokerAccess } from "./access.js";
import { AgentCredential, type BrokerCredentials } from "./agent-credential.js";
import { isLoopbackHost } from "./loopback.js";

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  wsPort: number;
  /** `broker.users`: when any, every client signs in and keeps to its topics. */
  users?: readonly BrokerUserConfig[];
  /** `broker.allowAnonymous`: a broker beyond loopback without users, on purpose. */
  allowAnonymous?: boolean;
  /**
   * Host names of web pages, besides loopback ones, that may open the
   * WebSocket listener (the agent's own http.host and http.allowedHosts).
   */
  webOriginHosts?: readonly string[];
}

/**
 * Whether a browser page from `origin` may open the broker's WebSocket: one
 * from a loopback name or address, or from a host the agent serves its pages
 * as. Another site's page in a browser on this machine may not — on an open
 * broker it could otherwise publish device commands. No Origin: not a
 * browser (a LAN unit, a script), which MQTT sign-in governs instead.
 */
export function webOriginAllowed(
  origin: string | undefined,
  hosts: readonly string[] = [],
): boolean {
  if (origin === undefined) return true;
  let hostname: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    hostname = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  } catch {
    return false;
  }
  if (isLoopbackHost(hostname)) return true;
  return hosts.some((host) => host.toLowerCase() === hostname);
}

/**
 * The agent's own MQTT broker (aedes, MQTT 3.1.1): the local bus for LAN
 * devices and, in demo mode, the default upstream. TCP plus WebSocket (for
 * the fleet view in the browser), both on loopback unless configured.
 */
export class EmbeddedBroker {
  #aedes: Aedes | undefined;
  #tcp: Server | undefined;
  #ws: WebSocketServer | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #options: EmbeddedBrokerOptions;
  readonly #log: Logger;
  readonly #agent = new AgentCredential();
  readonly #access: BrokerAccess;

  constructor(options: EmbeddedBrokerOptions, log: Logger) {
    this.#options = options;
    this.#log = log;
    this.#access = new BrokerAccess(options.users ?? [], this.#agent, log);
  }

  /**
   * How the agent's own clients sign in (device transports, the uplink on
   * this broker, the demo's fleet): made anew at every start, kept only in
   * memory. Sent on an open broker too, where nobody asks for it.
   */
  get agentCredentials(): BrokerCredentials {
    return { username: this.#agent.username, password: this.#agent.password };
  }

  /** Whether clients must sign in (`broker.users` is set). */
  get signInRequired(): boolean {
    return this.#access.required;
  }

  get port(): number {
    return (this.#tcp?.address() as AddressInfo | null)?.port ?? 0;
  }

  get wsPort(): number {
    return (this.#ws?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Without credentials, always: it is logged and shown (the agent's are `agentCredentials`). */
  get url(): string {
    const host = this.#options.host.includes(":") ? `[${this.#options.host}]` : this.#options.host;
    return `mqtt://${host}:${this.port}`;
  }

  async start(): Promise<void> {
    const aedes = await Aedes.createBroker(this.#access.hooks());
    this.#access.dropRefused(aedes);
    this.#aedes = aedes;
    const tcp = createServer((socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
      aedes.handle(socket);
    });
    this.#tcp = tcp;
    await listen(tcp, this.#options.port, this.#options.host, "MQTT");
    const ws = new WebSocketServer({
      host: this.#options.host,
      port: this.#options.wsPort,
      verifyClient: ({ origin }: { origin?: string }) => {
        const allowed = webOriginAllowed(origin || undefined, this.#options.webOriginHosts);
        if (!allowed)
          this.#log.warn(
            { origin: String(origin).slice(0, 100) },
            "embedded broker refused a web page from another site",
          );
        return allowed;
      },
    });
    this.#ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once("listening", resolve);
      ws.once("error", (error) =>
        reject(listenError(error, this.#options.wsPort, "MQTT-over-WebSocket")),
      );
    });
    ws.on("connection", (socket, request) => {
      aedes.handle(createWebSocketStream(socket) as never, request);
    });
    aedes.on("clientError", (client, error) =>
      this.#log.debug({ client: client.id, err: error }, "embedded broker client error"),
    );
    const users = this.#options.users?.length ?? 0;
    this.#log.info(
      { url: this.url, wsPort: this.wsPort, users, signIn: users > 0 ? "required" : "open" },
      "embedded MQTT broker listening",
    );
    if (users === 0 && !isLoopbackHost(this.#options.host)) {
      // Only reachable with broker.allowAnonymous: the config check refuses it otherwise.
      this.#log.warn(
        { host: this.#options.host },
        "the embedded broker listens beyond loopback without broker.users (broker.allowAnonymous): any device on that network may publish device commands",
      );
    }
  }

  async stop(): Promise<void> {
    const ws = this.#ws;
    for (const client of ws?.clients ?? []) client.terminate();
    // aedes first: it closes its clients, without which the servers would wait for them forever.
    await new Promise<void>((resolve) =>
      this.#aedes ? this.#aedes.close(() => resolve()) : resolve(),
    );
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (ws ? ws.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) =>
      this.#tcp ? this.#tcp.close(() => resolve()) : resolve(),
    );
    this.#ws = undefined;
    this.#tcp = undefined;
    this.#aedes = undefined;
  }
}

function listen(server: Server, port: number, host: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(listenError(error, port, what)));
    server.listen(port, host, () => resolve());
  });
}

export function listenError(error: Error, port: number, what: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return new LinliError(
      "LINLI_ERR_LISTEN_ADDRESS_IN_USE",
      `port ${port} for ${what} is already in use: stop the other program or choose another port in the config`,
      { cause: error },
    );
  }
  return error;
}
