import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";
import { freePort } from "../support/ports.js";

const running: AgentProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((agent) => agent.stop("SIGKILL")));
});

describe("the agent process", () => {
  it("serves health with versions and uptime in demo mode", async () => {
    const agent = await startAgent();
    running.push(agent);
    const response = await fetch(`${agent.url}/api/v1/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      demo: true,
      kiosk: { site: "weifang-xincun", id: "kiosk-01" },
      versions: { agent: "0.1.0", node: process.versions.node },
    });
    expect(typeof body.uptimeSeconds).toBe("number");
    expect(agent.output()).toContain(`kiosk UI:  ${agent.url}/`);
  });

  it("answers unknown API routes with a JSON error, and lists routes in OpenAPI", async () => {
    const agent = await startAgent();
    running.push(agent);
    const missing = await fetch(`${agent.url}/api/v1/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      code: "LINLI_ERR_HTTP_NOT_FOUND",
      message: "no route GET /api/v1/no-such-thing",
    });
    const docs = (await (await fetch(`${agent.url}/api/v1/docs/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(docs.paths)).toContain("/api/v1/health");
  });

  it("stops cleanly on SIGTERM and on SIGINT with exit code 0", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const agent = await startAgent();
      expect(await agent.stop(signal)).toBe(0);
      await expect(fetch(`${agent.url}/api/v1/health`)).rejects.toThrow();
    }
  });

  it("refuses a bad config with one line naming the key, and exit code 78", async () => {
    const result = await runLinli(["start", "--demo"], { LINLI_HTTP_PORT: "http" });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split("\n")).toEqual([
      'linli: config error in LINLI_HTTP_PORT: http.port must be a TCP port number from 1 to 65535, got "http"',
    ]);
  });

  it("refuses a port already in use with a plain message, and exit code 69", async () => {
    const agent = await startAgent();
    running.push(agent);
    const result = await runLinli(["start", "--demo"], {
      LINLI_HTTP_PORT: String(agent.port),
      LINLI_BROKER_PORT: "0",
      LINLI_BROKER_WS_PORT: "0",
      LINLI_STORE_PATH: join(agent.dir, "second.db"),
    });
    expect(result.code).toBe(69);
    expect(result.stderr).toContain(`port ${agent.port} for the kiosk API is already in use`);
  });

  it("tells systemd it is ready through NOTIFY_SOCKET", async () => {
    const socket = join(mkdtempSync(join(tmpdir(), "linli-notify-")), "notify.sock");
    const listener = spawn("socat", ["-u", `UNIX-RECV:${socket}`, "STDOUT"]);
    let received = "";
    listener.stdout.on("data", (chunk: Buffer) => {
      received += chunk.toString();
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const agent = await startAgent({ env: { NOTIFY_SOCKET: socket } });
      running.push(agent);
      const deadline = Date.now() + 5_000;
      while (!received.includes("READY=1") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(received).toContain("READY=1");
      expect(received).toContain(`STATUS=serving ${agent.url}`);
    } finally {
      listener.kill();
    }
  });

  it("keeps its store across restarts", async () => {
    const first = await startAgent();
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("store migrated");
    const second = await startAgent({ env: { LINLI_STORE_PATH: join(first.dir, "linli.db") } });
    running.push(second);
    expect(second.output()).not.toContain("store migrated");
  });
});

describe("linli CLI", () => {
  it("doctor checks the config, store, port and broker and exits 0 when all is well", async () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-doctor-"));
    const result = await runLinli(["doctor", "--demo", "--json"], {
      LINLI_STORE_PATH: join(dir, "linli.db"),
      LINLI_HTTP_PORT: String(await freePort()),
    });
    expect(result.code).toBe(0);
    const findings = JSON.parse(result.stdout) as { check: string; ok: boolean; detail: string }[];
    expect(findings.map((finding) => finding.check)).toEqual(
      expect.arrayContaining(["config", "store", "http", "broker"]),
    );
    expect(findings.find((finding) => finding.check === "store")?.detail).toContain(
      "does not exist yet; the agent will create it",
    );
  });

  it("doctor lists a running demo agent's devices with their live state", async () => {
    const agent = await startAgent();
    running.push(agent);
    const result = await runLinli(["doctor", "--demo", "--json"], {
      LINLI_HTTP_PORT: String(agent.port),
      LINLI_STORE_PATH: join(agent.dir, "linli.db"),
    });
    const findings = JSON.parse(result.stdout) as { check: string; ok: boolean; detail: string }[];
    const devices = findings.filter((finding) => /-1$/.test(finding.check));
    expect(devices.map((finding) => finding.check).sort()).toEqual([
      "cabinet-1",
      "lockers-1",
      "printer-1",
      "rating-1",
      "scanner-1",
      "vending-1",
    ]);
    expect(devices.find((finding) => finding.check === "printer-1")?.detail).toMatch(
      /^ready on serial port/,
    );
  });

  it("doctor explains a broken config and fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-doctor-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "http:\n  port: 0\n");
    const result = await runLinli(["doctor", "--config", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ config\s+config error in .*bad\.yaml/);
  });

  it("imports outlets into the store and refuses an unreadable file as bad data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-import-"));
    const csv = join(dir, "outlets.csv");
    writeFileSync(
      csv,
      "名称,类别,地址,经度,纬度,营业时间\n好邻居便利店,便利店,潍坊路 1 号,121.5265,31.2272,24小时\n坏行,火箭发射场,潍坊路 2 号,121.5,31.2,06:00-20:00\n",
    );
    const env = { LINLI_STORE_PATH: join(dir, "linli.db") };
    const imported = await runLinli(["import", "--demo", "--datum", "gcj02", csv], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("imported 1 outlet from outlets.csv");
    expect(imported.stdout).toContain("火箭发射场");
    const missing = await runLinli(["import", "--demo", join(dir, "nope.csv")], env);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toContain("nope.csv");
  });

  it("hash-pin turns a PIN on standard input into a hash the config accepts", async () => {
    const result = await runLinli(["hash-pin"], {}, "2468\n");
    expect(result.code).toBe(0);
    const hash = result.stdout.trim();
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain("2468");
    const started = await runLinli(["doctor", "--demo", "--json"], {
      LINLI_OPERATOR_PIN_HASH: hash,
      LINLI_HTTP_PORT: String(await freePort()),
    });
    const findings = JSON.parse(started.stdout) as { check: string; ok: boolean }[];
    expect(findings.find((finding) => finding.check === "config")?.ok).toBe(true);
    const refused = await runLinli(["hash-pin"], {}, "12ab\n");
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain("a PIN is 4 to 12 digits");
  });

  it("rejects an unknown command as a usage error", async () => {
    const result = await runLinli(["frobnicate"]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});
