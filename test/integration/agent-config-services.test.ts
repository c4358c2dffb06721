import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { AgentApi } from "../support/api.js";

let agent: AgentProcess;
let api: AgentApi;
const TEMPLATE = "https://uri.amap.com/marker?position={gcjLng},{gcjLat}&name={name}";

beforeAll(async () => {
  agent = await startAgent({ env: { LINLI_GUIDES_NAVIGATION_URL_TEMPLATE: TEMPLATE } });
  api = new AgentApi(agent.url);
});
afterAll(async () => {
  await agent?.stop();
});

describe("service settings from the config reach what residents get", () => {
  it("prints each guide's QR code from the configured navigation template", async () => {
    const accepted = await api.call<{ jobId: string }>("POST", "/guides", { category: "pharmacy" });
    expect(accepted.status).toBe(202);
    const deadline = Date.now() + 15_000;
    let qrCodes: string[] = [];
    while (Date.now() < deadline) {
      const printed = await api.call<{ receipts: { qrCodes: string[] }[] }>("GET", "/demo/printer");
      qrCodes = printed.body.receipts.at(-1)?.qrCodes ?? [];
      if (qrCodes.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(qrCodes.length).toBeGreaterThan(0);
    for (const qr of qrCodes) {
      expect(qr).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=121\.\d+,31\.\d+&name=%/);
    }
  });
});
