/**
 * The community service's MQTT side (topics documented in edge-agent/README.md,
 * "Community topics"): notices and the directory from upstream, the sessions
 * each owner kiosk announces, kiosks' status (is an owner reachable?), and
 * booking requests and replies between kiosks of one site. Every inbound
 * payload is parsed and schema-checked here; a bad one is logged with its
 * reason and dropped, and the agent keeps running.
 */
import {
  CentreDirectory,
  NoticeList,
  notJson,
  PeerReply,
  type PeerReply as PeerReplyMessage,
  PeerRequest,
  type PeerRequest as PeerRequestMessage,
  type SchemaError,
  SessionsAnnouncement,
  type SessionsAnnouncement as SessionsAnnouncementMessage,
  schemaProblem,
} from "@linli/protocols/api";
import { Compile } from "typebox/compile";
import type { Logger } from "../../log.js";
import type { ConnectedInfo } from "../../uplink/connection.js";
import type { UplinkPort } from "../../uplink/port.js";
import { TOPIC_ROOT } from "../../uplink/topics.js";

/** What the service needs of the uplink: the link's port, whether it is up, and its connects. */
export interface CommunityLink extends UplinkPort {
  readonly isConnected: boolean;
  on(event: "connected", listener: (info: ConnectedInfo) => void): () => void;
}

export interface CommunityTopics {
  siteNotices: string;
  kioskNotices: string;
  directory: string;
  /** This kiosk's own announcement. */
  sessions: string;
  requests: string;
  replies: string;
  requestsOf(owner: string): string;
  repliesOf(kiosk: string): string;
  sessionsOfEveryKiosk: string;
  statusOfEveryKiosk: string;
  /** The kiosk segment of `linli/v1/{site}/{kiosk}/{leaf}`, if the topic has that shape. */
  kioskIn(topic: string, leaf: string): string | undefined;
}

export function communityTopics(site: string, kiosk: string): CommunityTopics {
  const siteBase = `${TOPIC_ROOT}/${site}`;
  const base = `${siteBase}/${kiosk}`;
  return {
    siteNotices: `${siteBase}/notices`,
    kioskNotices: `${base}/notices`,
    directory: `${siteBase}/directory`,
    sessions: `${base}/sessions`,
    requests: `${base}/bookings/request`,
    replies: `${base}/bookings/reply`,
    requestsOf: (owner) => `${siteBase}/${owner}/bookings/request`,
    repliesOf: (other) => `${siteBase}/${other}/bookings/reply`,
    sessionsOfEveryKiosk: `${siteBase}/+/sessions`,
    statusOfEveryKiosk: `${siteBase}/+/status`,
    kioskIn: (topic, leaf) => {
      const prefix = `${siteBase}/`;
      const suffix = `/${leaf}`;
      if (!topic.startsWith(prefix) || !topic.endsWith(suffix)) return undefined;
      const middle = topic.slice(prefix.length, topic.length - suffix.length);
      return /^[a-z0-9][a-z0-9-]{0,62}$/.test(middle) ? middle : undefined;
    },
  };
}

export interface PeerHandlers {
  notices(scope: "site" | "kiosk", list: NoticeList): void;
  directory(directory: CentreDirectory): void;
  announcement(owner: string, announcement: SessionsAnnouncementMessage): void;
  status(kiosk: string, online: boolean): void;
  request(request: PeerRequestMessage): Promise<PeerReplyMessage>;
  reply(reply: PeerReplyMessage): void;
  connected(): void;
}

const checkers = {
  notices: Compile(NoticeList),
  directory: Compile(CentreDirectory),
  announcement: Compile(SessionsAnnouncement),
  request: Compile(PeerRequest),
  reply: Compile(PeerReply),
};

export class CommunityPeer {
  readonly #link: CommunityLink;
  readonly #topics: CommunityTopics;
  readonly #kiosk: string;
  readonly #log: Logger;
  readonly #handlers: PeerHandlers;
  readonly #offs: (() => void)[] = [];

  constructor(options: {
    link: CommunityLink;
    topics: CommunityTopics;
    kiosk: string;
    log: Logger;
    handlers: PeerHandlers;
  }) {
    this.#link = options.link;
    this.#topics = options.topics;
    this.#kiosk = options.kiosk;
    this.#log = options.log;
    this.#handlers = options.handlers;
  }

  get connected(): boolean {
    return this.#link.isConnected;
  }

  async start(): Promise<void> {
    const off = this.#link.onMessage((topic, payload) => this.#received(topic, payload));
    if (off) this.#offs.push(off);
    this.#offs.push(this.#link.on("connected", () => this.#handlers.connected()));
    const topics = this.#topics;
    for (const topic of [
      topics.siteNotices,
      topics.kioskNotices,
      topics.directory,
      topics.sessionsOfEveryKiosk,
      topics.statusOfEveryKiosk,
      topics.requests,
      topics.replies,
    ]) {
      // Offline at start is fine: the client subscribes again on every connect.
      await this.#link.subscribe(topic, 1).catch((error: unknown) => {
        this.#log.warn({ err: error, topic }, "community: could not subscribe yet");
      });
    }
  }

  stop(): void {
    for (const off of this.#offs.splice(0)) off();
  }

  announce(announcement: SessionsAnnouncementMessage): Promise<void> {
    return this.#link.publish(this.#topics.sessions, JSON.stringify(announcement), {
      qos: 1,
      retain: true,
    });
  }

  /** Sends a request to `owner`; rejects when the uplink is not connected. */
  request(owner: string, request: PeerRequestMessage): Promise<void> {
    return this.#link.publish(this.#topics.requestsOf(owner), JSON.stringify(request), {
      qos: 1,
      retain: false,
    });
  }

  #received(topic: string, payload: Buffer): void {
    const topics = this.#topics;
    try {
      if (topic === topics.siteNotices || topic === topics.kioskNotices) {
        const list = this.#parse(payload, checkers.notices, "the notices", topic);
        if (list) this.#handlers.notices(topic === topics.siteNotices ? "site" : "kiosk", list);
      } else if (topic === topics.directory) {
        const directory = this.#parse(payload, checkers.directory, "the directory", topic);
        if (directory) this.#handlers.directory(directory);
      } else if (topic === topics.requests) {
        const request = this.#parse(payload, checkers.request, "the booking request", topic);
        if (request) this.#answer(request);
      } else if (topic === topics.replies) {
        const reply = this.#parse(payload, checkers.reply, "the booking reply", topic);
        if (reply) this.#handlers.reply(reply);
      } else {
        this.#kioskTopic(topic, payload);
      }
    } catch (error) {
      this.#log.error({ err: error, topic }, "community: handling a message failed");
    }
  }

  #kioskTopic(topic: string, payload: Buffer): void {
    const owner = this.#topics.kioskIn(topic, "sessions");
    if (owner !== undefined) {
      if (owner === this.#kiosk) return;
      // An empty retained payload clears the topic: the owner runs no sessions any more.
      if (payload.length === 0) {
        this.#handlers.announcement(owner, {
          owner,
          publishedAt: new Date().toISOString(),
          sessions: [],
        });
        return;
      }
      const announcement = this.#parse(payload, checkers.announcement, "the sessions", topic);
      if (!announcement) return;
      if (announcement.owner !== owner) {
        this.#log.warn(
          { topic, owner: announcement.owner },
          "community: sessions of another kiosk's topic, ignored",
        );
        return;
      }
      this.#handlers.announcement(owner, announcement);
      return;
    }
    const kiosk = this.#topics.kioskIn(topic, "status");
    if (kiosk !== undefined && kiosk !== this.#kiosk) {
      let online = false;
      try {
        online = (JSON.parse(payload.toString()) as { status?: unknown }).status === "online";
      } catch {
        online = false;
      }
      this.#handlers.status(kiosk, online);
    }
  }

  #answer(request: PeerRequestMessage): void {
    // The reply goes only to the asking kiosk's own reply topic, never where a payload says.
    if (request.replyTo !== this.#topics.repliesOf(request.from)) {
      this.#log.warn(
        { from: request.from, replyTo: request.replyTo },
        "community: a booking request named a reply topic that is not its kiosk's; dropped",
      );
      return;
    }
    this.#handlers.request(request).then(
      (reply) =>
        this.#link
          .publish(request.replyTo, JSON.stringify(reply), { qos: 1, retain: false })
          .catch((error: unknown) =>
            this.#log.warn(
              { err: error, correlationId: request.correlationId },
              "community: reply not sent",
            ),
          ),
      (error: unknown) =>
        this.#log.error(
          { err: error, correlationId: request.correlationId },
          "community: request failed",
        ),
    );
  }

  #parse<T>(payload: Buffer, checker: Checker<T>, what: string, topic: string): T | undefined {
    let value: unknown;
    try {
      value = JSON.parse(payload.toString());
    } catch (error) {
      this.#log.warn({ topic, reason: notJson(what, error) }, "community: message rejected");
      return undefined;
    }
    if (!checker.Check(value)) {
      this.#log.warn(
        { topic, reason: schemaProblem(checker.Errors(value), what) },
        "community: message rejected",
      );
      return undefined;
    }
    return value;
  }
}

interface Checker<T> {
  Check(value: unknown): value is T;
  Errors(value: unknown): Iterable<SchemaError>;
}
