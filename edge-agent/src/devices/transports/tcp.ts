import { createConnection } from "node:net";
import type { BackoffOptions } from "../transport.js";
import { type LinkHandlers, type OpenLink, ReconnectingTransport } from "./reconnecting.js";

export interface TcpSettings {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

/** Raw TCP, as network receipt printers speak on port 9100. */
export class TcpTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #settings: TcpSettings;

  constructor(settings: TcpSettings, backoff?: BackoffOptions) {
    super(backoff);
    this.#settings = settings;
    this.description = `tcp ${settings.host}:${settings.port}`;
  }

  protected openLink(handlers: LinkHandlers): Promise<OpenLink> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: this.#settings.host, port: this.#settings.port });
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 10_000);
      const timer = setTimeout(
        () => socket.destroy(new Error("connect timed out")),
        this.#settings.connectTimeoutMs ?? 3_000,
      );
      let closing = false;
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.on("data", (chunk: Buffer) => handlers.data(new Uint8Array(chunk)));
        socket.on("close", () => {
          if (!closing) handlers.lost("connection closed");
        });
        resolve({
          write: (bytes) =>
            new Promise<void>((done, fail) =>
              socket.write(bytes, (error) => (error ? fail(error) : done())),
            ),
          close: () =>
            new Promise<void>((done) => {
              closing = true;
              socket.end(() => done());
              socket.destroy();
              done();
            }),
        });
      });
      socket.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }
}
