import { accessSync, constants, existsSync } from "node:fs";
import { get as httpGet } from "node:http";
import { dirname } from "node:path";
import { isLinliError } from "@linli/protocols";
import Database from "better-sqlite3";
import mqtt from "mqtt";
import { type Config, loadConfig } from "../config/index.js";
import { demoBaseConfig } from "../demo/config.js";
import { ExitCode } from "../exit-codes.js";
import { listAttachedDevices } from "./attached-devices.js";

export interface Finding {
  check: string;
  ok: boolean;
  /** What was found, or what is wrong and what to do about it. */
  detail: string;
}

export interface DoctorOptions {
  config?: string;
  demo?: boolean;
  json?: boolean;
}

function checkStore(path: string): Finding {
  const check = "store";
  if (!existsSync(path)) {
    try {
      accessSync(
        existsSync(dirname(path)) ? dirname(path) : dirname(dirname(path)),
        constants.W_OK,
      );
      return { check, ok: true, detail: `${path} does not exist yet; the agent will create it` };
    } catch {
      return {
        check,
        ok: false,
        detail: `cannot create ${path}: its folder is not writable by this user; fix the folder's owner or store.path`,
      };
    }
  }
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    return {
      check,
      ok: false,
      detail: `${path} is not writable by this user; fix its owner or mode`,
    };
  }
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const result = db.pragma("quick_check", { simple: true });
      const version = db.pragma("user_version", { simple: true });
      return result === "ok"
        ? { check, ok: true, detail: `${path}: intact, schema version ${version}` }
        : {
            check,
            ok: false,
            detail: `${path} is damaged (${result}); the agent will move it aside and start fresh`,
          };
    } finally {
      db.close();
    }
  } catch (error) {
    return {
      check,
      ok: false,
      detail: `${path} cannot be read as SQLite (${(error as Error).message})`,
    };
  }
}

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { timeout: 2_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          resolve(undefined);
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

async function checkHttp(config: Config): Promise<Finding> {
  const url = `http://${config.http.host}:${config.http.port}/api/v1/health`;
  try {
    const body = (await getJson(url)) as
      | { status?: string; versions?: { agent?: string } }
      | undefined;
    if (body?.status === "ok") {
      return {
        check: "http",
        ok: true,
        detail: `an agent (${body.versions?.agent}) is serving ${url}`,
      };
    }
    return {
      check: "http",
      ok: false,
      detail: `port ${config.http.port} answers, but not as a Linli agent`,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") {
      return {
        check: "http",
        ok: true,
        detail: `port ${config.http.port} is free; no agent running`,
      };
    }
    return {
      check: "http",
      ok: false,
      detail: `port ${config.http.port} is in use by something that is not a Linli agent (${(error as Error).message}): stop it or change http.port`,
    };
  }
}

interface DeviceListing {
  items?: {
    id: string;
    transport: string;
    health: { state: string; connected: boolean; lastError: string | null };
  }[];
}

/** The devices a running agent drives, with their live state. */
async function runningDevices(config: Config): Promise<Finding[]> {
  const url = `http://${config.http.host}:${config.http.port}/api/v1/devices`;
  try {
    const listing = (await getJson(url)) as DeviceListing | undefined;
    return (listing?.items ?? []).map((device) => {
      const { state, connected, lastError } = device.health;
      const ok = connected && state !== "offline" && state !== "error";
      return {
        check: device.id,
        ok,
        detail: `${state}${connected ? "" : ", not connected"} on ${device.transport}${!ok && lastError ? ` (${lastError})` : ""}`,
      };
    });
  } catch (error) {
    return [
      {
        check: "devices",
        ok: false,
        detail: `could not ask the agent for its devices: ${(error as Error).message}`,
      },
    ];
  }
}

async function checkBroker(config: Config): Promise<Finding> {
  const url =
    config.uplink.url ??
    (config.broker.enabled ? `mqtt://${config.broker.host}:${config.broker.port}` : undefined);
  if (!url)
    return {
      check: "broker",
      ok: false,
      detail: "no uplink.url and the embedded broker is disabled",
    };
  const embedded = config.uplink.url === undefined;
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      connectTimeout: 3_000,
      reconnectPeriod: 0,
      ...(config.uplink.username ? { username: config.uplink.username } : {}),
      ...(config.uplink.password ? { password: config.uplink.password } : {}),
      clientId: `linli-doctor-${process.pid}`,
    });
    const done = (finding: Finding) => {
      client.end(true);
      resolve(finding);
    };
    client.once("connect", () =>
      done({ check: "broker", ok: true, detail: `${url} accepts this kiosk` }),
    );
    client.once("error", (error) => {
      const code = (error as { code?: string | number }).code;
      if (code === 4 || code === 5 || code === 134 || code === 135) {
        done({
          check: "broker",
          ok: false,
          detail: `${url} refused the credentials: check uplink.username and password`,
        });
      } else if (embedded && code === "ECONNREFUSED") {
        done({
          check: "broker",
          ok: true,
          detail: `the embedded broker (${url}) starts with the agent`,
        });
      } else {
        done({
          check: "broker",
          ok: false,
          detail: `${url} is unreachable (${code ?? error.message})`,
        });
      }
    });
    setTimeout(
      () => done({ check: "broker", ok: false, detail: `${url} did not answer within 4 s` }),
      4_000,
    ).unref();
  });
}

export async function runDoctor(options: DoctorOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  let config: Config;
  try {
    const loaded = loadConfig({
      file: options.config,
      ...(options.demo ? { base: demoBaseConfig({ quiet: true }) } : {}),
    });
    config = loaded.config;
    findings.push({ check: "config", ok: true, detail: loaded.file ?? "built-in demo defaults" });
  } catch (error) {
    findings.push({
      check: "config",
      ok: false,
      detail: isLinliError(error) ? error.message : String(error),
    });
    return findings;
  }
  findings.push(checkStore(config.store.path));
  const http = await checkHttp(config);
  findings.push(http);
  if (http.ok && http.detail.startsWith("an agent"))
    findings.push(...(await runningDevices(config)));
  findings.push(await checkBroker(config));
  findings.push(...(await listAttachedDevices(config)));
  return findings;
}

export async function doctorCommand(options: DoctorOptions): Promise<void> {
  const findings = await runDoctor(options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  } else {
    const width = Math.max(...findings.map((finding) => finding.check.length));
    for (const finding of findings) {
      process.stdout.write(
        `${finding.ok ? "✓" : "✗"} ${finding.check.padEnd(width)}  ${finding.detail}\n`,
      );
    }
  }
  if (findings.some((finding) => !finding.ok)) process.exitCode = ExitCode.failure;
}
