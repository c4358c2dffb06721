import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";

let agent: AgentProcess;
beforeAll(async () => {
  agent = await startAgent();
});
afterAll(async () => {
  await agent?.stop();
});

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${agent.url}/api/v1${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

interface Hit {
  id: string;
  name: string;
  category: string;
  walkMinutes: { normal: number; elderly: number };
  match?: { highlight?: { start: number; end: number } };
}

describe("outlets served by a running agent on the sample circle", () => {
  it("finds pharmacies by pinyin initials, nearest first, with elderly walking minutes", async () => {
    const { status, body } = await get<{ items: Hit[]; total: number }>("/outlets?q=yd&limit=5");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    const pharmacies = body.items.filter((item) => item.category === "pharmacy");
    expect(pharmacies.length).toBeGreaterThan(0);
    for (const item of body.items)
      expect(item.walkMinutes.elderly).toBeGreaterThanOrEqual(item.walkMinutes.normal);
  });

  it("lists a category within 10 minutes sorted by walking time", async () => {
    const { body } = await get<{ items: Hit[] }>(
      "/outlets?category=convenience_store&maxMinutes=10&limit=50",
    );
    const minutes = body.items.map((item) => item.walkMinutes.normal);
    expect(minutes.length).toBeGreaterThan(0);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    expect(Math.max(...minutes)).toBeLessThanOrEqual(10);
  });

  it("answers a bad query with a 400 a person can act on", async () => {
    const { status, body } = await get<{ code: string; message: string }>(
      "/outlets?maxMinutes=abc",
    );
    expect(status).toBe(400);
    expect(body.code).toMatch(/^LINLI_ERR_/);
    expect(body.message).toMatch(/maxMinutes/);
  });

  it("reports coverage with the circle's class and its gaps", async () => {
    const { body } = await get<{ circleClass: string | null; gaps: { code: string }[] }>(
      "/coverage",
    );
    expect(body.circleClass).toBe("基础型");
    expect(body.gaps.map((gap) => gap.code)).toEqual(
      expect.arrayContaining(["bookstore", "pet_services"]),
    );
  });

  it("lists every simulated device with its live state", async () => {
    const { body } = await get<{ items: { id: string; health: { state: string } }[] }>("/devices");
    expect(body.items.map((device) => device.id).sort()).toEqual([
      "cabinet-1",
      "lockers-1",
      "printer-1",
      "rating-1",
      "scanner-1",
      "vending-1",
    ]);
    for (const device of body.items) expect(device.health.state).not.toBe("error");
  });
});
