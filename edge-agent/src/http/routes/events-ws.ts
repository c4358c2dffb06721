import fastifyWebsocket from "@fastify/websocket";
import {
  type DisplayState,
  EVENTS_CLIENT_LIMITS,
  EVENTS_CLOSE_CODES,
  type EventsMessage,
  type JobStateDto,
} from "@linli/protocols/api";
import type { WebSocket } from "ws";
import type { EventBus } from "../../bus.js";
import type { DeviceHealth } from "../../devices/device.js";
import { createLogger, type Logger } from "../../log.js";
import { masked, shareableEventData } from "../../operator/redact.js";
import type { HttpApp } from "../types.js";

export interface EventStreamOptions {
  readonly bus: EventBus;
  /** Every device's current state, sent to a client as it connects. */
  readonly devices?: { list(): readonly { id: string; health: DeviceHealth }[] };
  /** The screen's power state, also sent to a client as it connects (it goes dark or stays lit). */
  readonly display?: { state(): DisplayState };
  readonly log?: Logger;
  /** A client that has not answered the previous ping by the next is dropped. Default 30 s. */
  readonly heartbeatMs?: number;
  /** Bytes waiting to go to one client beyond which it is dropped. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
  /** Clients beyond this are turned away with 1013. Default 32. */
  readonly maxClients?: number;
  readonly maxMessagesPerSecond?: number;
  readonly maxMessageBytes?: number;
  readonly now?: () => Date;
}

export interface EventStreamStats {
  clients: number;
  /** Dropped because they did not read what was sent (the buffer bound). */
  droppedSlow: number;
  /** Dropped because they did not answer a ping. */
  droppedDead: number;
  /** Closed for sending too much: 1009 (too large) or 1008 (too many). */
  closedAbusive: number;
}

interface Client {
  alive: boolean;
  windowStartedAt: number;
  messagesInWindow: number;
}

/**
 * The live stream behind `/api/v1/events`: device state, device events and
 * job progress from the bus, as the uplink's message types, to every
 * connected screen. Only what residents may see travels here: the operator's
 * audit and PIN state never reach the bus. Each client has a bounded send
 * buffer; a client that cannot keep up is dropped, never buffered without end.
 */
export class EventStream {
  readonly #options: EventStreamOptions;
  readonly #clients = new Map<WebSocket, Client>();
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #maxBufferedBytes: number;
  readonly #maxMessagesPerSecond: number;
  readonly maxMessageBytes: number;
  readonly #stats = { droppedSlow: 0, droppedDead: 0, closedAbusive: 0 };
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: EventStreamOptions) {
    this.#options = options;
    this.#log = options.log ?? createLogger({ level: "silent" });
    this.#now = options.now ?? (() => new Date());
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.#maxMessagesPerSecond =
      options.maxMessagesPerSecond ?? EVENTS_CLIENT_LIMITS.maxMessagesPerSecond;
    this.maxMessageBytes = options.maxMessageBytes ?? EVENTS_CLIENT_LIMITS.maxMessageBytes;
  }

  get stats(): EventStreamStats {
    return { clients: this.#clients.size, ...this.#stats };
  }

  start(): void {
    const { bus } = this.#options;
    bus.on(this, "deviceHealth", ({ deviceId, health }) =>
      this.broadcast(this.#deviceState(deviceId, health)),
    );
    bus.on(this, "deviceEvent", ({ deviceId, type, data }) =>
      this.broadcast({
        type: "device.event",
        deviceId,
        at: this.#now().toISOString(),
        event: type,
        data: shareableEventData(type, data),
      }),
    );
    bus.on(this, "jobState", ({ jobId, deviceId, kind, state, detail }) =>
      this.broadcast({
        type: "job.state",
        jobId,
        deviceId,
        at: this.#now().toISOString(),
        kind,
        state: state as JobStateDto,
        ...(detail === undefined ? {} : { detail: masked(detail) }),
      }),
    );
    // Vend progress for the resident's screen: ids, slot, amount and state, nothing personal.
    bus.on(this, "vendingOrder", (order) => this.broadcast({ type: "vending.order", ...order }));
    bus.on(this, "displayState", (display) =>
      this.broadcast({ type: "display.state", at: this.#now().toISOString(), display }),
    );
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs ?? 30_000);
    this.#heartbeat.unref();
  }

  stop(): void {
    this.#options.bus.removeListeners(this);
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const socket of this.#clients.keys()) {
      socket.close(EVENTS_CLOSE_CODES.goingAway, "the kiosk agent is stopping");
    }
    this.#clients.clear();
  }

  /** Takes a newly upgraded socket: sends every device's state and the display's, then streams. */
  attach(socket: WebSocket): void {
    socket.on("error", (error) => this.#log.debug({ err: error }, "events client error"));
    if (this.#clients.size >= (this.#options.maxClients ?? 32)) {
      socket.close(EVENTS_CLOSE_CODES.tryAgainLater, "too many screens connected");
      return;
    }
    const client: Client = { alive: true, windowStartedAt: Date.now(), messagesInWindow: 0 };
    this.#clients.set(socket, client);
    socket.on("close", () => this.#clients.delete(socket));
    socket.on("pong", () => {
      client.alive = true;
    });
    socket.on("message", (data: Buffer | ArrayBuffer | Buffer[]) =>
      this.#received(socket, client, data),
    );
    for (const device of this.#options.devices?.list() ?? []) {
      this.#send(socket, JSON.stringify(this.#deviceState(device.id, device.health)));
    }
    const display = this.#options.display?.state();
    if (display) {
      this.#send(
        socket,
        JSON.stringify({ type: "display.state", at: this.#now().toISOString(), display }),
      );
    }
  }

  /** Sends one message to every client; a client that cannot keep up is dropped. */
  broadcast(message: EventsMessage): void {
    if (this.#clients.size === 0) return;
    const text = JSON.stringify(message);
    for (const socket of [...this.#clients.keys()]) this.#send(socket, text);
  }

  #deviceState(deviceId: string, health: DeviceHealth): EventsMessage {
    return {
      type: "device.state",
      deviceId,
      at: this.#now().toISOString(),
      health: masked(health),
    };
  }

  #send(socket: WebSocket, text: string): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount + Buffer.byteLength(text) > this.#maxBufferedBytes) {
      this.#stats.droppedSlow += 1;
      this.#drop(socket, "it does not read what is sent");
      return;
    }
    socket.send(text);
  }

  /** Screens have nothing to say yet: messages are read only to hold clients to the limits. */
  #received(socket: WebSocket, client: Client, data: Buffer | ArrayBuffer | Buffer[]): void {
    const size = Array.isArray(data)
      ? data.reduce((sum, part) => sum + part.length, 0)
      : data.byteLength;
    if (size > this.maxMessageBytes) {
      this.#abusive(socket, EVENTS_CLOSE_CODES.tooLarge, "message too large");
      return;
    }
    const now = Date.now();
    if (now - client.windowStartedAt >= 1000) {
      client.windowStartedAt = now;
      client.messagesInWindow = 0;
    }
    client.messagesInWindow += 1;
    if (client.messagesInWindow > this.#maxMessagesPerSecond) {
      this.#abusive(
        socket,
        EVENTS_CLOSE_CODES.policyViolation,
        `more than ${this.#maxMessagesPerSecond} messages a second`,
      );
    }
  }

  #abusive(socket: WebSocket, code: number, reason: string): void {
    if (!this.#clients.delete(socket)) return;
    this.#stats.closedAbusive += 1;
    this.#log.warn({ code, reason }, "closed an events client that sent too much");
    socket.close(code, reason);
  }

  #beat(): void {
    for (const [socket, client] of [...this.#clients]) {
      if (!client.alive) {
        this.#stats.droppedDead += 1;
        this.#drop(socket, "it did not answer a ping");
        continue;
      }
      client.alive = false;
      socket.ping();
    }
  }

  #drop(socket: WebSocket, why: string): void {
    this.#clients.delete(socket);
    this.#log.info({ why }, "dropped an events client");
    socket.terminate();
  }
}

/**
 * `GET /api/v1/events` (WebSocket). Registers @fastify/websocket in this
 * plugin's context, with the client message size limit.
 */
export function eventsWebSocketRoutes(stream: EventStream) {
  return async (app: HttpApp): Promise<void> => {
    if (!app.hasDecorator("websocketServer")) {
      await app.register(fastifyWebsocket, { options: { maxPayload: stream.maxMessageBytes } });
    }
    app.get(
      "/events",
      {
        websocket: true,
        schema: {
          summary:
            "WebSocket: device.state, device.event, job.state and vending.order messages, as on the MQTT uplink, and display.state for the screen",
          tags: ["events"],
        },
      },
      (socket) => stream.attach(socket),
    );
  };
}
