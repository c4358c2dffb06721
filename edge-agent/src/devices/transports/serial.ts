import type { BindingInterface } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";
import type { BackoffOptions } from "../transport.js";
import { type LinkHandlers, type OpenLink, ReconnectingTransport } from "./reconnecting.js";

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: "none" | "even" | "odd" | "mark" | "space";
  stopBits?: 1 | 1.5 | 2;
}

/** A serial port through any serialport binding: the real one, or a simulator's. */
export class SerialTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #binding: BindingInterface;
  readonly #settings: SerialSettings;

  constructor(binding: BindingInterface, settings: SerialSettings, backoff?: BackoffOptions) {
    super(backoff);
    this.#binding = binding;
    this.#settings = settings;
    this.description = `serial port ${settings.path} at ${settings.baudRate} baud`;
  }

  protected async openLink(handlers: LinkHandlers): Promise<OpenLink> {
    const port = new SerialPortStream({
      binding: this.#binding,
      path: this.#settings.path,
      baudRate: this.#settings.baudRate,
      dataBits: this.#settings.dataBits ?? 8,
      parity: this.#settings.parity ?? "none",
      stopBits: this.#settings.stopBits ?? 1,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(error) : resolve())),
    );
    let closing = false;
    port.on("data", (chunk: Buffer) => handlers.data(new Uint8Array(chunk)));
    port.on("close", (error?: Error & { disconnected?: boolean }) => {
      if (!closing) handlers.lost(error?.message ?? "port closed");
    });
    port.on("error", (error: Error) => {
      if (!closing) handlers.lost(error.message);
    });
    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          port.write(Buffer.from(bytes), (error) =>
            error ? reject(error) : port.drain(() => resolve()),
          );
        }),
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        }),
    };
  }
}
