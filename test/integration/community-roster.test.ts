// The operator's side of a session on a running demo agent: residents book
// (one by phone, one with a ticket), the roster lists them with phone numbers
// as their last four digits only, attendance is marked, and the printed
// roster read back from the simulated printer shows who came.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, runLinli, startAgent } from "../support/agent-process.js";

const PIN = "735104";
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

async function call<T>(method: string, path: string, body?: unknown, signedIn = false) {
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
    const printed = await call<{ receipts: { text: string }[] }>("GET", "/demo/printer?last=50");
    if (printed.body.receipts.length > count) return printed.body.receipts.at(-1)?.text ?? "";
    if (Date.now() > deadline) throw new Error("nothing was printed");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a session's roster for the operator, on the demo kiosk", () => {
  it("lists the bookings, marks attendance and prints the roster", async () => {
    const sessions = await call<{ items: Session[] }>("GET", "/community/sessions");
    const session = sessions.body.items.find((item) => item.kind === "course");
    expect(session).toBeDefined();
    if (!session) return;

    const byPhone = await call<{ id: string; state: string }>("POST", "/community/bookings", {
      sessionId: session.id,
      phone: "13912345678",
      eligible: true,
    });
    expect(byPhone.status).toBe(201);
    const ticket = await call<{ id: string; state: string; code: string }>(
      "POST",
      "/community/bookings",
      { sessionId: session.id, eligible: true, print: true },
    );
    expect(ticket.status).toBe(201);

    expect((await call("GET", `/operator/community/sessions/${session.id}/bookings`)).status).toBe(
      401,
    );
    const roster = await call<Roster>(
      "GET",
      `/operator/community/sessions/${session.id}/bookings`,
      undefined,
      true,
    );
    expect(roster.status).toBe(200);
    expect(roster.body.seatsBooked).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(roster.body)).not.toContain("13912345678");
    expect(roster.body.items.map((item) => item.phoneLastFour)).toContain("5678");

    const marked = await call(
      "POST",
      `/operator/community/bookings/${byPhone.body.id}/attendance`,
      { attended: true },
      true,
    );
    expect(marked.status).toBe(200);
    const after = await call<Roster>(
      "GET",
      `/operator/community/sessions/${session.id}/bookings`,
      undefined,
      true,
    );
    expect(after.body.attended).toBe(1);
    expect(after.body.items.find((item) => item.id === byPhone.body.id)?.attended).toBe(true);

    const before = await call<{ receipts: unknown[] }>("GET", "/demo/printer?last=50");
    const printed = await call(
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
