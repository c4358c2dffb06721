// The operator's side of a session on a running demo agent: residents book
// (one by phone, one with a ticket), the roster lists them with phone numbers
// as their last four digits only, attendance is marked, and the printed
// roster read back from the simulated printer shows who came.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentProcess } from "../support/agent-process.js";
import { type AgentApi, startAgentWithPin } from "../support/api.js";

const PIN = "735104";
let agent: AgentProcess;
let api: AgentApi;

beforeAll(async () => {
  ({ agent, api } = await startAgentWithPin(PIN));
  await api.signIn(PIN);
});
afterAll(async () => {
  await agent?.stop();
});

interface Session {
  id: string;
  kind: string;
  titleZh: string;
  seatsLeft: number;
  ownerReachable: boolean;
}
interface Roster {
  seatsBooked: number;
  attended: number;
  items: { id: string; phoneLastFour: string | null; attended: boolean; state: string }[];
}

async function receiptsAfter(count: number): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const printed = await api.call<{ receipts: { text: string }[] }>(
      "GET",
      "/demo/printer?last=50",
    );
    if (printed.body.receipts.length > count) return printed.body.receipts.at(-1)?.text ?? "";
    if (Date.now() > deadline) throw new Error("nothing was printed");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a session's roster for the operator, on the demo kiosk", () => {
  it("lists the bookings, marks attendance and prints the roster", async () => {
    const sessions = await api.call<{ items: Session[] }>("GET", "/community/sessions");
    const session = sessions.body.items.find((item) => item.kind === "course");
    expect(session).toBeDefined();
    if (!session) return;

    const byPhone = await api.call<{ id: string; state: string }>("POST", "/community/bookings", {
      sessionId: session.id,
      phone: "13912345678",
      eligible: true,
    });
    expect(byPhone.status).toBe(201);
    const ticket = await api.call<{ id: string; state: string; code: string }>(
      "POST",
      "/community/bookings",
      { sessionId: session.id, eligible: true, print: true },
    );
    expect(ticket.status).toBe(201);

    expect(
      (await api.call("GET", `/operator/community/sessions/${session.id}/bookings`)).status,
    ).toBe(401);
    const roster = await api.call<Roster>(
      "GET",
      `/operator/community/sessions/${session.id}/bookings`,
      undefined,
      true,
    );
    expect(roster.status).toBe(200);
    expect(roster.body.seatsBooked).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(roster.body)).not.toContain("13912345678");
    expect(roster.body.items.map((item) => item.phoneLastFour)).toContain("5678");

    const marked = await api.call(
      "POST",
      `/operator/community/bookings/${byPhone.body.id}/attendance`,
      { attended: true },
      true,
    );
    expect(marked.status).toBe(200);
    const after = await api.call<Roster>(
      "GET",
      `/operator/community/sessions/${session.id}/bookings`,
      undefined,
      true,
    );
    expect(after.body.attended).toBe(1);
    expect(after.body.items.find((item) => item.id === byPhone.body.id)?.attended).toBe(true);

    const before = await api.call<{ receipts: unknown[] }>("GET", "/demo/printer?last=50");
    const printed = await api.call(
      "POST",
      `/operator/community/sessions/${session.id}/roster/print`,
      {},
      true,
    );
    expect(printed.status).toBe(202);
    const text = await receiptsAfter(before.body.receipts.length);
    expect(text).toContain(session.titleZh);
    expect(text).toContain("5678");
    expect(text).not.toContain("13912345678");
  });
});
