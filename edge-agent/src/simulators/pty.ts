import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autoDetect } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";
import type { DeviceSimulator } from "./simulator.js";

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A pseudo-terminal pair made by socat: the agent opens `hostPath` with its
 * real serialport code, a simulator holds `devicePath`. Killing socat is
 * pulling the cable; start() again is plugging it back in, at the same paths.
 */
export class PtyPair {
  readonly hostPath: string;
  readonly devicePath: string;
  #socat: ChildProcess | undefined;

  constructor(dir: string = mkdtempSync(join(tmpdir(), "linli-pty-")), name = "tty") {
    this.hostPath = join(dir, `${name}-host`);
    this.devicePath = join(dir, `${name}-device`);
  }

  static async open(dir?: string, name?: string): Promise<PtyPair> {
    const pair = new PtyPair(dir, name);
    await pair.start();
    return pair;
  }

  get running(): boolean {
    return this.#socat !== undefined && this.#socat.exitCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const socat = spawn(
      "socat",
      [
        "-d",
        "-d",
        `pty,raw,echo=0,link=${this.hostPath}`,
        `pty,raw,echo=0,link=${this.devicePath}`,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    this.#socat = socat;
    let log = "";
    socat.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    await waitFor(
      () =>
        /starting data transfer loop/.test(log) &&
        existsSync(this.hostPath) &&
        existsSync(this.devicePath),
      5_000,
      `socat to create ${this.hostPath}`,
    );
  }

  /** Unplug: socat dies, both ends see the line go away, the links vanish. */
  async stop(): Promise<void> {
    const socat = this.#socat;
    if (!socat || socat.exitCode !== null) return;
    const exited = new Promise((resolve) => socat.once("exit", resolve));
    socat.kill("SIGKILL");
    await exited;
    this.#socat = undefined;
  }
}

export interface PtyAttachment {
  close(): Promise<void>;
}

/** Connects a simulator to the device end of a pty pair through the real serialport binding. */
export async function attachToPty(
  simulator: DeviceSimulator,
  devicePath: string,
): Promise<PtyAttachment> {
  const port = new SerialPortStream({
    binding: autoDetect(),
    path: devicePath,
    baudRate: simulator.line?.baudRate ?? 9600,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  simulator.attach({
    transmit: (bytes) => {
      if (port.isOpen) port.write(Buffer.from(bytes));
    },
  });
  port.on("data", (chunk: Buffer) => simulator.receive(new Uint8Array(chunk)));
  port.on("close", () => simulator.detach());
  port.on("error", () => simulator.detach());
  return {
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
