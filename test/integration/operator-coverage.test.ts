import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentProcess } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin } from "../support/api.js";

const PIN = "480317";
let agent: AgentProcess;
let api: AgentApi;

beforeAll(async () => {
  ({ agent, api } = await startAgentWithPin(PIN));
  await api.signIn(PIN);
});
afterAll(async () => {
  await agent?.stop();
});

interface Report {
  text: string;
  columns: number;
  coverage: { circleClass: string | null; gaps: { zh: string }[] };
}

describe("the operator's coverage report", () => {
  it("is for operators only", async () => {
    expect((await api.call("GET", "/operator/coverage/report")).status).toBe(401);
    expect((await api.call("POST", "/operator/coverage/print", {})).status).toBe(401);
  });

  it("previews the class and every gap as the 58 mm printer would print them", async () => {
    const report = await api.call<Report>("GET", "/operator/coverage/report", undefined, true);
    expect(report.status).toBe(200);
    expect(report.body.columns).toBe(32);
    expect(report.body.text).toContain("一刻钟便民生活圈 覆盖情况");
    expect(report.body.text).toContain(report.body.coverage.circleClass ?? "未达标");
    for (const gap of report.body.coverage.gaps) expect(report.body.text).toContain(gap.zh);
  });

  it("prints the report on the kiosk's printer and records who asked", async () => {
    const before = await api.call<{ receipts: unknown[] }>("GET", "/demo/printer");
    const printed = await api.call<{ jobId: string; printerId: string }>(
      "POST",
      "/operator/coverage/print",
      {},
      true,
    );
    expect(printed.status).toBe(202);
    expect(printed.body.printerId).toBe("printer-1");
    const deadline = Date.now() + 15_000;
    let text = "";
    while (Date.now() < deadline) {
      const now = await api.call<{ receipts: { text: string }[] }>("GET", "/demo/printer");
      if (now.body.receipts.length > before.body.receipts.length) {
        text = now.body.receipts.at(-1)?.text ?? "";
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(text).toContain("覆盖情况");
    expect(text).toContain("基本保障类");
    const events = await api.call<{ items: { type: string; summary?: string }[] }>(
      "GET",
      "/operator/events?limit=20",
      undefined,
      true,
    );
    expect(JSON.stringify(events.body)).toContain("print_coverage");
  });

  it("says plainly when the printer named does not exist", async () => {
    const missing = await api.call<{ code: string; message: string }>(
      "POST",
      "/operator/coverage/print",
      { printerId: "printer-9" },
      true,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("printer-9");
    const bad = await api.call<{ code: string }>(
      "POST",
      "/operator/coverage/print",
      { paper: 80 },
      true,
    );
    expect(bad.status).toBe(400);
  });
});
