import { constants } from "node:fs";
import { open } from "node:fs/promises";
import type { BackoffOptions } from "../transport.js";
import { type LinkHandlers, type OpenLink, ReconnectingTransport } from "./reconnecting.js";

/** Read the back channel quickly for a while after each write (status replies), slowly otherwise. */
const FAST_POLL_MS = 5;
const SLOW_POLL_MS = 100;
const FAST_WINDOW_MS = 1_000;

/**
 * The USB printer class device (/dev/usb/lp0): write the job, read the
 * printer's back channel (status replies) where it has one. The fd is
 * non-blocking and read by polling, so closing never waits on a stuck read.
 */
export class UsbLpTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #path: string;

  constructor(path: string, backoff?: BackoffOptions) {
    super(backoff);
    this.#path = path;
    this.description = `USB printer ${path}`;
  }

  protected async openLink(handlers: LinkHandlers): Promise<OpenLink> {
    const file = await open(
      this.#path,
      constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK,
    );
    let closed = false;
    let fastUntil = 0;
    let timer: NodeJS.Timeout | undefined;
    const buffer = Buffer.alloc(512);

    const readLoop = async () => {
      if (closed) return;
      try {
        for (;;) {
          const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
          // Non-blocking: "nothing yet" is EAGAIN, so zero bytes means the device hung up.
          if (bytesRead === 0) {
            if (!closed) handlers.lost("device hung up");
            return;
          }
          handlers.data(new Uint8Array(buffer.subarray(0, bytesRead)));
          fastUntil = Date.now() + FAST_WINDOW_MS;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EAGAIN" && !closed) {
          handlers.lost((error as Error).message);
          return;
        }
      }
      if (!closed)
        timer = setTimeout(readLoop, Date.now() < fastUntil ? FAST_POLL_MS : SLOW_POLL_MS);
    };
    void readLoop();

    return {
      write: async (bytes) => {
        fastUntil = Date.now() + FAST_WINDOW_MS;
        let offset = 0;
        while (offset < bytes.length) {
          try {
            const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
            offset += bytesWritten;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
            await new Promise((resolve) => setTimeout(resolve, FAST_POLL_MS));
          }
        }
        clearTimeout(timer);
        timer = setTimeout(readLoop, FAST_POLL_MS);
      },
      close: async () => {
        closed = true;
        clearTimeout(timer);
        await file.close().catch(() => undefined);
      },
    };
  }
}
