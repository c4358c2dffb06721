import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentProcess } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin, until } from "../support/api.js";

let agent: AgentProcess;
let api: AgentApi;
const PIN = "918273";

beforeAll(async () => {
  ({ agent, api } = await startAgentWithPin(PIN));
});
afterAll(async () => {
  await agent?.stop();
});

describe("resident and operator services on a running agent (demo devices)", () => {
  it("refuses operator routes without a session, and a wrong PIN", async () => {
    expect((await api.call("GET", "/operator/devices")).status).toBe(401);
    const wrong = await api.call<{ code: string }>("POST", "/operator/login", { pin: "000000" });
    expect(wrong.status).toBe(401);
    const right = await api.call("POST", "/operator/login", { pin: PIN });
    expect(right.status).toBe(200);
    const setCookie = right.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    api.cookie = setCookie.split(";")[0] ?? "";
  });

  it("deposits a parcel and opens its door for the resident's code, once", async () => {
    const deposit = await api.call<{
      pickupCode: string;
      jobId: string;
      door: { deviceId: string; board: number; lock: number };
    }>("POST", "/operator/parcels", { size: "M", phone: "13812345678", carrier: "顺丰" }, true);
    expect(deposit.status).toBe(201);
    // The parcel can be collected once the courier's door has opened.
    await until(async () => {
      const job = await api.call<{ state: string }>(
        "GET",
        `/operator/jobs/${deposit.body.jobId}`,
        undefined,
        true,
      );
      return job.body.state === "done" ? true : undefined;
    });
    const pickup = await api.call<{
      door: { board: number; lock: number };
      repeated: boolean;
      message: string;
    }>("POST", "/parcels/pickup", { code: deposit.body.pickupCode });
    expect(pickup.status).toBe(200);
    expect(pickup.body.door).toMatchObject({
      board: deposit.body.door.board,
      lock: deposit.body.door.lock,
    });
    const again = await api.call<{ repeated: boolean }>("POST", "/parcels/pickup", {
      code: deposit.body.pickupCode,
    });
    expect(again.body.repeated).toBe(true);
    const parcels = await api.call<{ items: { phoneLastFour?: string; state: string }[] }>(
      "GET",
      "/operator/parcels",
      undefined,
      true,
    );
    expect(JSON.stringify(parcels.body)).not.toContain("13812345678");
  });

  it("prints a guide of the nearest pharmacies on the demo printer", async () => {
    const accepted = await api.call<{ jobId: string }>("POST", "/guides", {
      category: "pharmacy",
      largePrint: true,
    });
    expect(accepted.status).toBe(202);
    const done = await until(async () => {
      const job = await api.call<{ state: string }>("GET", `/guides/jobs/${accepted.body.jobId}`);
      return job.body.state === "done" ? job.body : undefined;
    });
    expect(done.state).toBe("done");
  });

  it("takes a rating with reasons when it is low, and counts it for the operator", async () => {
    const missing = await api.call<{ code: string }>("POST", "/ratings", {
      sessionId: "session-0001",
      score: 2,
      subject: { kind: "kiosk" },
    });
    expect(missing.status).toBe(400);
    const rated = await api.call("POST", "/ratings", {
      sessionId: "session-0001",
      score: 2,
      subject: { kind: "kiosk" },
      reasons: ["long_wait"],
    });
    expect(rated.status).toBe(201);
    const followUps = await api.call<{ items: unknown[] }>(
      "GET",
      "/operator/followups",
      undefined,
      true,
    );
    expect(followUps.body.items.length).toBe(1);
  });

  it("imports outlet data uploaded by an operator, reports bad rows, and finds the new outlet at once", async () => {
    const csv = [
      "名称,类别,地址,经度,纬度,营业时间",
      "小林修伞铺,维修点,潍坊路 9 号,121.5268,31.2275,08:00-18:00",
      "无名,火箭发射场,潍坊路 10 号,121.5268,31.2275,08:00-18:00",
    ].join("\n");
    const refused = await fetch(`${agent.url}/api/v1/operator/outlets/import?datum=gcj02`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv,
    });
    expect(refused.status).toBe(401);
    const response = await fetch(
      `${agent.url}/api/v1/operator/outlets/import?datum=gcj02&name=upload.csv`,
      {
        method: "POST",
        headers: { "content-type": "text/csv", cookie: api.cookie },
        body: csv,
      },
    );
    const result = (await response.json()) as {
      loaded: number;
      unknownCategories: { value: string; lines: number[] }[];
    };
    expect(response.status).toBe(200);
    expect(result.loaded).toBe(1);
    expect(result.unknownCategories).toEqual([{ value: "火箭发射场", lines: [3] }]);
    const found = await until(async () => {
      const search = await api.call<{ items: { name: string }[] }>(
        "GET",
        `/outlets?q=${encodeURIComponent("修伞")}`,
      );
      return search.body.items.length > 0 ? search.body.items : undefined;
    });
    expect(found[0]?.name).toBe("小林修伞铺");
  });
});
