import { OperatorUplinkResponse } from "@linli/protocols/api";
import type { FastifyRequest } from "fastify";
import type { SqliteDatabase } from "../../store/index.js";
import type { DisconnectedInfo, UplinkListener } from "../../uplink/connection.js";
import { redactUrl } from "../../uplink/failures.js";
import { type Outbox, Priority } from "../../uplink/outbox.js";
import type { HttpApp } from "../types.js";
import { errorRef } from "./validation.js";

/** What the watch needs of the uplink link (uplink/link.ts): its state, its broker and its events. */
export interface WatchedLink {
  readonly isConnected: boolean;
  readonly active: { readonly url: string };
  on<K extends "connected" | "disconnected">(event: K, listener: UplinkListener<K>): () => void;
}

export interface UplinkWatchState {
  connected: boolean;
  brokerUrl: string;
  embedded: boolean;
  since: string | null;
  lastError: { code: string; message: string; at: string } | null;
}

/** user:password@ in any URL a message quotes. */
const CREDENTIALS = /\/\/[^/@\s]*@/g;

/**
 * Follows the uplink link from the moment the agent starts it, so the
 * console can say since when it is up or down and why it was last lost.
 * Start it right after the uplink starts: the first connect comes later.
 */
export class UplinkWatch {
  readonly #link: WatchedLink;
  readonly #embeddedUrl: string | undefined;
  readonly #now: () => Date;
  #since: Date | null = null;
  #lastError: UplinkWatchState["lastError"] = null;
  #offs: (() => void)[] = [];

  constructor(link: WatchedLink, options: { embeddedUrl?: string; now?: () => Date } = {}) {
    this.#link = link;
    this.#embeddedUrl = options.embeddedUrl;
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    this.#offs = [
      this.#link.on("connected", () => {
        this.#since = this.#now();
        this.#lastError = null;
      }),
      this.#link.on("disconnected", (info: DisconnectedInfo) => {
        this.#since = this.#now();
        this.#lastError = info.error
          ? {
              code: info.error.code,
              message: info.error.message.replace(CREDENTIALS, "//"),
              at: this.#since.toISOString(),
            }
          : null;
      }),
    ];
  }

  stop(): void {
    for (const off of this.#offs.splice(0)) off();
  }

  state(): UplinkWatchState {
    const brokerUrl = redactUrl(this.#link.active.url);
    const connected = this.#link.isConnected;
    return {
      connected,
      brokerUrl,
      embedded: this.#embeddedUrl !== undefined && redactUrl(this.#embeddedUrl) === brokerUrl,
      since: this.#since?.toISOString() ?? null,
      lastError: connected ? null : this.#lastError,
    };
  }
}

export interface OperatorUplinkRoutesOptions {
  guard: (request: FastifyRequest) => Promise<unknown>;
  /** Absent when the uplink is off (no uplink.url and no embedded broker). */
  watch?: Pick<UplinkWatch, "state"> | undefined;
  outbox: Pick<Outbox, "status">;
  db: SqliteDatabase;
  now?: () => Date;
}

/** The operator's view of the uplink: connected or not, to which broker, and the outbox. */
export function operatorUplinkRoutes(options: OperatorUplinkRoutesOptions) {
  const { guard, watch, outbox, db } = options;
  const now = options.now ?? (() => new Date());
  const byPriority = db.prepare("SELECT priority, COUNT(*) AS n FROM outbox GROUP BY priority");
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", guard);

    app.get(
      "/operator/uplink",
      {
        schema: {
          summary:
            "The uplink: connected or not, the broker (no credentials), since when; the outbox",
          tags: ["operator", "uplink"],
          response: { 200: OperatorUplinkResponse, 401: errorRef },
        },
      },
      async () => {
        const status = outbox.status();
        const counts = new Map(
          (byPriority.all() as { priority: number; n: number }[]).map((row) => [
            row.priority,
            row.n,
          ]),
        );
        const oldest = status.oldestAt === null ? Number.NaN : Date.parse(status.oldestAt);
        const link = watch?.state();
        return {
          enabled: link !== undefined,
          connected: link?.connected ?? false,
          brokerUrl: link?.brokerUrl ?? null,
          embedded: link?.embedded ?? false,
          since: link?.since ?? null,
          lastError: link?.lastError ?? null,
          outbox: {
            depth: status.depth,
            bytes: status.bytes,
            byPriority: {
              telemetry: counts.get(Priority.telemetry) ?? 0,
              normal: counts.get(Priority.normal) ?? 0,
              kept: counts.get(Priority.kept) ?? 0,
            },
            oldestAt: status.oldestAt,
            oldestAgeSeconds: Number.isNaN(oldest)
              ? null
              : Math.max(0, Math.round((now().getTime() - oldest) / 1000)),
            dropped: status.dropped,
          },
        };
      },
    );
  };
}

/** A started watch over the uplink's link, or none when there is no uplink. */
export function watchUplink(
  link: WatchedLink | undefined,
  embeddedUrl: string | undefined,
): UplinkWatch | undefined {
  if (!link) return undefined;
  const watch = new UplinkWatch(link, embeddedUrl === undefined ? {} : { embeddedUrl });
  watch.start();
  return watch;
}
