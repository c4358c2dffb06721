import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";

const PIN = "480317";
let agent: AgentProcess;
let cookie = "";

beforeAll(async () => {
  const hashed = await runLinli(["hash-pin"], {}, `${PIN}\n`);
  agent = await startAgent({ env: { LINLI_OPERATOR_PIN_HASH: hashed.stdout.trim() } });
  const login = await fetch(`${agent.url}/api/v1/operator/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pin: PIN }),
  });
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});
afterAll(async () => {
  await agent?.stop();
});

async function call<T>(method: string, path: string, body?: unknown, signedIn = true) {
  const response = await fetch(`${agent.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(signedIn ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as T };
}

interface Report {
  text: string;
  columns: number;
  coverage: { circleClass: string | null; gaps: { zh: string }[] };
}

describe("the operator's coverage report", () => {
  it("is for operators only", async () => {
    expect((await call("GET", "/operator/coverage/report", undefined, false)).status).toBe(401);
    expect((await call("POST", "/operator/coverage/print", {}, false)).status).toBe(401);
  });

  it("previews the class and every gap as the 58 mm printer would print them", async () => {
    const report = await call<Report>("GET", "/operator/coverage/report");
    expect(report.status).toBe(200);
    expect(report.body.columns).toBe(32);
    expect(report.body.text).toContain("一刻钟便民生活圈 覆盖情况");
    expect(report.body.text).toContain(report.body.coverage.circleClass ?? "未达标");
    for (const gap of report.body.coverage.gaps) expect(report.body.text).toContain(gap.zh);
  });

  it("prints the report on the kiosk's printer and records who asked", async () => {
    const before = await call<{ receipts: unknown[] }>("GET", "/demo/printer");
    const printed = await call<{ jobId: string; printerId: string }>(
      "POST",
      "/operator/coverage/print",
      {},
    );
    expect(printed.status).toBe(202);
    expect(printed.body.printerId).toBe("printer-1");
    const deadline = Date.now() + 15_000;
    let text = "";
    while (Date.now() < deadline) {
      const now = await call<{ receipts: { text: string }[] }>("GET", "/demo/printer");
      if (now.body.receipts.length > before.body.receipts.length) {
        text = now.body.receipts.at(-1)?.text ?? "";
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(text).toContain("覆盖情况");
    expect(text).toContain("基本保障类");
    const events = await call<{ items: { type: string; summary?: string }[] }>(
      "GET",
      "/operator/events?limit=20",
    );
    expect(JSON.stringify(events.body)).toContain("print_coverage");
  });

  it("says plainly when the printer named does not exist", async () => {
    const missing = await call<{ code: string; message: string }>(
      "POST",
      "/operator/coverage/print",
      { printerId: "printer-9" },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("printer-9");
    const bad = await call<{ code: string }>("POST", "/operator/coverage/print", { paper: 80 });
    expect(bad.status).toBe(400);
  });
});
