import { EventEmitter } from "node:events";
import { LinliError } from "@linli/protocols";
import {
  type BackoffOptions,
  backoffDelay,
  DEFAULT_BACKOFF,
  type Transport,
  type TransportEvents,
} from "../transport.js";

/** A link that is open now: how to write to it and how to close it. */
export interface OpenLink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The callbacks a concrete link reports through while it is open. */
export interface LinkHandlers {
  data(chunk: Uint8Array): void;
  /** The link died underneath us (unplug, EOF, socket error). */
  lost(reason: string): void;
}

/**
 * The reconnect loop every transport shares: open, and on failure or loss
 * wait with backoff and open again, until stopped. Subclasses only say how
 * to open their link.
 */
export abstract class ReconnectingTransport
  extends EventEmitter<TransportEvents>
  implements Transport
{
  abstract readonly description: string;
  #link: OpenLink | undefined;
  /** Rejects the writes in flight when the current link is lost (a stream may otherwise wait forever). */
  #linkLost: Promise<never> | undefined;
  #rejectInFlight: ((error: Error) => void) | undefined;
  #running = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #generation = 0;
  readonly #backoff: BackoffOptions;

  constructor(backoff: BackoffOptions = DEFAULT_BACKOFF) {
    super();
    this.#backoff = backoff;
  }

  protected abstract openLink(handlers: LinkHandlers): Promise<OpenLink>;

  get connected(): boolean {
    return this.#link !== undefined;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#tryOpen();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#generation++;
    const link = this.#link;
    this.#link = undefined;
    this.#rejectInFlight?.(new Error("the transport was stopped"));
    await link?.close().catch(() => undefined);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const link = this.#link;
    if (!link) {
      throw new LinliError(
        "LINLI_ERR_TRANSPORT_DISCONNECTED",
        `${this.description} is not connected`,
        { status: 503 },
      );
    }
    try {
      await Promise.race([link.write(bytes), this.#linkLost]);
    } catch (cause) {
      this.#lost(link, `write failed: ${(cause as Error).message}`);
      throw new LinliError(
        "LINLI_ERR_TRANSPORT_WRITE_FAILED",
        `could not write to ${this.description}: ${(cause as Error).message}`,
        {
          status: 503,
          cause,
        },
      );
    }
  }

  async #tryOpen(): Promise<void> {
    if (!this.#running) return;
    const generation = ++this.#generation;
    let opened: OpenLink | undefined;
    try {
      opened = await this.openLink({
        data: (chunk) => {
          if (generation === this.#generation) this.emit("data", chunk);
        },
        lost: (reason) => {
          if (generation === this.#generation && opened) this.#lost(opened, reason);
        },
      });
    } catch (error) {
      if (this.#attempt === 0) this.emit("fault", error as Error);
      this.#schedule();
      return;
    }
    if (!this.#running || generation !== this.#generation) {
      await opened.close().catch(() => undefined);
      return;
    }
    this.#link = opened;
    this.#linkLost = new Promise<never>((_resolve, reject) => {
      this.#rejectInFlight = reject;
    });
    this.#linkLost.catch(() => undefined);
    this.#attempt = 0;
    this.emit("connected");
  }

  #lost(link: OpenLink, reason: string): void {
    if (this.#link !== link) return;
    this.#link = undefined;
    this.#rejectInFlight?.(new Error(`the link was lost: ${reason}`));
    this.#generation++;
    void link.close().catch(() => undefined);
    this.emit("disconnected", reason);
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    const delay = backoffDelay(this.#attempt++, this.#backoff);
    this.#timer = setTimeout(() => void this.#tryOpen(), delay);
  }
}
