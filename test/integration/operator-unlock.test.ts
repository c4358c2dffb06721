/**
 * `linli unlock-operators`: at the screen every client is loopback, so wrong
 * PINs typed by anyone lock every operator out. Whoever has the kiosk's shell
 * lifts it, while the agent runs, and the audit says so.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin } from "../support/api.js";

const PIN = "602913";
let agent: AgentProcess;
let api: AgentApi;

beforeAll(async () => {
  ({ agent, api } = await startAgentWithPin(PIN));
});
afterAll(async () => {
  await agent?.stop();
});

const unlock = () =>
  runLinli(["unlock-operators", "--demo"], { LINLI_STORE_PATH: join(agent.dir, "linli.db") });

describe("linli unlock-operators", () => {
  it("lets the operator in again after wrong PINs at the screen locked everyone out", async () => {
    for (let attempt = 0; attempt < 4; attempt++)
      expect((await api.call("POST", "/operator/login", { pin: "000000" })).status).toBe(401);
    // The fifth wrong PIN locks sign-in; the right PIN is refused too.
    expect((await api.call("POST", "/operator/login", { pin: "000000" })).status).toBe(429);
    const locked = await api.call<{ code: string }>("POST", "/operator/login", { pin: PIN });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("LINLI_ERR_OPERATOR_LOCKED_OUT");

    const run = await unlock();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("operator sign-in is open again (1 locked client let in)");

    await api.signIn(PIN);
    const events = await api.call<{ items: { type: string; data: Record<string, unknown> }[] }>(
      "GET",
      "/operator/events?limit=20",
      undefined,
      true,
    );
    expect(events.status).toBe(200);
    expect(events.body.items.map((item) => item.data.action)).toEqual(
      expect.arrayContaining(["unlock", "login"]),
    );
  });

  it("says so when nobody is locked out, and when there is no store yet", async () => {
    const run = await unlock();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("nobody was locked out");

    const none = await runLinli(["unlock-operators", "--demo"], {
      LINLI_STORE_PATH: join(agent.dir, "no-such-store.db"),
    });
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain("nobody is locked out");
  });
});
