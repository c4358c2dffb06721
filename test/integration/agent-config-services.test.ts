import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";

let agent: AgentProcess;
const TEMPLATE = "https://uri.amap.com/marker?position={gcjLng},{gcjLat}&name={name}";

beforeAll(async () => {
  agent = await startAgent({ env: { LINLI_GUIDES_NAVIGATION_URL_TEMPLATE: TEMPLATE } });
});
afterAll(async () => {
  await agent?.stop();
});

async function call<T>(method: string, path: string, body?: unknown) {
  const response = await fetch(`${agent.url}/api/v1${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as T };
}

describe("service settings from the config reach what residents get", () => {
  it("prints each guide's QR code from the configured navigation template", async () => {
    const accepted = await call<{ jobId: string }>("POST", "/guides", { category: "pharmacy" });
    expect(accepted.status).toBe(202);
    const deadline = Date.now() + 15_000;
    let qrCodes: string[] = [];
    while (Date.now() < deadline) {
      const printed = await call<{ receipts: { qrCodes: string[] }[] }>("GET", "/demo/printer");
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
