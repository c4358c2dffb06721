import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { AgentApi, until } from "../support/api.js";

let demo: AgentProcess;
let api: AgentApi;

beforeAll(async () => {
  demo = await startAgent();
  api = new AgentApi(demo.url);
});
afterAll(async () => {
  await demo?.stop();
});

interface DeviceList {
  items: { id: string; health: { state: string } }[];
}

describe("demo mode's hands on the simulated hardware", () => {
  it("takes the paper out of the simulated printer, and the agent sees the printer go out of paper", async () => {
    const out = await api.call<{ printer: { paper: string } }>("POST", "/demo/printer", {
      paper: "out",
    });
    expect(out.status).toBe(200);
    expect(out.body.printer.paper).toBe("out");
    const printerIn = (state: string) =>
      until(async () => {
        const { body } = await api.call<DeviceList>("GET", "/devices");
        return body.items.find(
          (device) => device.id === "printer-1" && device.health.state === state,
        );
      });
    await printerIn("paper_out");
    await api.call("POST", "/demo/printer", { paper: "ok" });
    await printerIn("ready");
  });

  it("reads back what the simulated printer printed, and jams a vending slot", async () => {
    const printed = await api.call<{ receipts: unknown[] }>("GET", "/demo/printer");
    expect(printed.status).toBe(200);
    expect(Array.isArray(printed.body.receipts)).toBe(true);
    const jammed = await api.call<{ slots: { selection: number; jammed: boolean }[] }>(
      "POST",
      "/demo/vending/slots/3",
      { jammed: true },
    );
    expect(jammed.status).toBe(200);
    expect(jammed.body.slots.find((slot) => slot.selection === 3)?.jammed).toBe(true);
  });

  it("answers a clear error for a door or slot the simulated hardware does not have", async () => {
    const door = await api.call<{ code: string; message: string }>(
      "POST",
      "/demo/lockers/lockers-1/doors",
      { board: 9, lock: 1, action: "close" },
    );
    expect(door.status).toBe(404);
    expect(door.body.code).toBe("LINLI_ERR_DEMO_NO_SUCH_DOOR");
    const bank = await api.call<{ code: string }>("GET", "/demo/lockers/printer-1");
    expect(bank.status).toBe(404);
    expect(bank.body.code).toBe("LINLI_ERR_DEMO_NO_SUCH_SIMULATOR");
    const slot = await api.call<{ code: string }>("POST", "/demo/vending/slots/99", {
      stock: 1,
    });
    expect(slot.body.code).toBe("LINLI_ERR_DEMO_NO_SUCH_SLOT");
    const bad = await api.call<{ code: string }>("POST", "/demo/rating-box/press", { score: 9 });
    expect(bad.status).toBe(400);
  });

  it("lists the demo controls in the OpenAPI document", async () => {
    const docs = await api.call<{ paths: Record<string, unknown> }>("GET", "/docs/json");
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/demo/printer", "/api/v1/demo/scanner/scan"]),
    );
  });
});

describe("outside demo mode", () => {
  it("has no demo controls at all", async () => {
    const config = join(mkdtempSync(join(tmpdir(), "linli-plain-")), "linli.yaml");
    writeFileSync(
      config,
      "kiosk:\n  site: test-site\n  id: kiosk-09\n  name: 测试邻里中心\n  location: { lng: 121.5265, lat: 31.2272, datum: gcj02 }\n",
    );
    const plain = await startAgent({ args: ["--config", config] });
    try {
      const response = await new AgentApi(plain.url).call<{ code: string }>(
        "POST",
        "/demo/printer",
        {
          paper: "out",
        },
      );
      expect(response.status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
