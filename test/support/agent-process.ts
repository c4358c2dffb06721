import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const LINLI_BIN = join(REPO_ROOT, "edge-agent/bin/linli.js");

export interface AgentProcess {
  child: ChildProcess;
  url: string;
  port: number;
  dir: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface StartAgentOptions {
  args?: string[];
  env?: Record<string, string>;
}

/** Runs the built `linli` CLI as its own process, as a kiosk would. */
export function runLinli(
  args: string[],
  env: Record<string, string> = {},
  input = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LINLI_BIN, ...args], {
      env: cleanEnv(env),
      cwd: REPO_ROOT,
    });
    child.stdin.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("LINLI_") && key !== "NOTIFY_SOCKET") env[key] = value;
  }
  return { ...env, ...extra };
}

/** Starts `linli start --demo` on free ports with its own store, and waits until it is healthy. */
export async function startAgent(options: StartAgentOptions = {}): Promise<AgentProcess> {
  const dir = mkdtempSync(join(tmpdir(), "linli-agent-"));
  const port = await freePort();
  const env = cleanEnv({
    LINLI_HTTP_PORT: String(port),
    LINLI_BROKER_PORT: "0",
    LINLI_BROKER_WS_PORT: "0",
    LINLI_STORE_PATH: join(dir, "linli.db"),
    ...options.env,
  });
  const child = spawn(process.execPath, [LINLI_BIN, "start", ...(options.args ?? ["--demo"])], {
    env,
    cwd: dir,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`agent exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`agent did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    url,
    port,
    dir,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Starts the agent again where a stopped one was — same port, store and
 * folder — as systemd would after a crash, and waits until it is healthy.
 * Stop the returned child yourself.
 */
export async function reviveAgent(stopped: AgentProcess): Promise<ChildProcess> {
  const child = spawn(process.execPath, [LINLI_BIN, "start", "--demo"], {
    cwd: stopped.dir,
    stdio: "ignore",
    env: cleanEnv({
      LINLI_HTTP_PORT: String(stopped.port),
      LINLI_BROKER_PORT: "0",
      LINLI_BROKER_WS_PORT: "0",
      LINLI_STORE_PATH: join(stopped.dir, "linli.db"),
    }),
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the agent exited with ${child.exitCode}`);
    const up = await fetch(`${stopped.url}/api/v1/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return child;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the agent did not come back");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
