/**
 * Test scaffolding for the community service (not shipped): a real SQLite
 * store per kiosk, a printer that keeps the documents it was given, and an
 * in-memory MQTT site (retained messages, `+` wildcards, links that go down)
 * for two kiosks booking through each other without a broker.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LinliError } from "@linli/protocols";
import { type ReceiptDocument, renderReceiptText } from "@linli/protocols/escpos";
import type { PrinterDriver } from "../../devices/printer/printer-driver.js";
import { createLogger } from "../../log.js";
import { MIGRATIONS } from "../../store/migrations.js";
import { Store } from "../../store/store.js";
import type { ConnectedInfo } from "../../uplink/connection.js";
import { Outbox } from "../../uplink/outbox.js";
import { CommunityService, type CommunityServiceOptions } from "./community-service.js";
import type { CommunityLink } from "./peer.js";

export const SITE = "test-site";

export class PaperPrinter {
  readonly id = "printer-1";
  readonly printed: { jobId: string; document: ReceiptDocument; text: string; qr: string[] }[] = [];
  broken = false;

  print(document: ReceiptDocument, options: { jobId?: string } = {}): { id: string } {
    if (this.broken) {
      throw new LinliError("LINLI_ERR_GUIDE_NO_PRINTER", "本机暂时不能打印，请联系工作人员", {
        status: 503,
      });
    }
    const jobId = options.jobId ?? `job-${this.printed.length + 1}`;
    const qr = document.blocks.flatMap((block) => (block.kind === "qr" ? [block.data] : []));
    this.printed.push({ jobId, document, text: renderReceiptText(document, 32), qr });
    return { id: jobId };
  }
}

interface Subscriber {
  link: SiteLink;
  filter: string;
}

function matches(filter: string, topic: string): boolean {
  const f = filter.split("/");
  const t = topic.split("/");
  if (f.length !== t.length) return false;
  return f.every((segment, index) => segment === "+" || segment === t[index]);
}

/** A broker in memory for one site. */
export class FakeSite {
  readonly retained = new Map<string, Buffer>();
  readonly subscribers: Subscriber[] = [];

  link(kiosk: string): SiteLink {
    return new SiteLink(this, kiosk);
  }

  deliver(topic: string, payload: Buffer, retain: boolean): void {
    if (retain) this.retained.set(topic, payload);
    for (const { link, filter } of [...this.subscribers]) {
      if (link.isConnected && matches(filter, topic)) link.receive(topic, payload);
    }
  }

  /** What upstream does: publish a message, retained or not. */
  publish(topic: string, value: unknown, retain = true): void {
    this.deliver(
      topic,
      Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
      retain,
    );
  }
}

export class SiteLink implements CommunityLink {
  isConnected = true;
  readonly #site: FakeSite;
  readonly kiosk: string;
  readonly #handlers = new Set<(topic: string, payload: Buffer) => void>();
  readonly #connected = new Set<(info: ConnectedInfo) => void>();

  constructor(site: FakeSite, kiosk: string) {
    this.#site = site;
    this.kiosk = kiosk;
  }

  async publish(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }) {
    if (!this.isConnected) throw new LinliError("LINLI_ERR_UPLINK_OFFLINE", "not connected");
    // Asynchronous like a broker: the answer never arrives inside the publish call.
    setImmediate(() => this.#site.deliver(topic, Buffer.from(payload), options.retain));
  }

  async subscribe(filter: string): Promise<void> {
    this.#site.subscribers.push({ link: this, filter });
    if (!this.isConnected) return;
    for (const [topic, payload] of this.#site.retained) {
      if (matches(filter, topic)) this.receive(topic, payload);
    }
  }

  onMessage(handler: (topic: string, payload: Buffer) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  on(_event: "connected", listener: (info: ConnectedInfo) => void): () => void {
    this.#connected.add(listener);
    return () => this.#connected.delete(listener);
  }

  receive(topic: string, payload: Buffer): void {
    for (const handler of this.#handlers) handler(topic, payload);
  }

  /** Goes online or offline, telling the site as a status (and last will) would. */
  setOnline(online: boolean): void {
    this.isConnected = online;
    const status = `linli/v1/${SITE}/${this.kiosk}/status`;
    this.#site.deliver(
      status,
      Buffer.from(
        JSON.stringify(online ? { status: "online" } : { status: "offline", reason: "lost" }),
      ),
      true,
    );
    if (online) {
      for (const listener of this.#connected) {
        listener({ protocolVersion: 5, sessionPresent: false, receiveMaximum: 100 });
      }
      for (const { link, filter } of this.#site.subscribers) {
        if (link !== this) continue;
        for (const [topic, payload] of this.#site.retained) {
          if (matches(filter, topic)) this.receive(topic, payload);
        }
      }
    }
  }
}

export interface Kiosk {
  id: string;
  store: Store;
  outbox: Outbox;
  printer: PaperPrinter;
  service: CommunityService;
  link?: SiteLink;
  events(): { type: string; payload: Record<string, unknown> }[];
  stop(): Promise<void>;
}

export async function openKiosk(
  id: string,
  options: {
    site?: FakeSite;
    now?: () => Date;
    demo?: boolean;
  } & Partial<CommunityServiceOptions> = {},
): Promise<Kiosk> {
  const path = join(mkdtempSync(join(tmpdir(), "linli-community-")), "linli.db");
  const log = createLogger({ level: "silent" });
  const store = new Store(path, log, MIGRATIONS);
  store.start();
  const outbox = new Outbox(store.db);
  const printer = new PaperPrinter();
  const link = options.site?.link(id);
  if (link) link.setOnline(true);
  const service = new CommunityService({
    db: store.db,
    outbox,
    kiosk: { site: SITE, id, name: "潍坊新村邻里中心" },
    printers: { choosePrinter: () => printer as unknown as PrinterDriver },
    demo: options.demo ?? true,
    replyTimeoutMs: options.replyTimeoutMs ?? 1_000,
    ...(link ? { link } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await service.start();
  return {
    id,
    store,
    outbox,
    printer,
    service,
    ...(link ? { link } : {}),
    events: () =>
      outbox.next(0, 1000).map((event) => ({
        type: event.type,
        payload: event.payload as Record<string, unknown>,
      })),
    stop: async () => {
      await service.stop();
      store.stop();
    },
  };
}

export async function until<T>(read: () => T | undefined, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
