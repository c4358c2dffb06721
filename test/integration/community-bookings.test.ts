// Community bookings across two real agent processes of one site, through a
// real Mosquitto: kiosk-01 runs the sessions (the owner), kiosk-02 books them
// through it. Capacity is never exceeded when both book the last seats at
// once, the loser is told why; with the owner gone nothing is promised;
// notices pushed upstream reach the whole site or one kiosk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentProcess, startAgent } from "../support/agent-process.js";
import { type Mosquitto, startMosquitto, type Watcher, watch } from "../support/mosquitto.js";

const SITE = "weifang-xincun";

let mosquitto: Mosquitto;
let upstream: Watcher;
let owner: AgentProcess;
let other: AgentProcess;

interface Session {
  id: string;
  owner: string;
  kind: string;
  seatsLeft: number;
  ownerReachable: boolean;
}

interface Booking {
  id: string;
  state: string;
  code: string | null;
  message: string;
  refusal: { reason: string; message: string } | null;
}

async function kioskAgent(id: string): Promise<AgentProcess> {
  return startAgent({
    env: {
      LINLI_KIOSK_ID: id,
      LINLI_KIOSK_SITE: SITE,
      LINLI_UPLINK_URL: mosquitto.url,
      // The upstream user may read and write the whole tree; the README lists the narrower kiosk ACL.
      LINLI_UPLINK_USERNAME: mosquitto.upstreamUser.username,
      LINLI_UPLINK_PASSWORD: mosquitto.upstreamUser.password,
      LINLI_LOG_LEVEL: "warn",
    },
  });
}

async function get<T>(agent: AgentProcess, path: string): Promise<T> {
  const response = await fetch(`${agent.url}/api/v1${path}`);
  return (await response.json()) as T;
}

async function post(agent: AgentProcess, path: string, body: unknown) {
  const response = await fetch(`${agent.url}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Booking & { code?: string; details?: { reason?: string } },
  };
}

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sessions = (agent: AgentProcess) =>
  get<{ items: Session[]; uplinkConnected: boolean }>(agent, "/community/sessions");

async function ownersSession(agent: AgentProcess, kind: string): Promise<Session> {
  return eventually(async () =>
    (await sessions(agent)).items.find(
      (session) => session.owner === "kiosk-01" && session.kind === kind && session.ownerReachable,
    ),
  );
}

/** Follows a booking until it is no longer pending. */
async function settled(agent: AgentProcess, id: string): Promise<Booking> {
  return eventually(async () => {
    const booking = await get<Booking>(agent, `/community/bookings/${id}`);
    return booking.state === "pending" ? undefined : booking;
  });
}

const receipts = async (agent: AgentProcess) =>
  (await get<{ receipts: { text: string; qrCodes: string[] }[] }>(agent, "/demo/printer?last=50"))
    .receipts;

beforeAll(async () => {
  mosquitto = await startMosquitto({ site: SITE });
  upstream = await watch(mosquitto.url, mosquitto.upstreamUser, [], { clean: true });
  // One after the other: two agents starting at once on a loaded machine miss startAgent's deadline.
  owner = await kioskAgent("kiosk-01");
  other = await kioskAgent("kiosk-02");
}, 60_000);

afterAll(async () => {
  await other?.stop("SIGKILL");
  await owner?.stop("SIGKILL");
  await upstream?.close();
  await mosquitto?.stop();
});

describe("two kiosks of one site booking the owner's sessions over Mosquitto", () => {
  it("shows a booking at the other kiosk as pending until the owner confirms, and prints its ticket there", async () => {
    const course = await ownersSession(other, "course");
    const booked = await post(other, "/community/bookings", { sessionId: course.id });
    expect(booked.status).toBe(202);
    expect(booked.body).toMatchObject({ state: "pending", code: null });
    const confirmed = await settled(other, booked.body.id);
    expect(confirmed.state).toBe("confirmed");
    expect(confirmed.code).toMatch(/^[0-9]{8}$/);
    const ticket = await eventually(async () =>
      (await receipts(other)).find((receipt) =>
        receipt.qrCodes.includes(`LINLI:BOOKING:${confirmed.code}`),
      ),
    );
    expect(ticket.text).toContain("书法班");
    // The owner counts the seat, and the other kiosk hears the new count.
    await eventually(async () =>
      (await sessions(owner)).items.find(
        (s) => s.id === course.id && s.seatsLeft === course.seatsLeft - 1,
      ),
    );
    await eventually(async () =>
      (await sessions(other)).items.find(
        (s) => s.id === course.id && s.seatsLeft === course.seatsLeft - 1,
      ),
    );
    // Cancelled by its code at the kiosk it was booked at: the owner gives the seat back.
    const cancelled = await post(other, "/community/bookings/cancel", { code: confirmed.code });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe("cancelled");
    await eventually(async () =>
      (await sessions(owner)).items.find(
        (s) => s.id === course.id && s.seatsLeft === course.seatsLeft,
      ),
    );
  }, 60_000);

  it("never gives more seats than the session has when both kiosks book the last seats at once", async () => {
    const coaching = await ownersSession(other, "employment");
    expect(coaching.seatsLeft).toBe(6);
    for (let i = 0; i < 4; i += 1) {
      const local = await post(owner, "/community/bookings", {
        sessionId: coaching.id,
        eligible: true,
        phone: `1390000000${i}`,
      });
      expect(local.body.state).toBe("confirmed");
    }
    await ownersSession(other, "employment").then(() =>
      eventually(async () =>
        (await sessions(other)).items.find((s) => s.id === coaching.id && s.seatsLeft === 2),
      ),
    );
    // Two seats left; four residents ask for one each, two at each kiosk, at the same moment.
    const attempts = await Promise.all([
      post(other, "/community/bookings", {
        sessionId: coaching.id,
        eligible: true,
        phone: "13811110001",
      }),
      post(owner, "/community/bookings", {
        sessionId: coaching.id,
        eligible: true,
        phone: "13811110002",
      }),
      post(other, "/community/bookings", {
        sessionId: coaching.id,
        eligible: true,
        phone: "13811110003",
      }),
      post(owner, "/community/bookings", {
        sessionId: coaching.id,
        eligible: true,
        phone: "13811110004",
      }),
    ]);
    const outcomes: Booking[] = [];
    for (const [index, attempt] of attempts.entries()) {
      if (attempt.status === 202) outcomes.push(await settled(other, attempt.body.id));
      else if (attempt.status === 201) outcomes.push(attempt.body);
      else {
        expect(attempt.status, JSON.stringify(attempt.body)).toBe(409);
        expect(index % 2).toBe(1); // only the owner's own refusals come back at once
        outcomes.push({
          id: "",
          state: "refused",
          code: null,
          message: attempt.body.message,
          refusal: { reason: attempt.body.details?.reason ?? "", message: attempt.body.message },
        });
      }
    }
    expect(outcomes.filter((outcome) => outcome.state === "confirmed")).toHaveLength(2);
    const refused = outcomes.filter((outcome) => outcome.state === "refused");
    expect(refused).toHaveLength(2);
    for (const outcome of refused) {
      expect(outcome.refusal?.reason).toBe("full");
      expect(outcome.message).toMatch(/名额已满|只剩/);
    }
    const finalOwner = (await sessions(owner)).items.find((s) => s.id === coaching.id);
    expect(finalOwner?.seatsLeft).toBe(0);
    await eventually(async () =>
      (await sessions(other)).items.find((s) => s.id === coaching.id && s.seatsLeft === 0),
    );
  }, 60_000);

  it("pushes site notices to every kiosk and a kiosk's notices to it alone, hiding expired ones", async () => {
    const hour = 3_600_000;
    const at = (offset: number) => new Date(Date.now() + offset).toISOString();
    const notice = (id: string, from: number, until: number, priority = "normal") => ({
      id,
      titleZh: `通知 ${id}`,
      bodyZh: "请留意",
      priority,
      validFrom: at(from),
      validUntil: at(until),
    });
    await upstream.client.publishAsync(
      `linli/v1/${SITE}/notices`,
      JSON.stringify({
        notices: [notice("water-cut", -hour, hour, "urgent"), notice("old", -3 * hour, -hour)],
      }),
      { qos: 1, retain: true },
    );
    await upstream.client.publishAsync(
      `linli/v1/${SITE}/kiosk-02/notices`,
      JSON.stringify({ notices: [notice("kiosk-02-only", -hour, hour)] }),
      { qos: 1, retain: true },
    );
    // A malformed list is refused and changes nothing.
    await upstream.client.publishAsync(`linli/v1/${SITE}/kiosk-01/notices`, "{not json", {
      qos: 1,
      retain: false,
    });
    const ids = async (agent: AgentProcess) =>
      (await get<{ items: { id: string }[] }>(agent, "/notices")).items.map((n) => n.id);
    await eventually(async () => ((await ids(other)).includes("kiosk-02-only") ? true : undefined));
    await eventually(async () => ((await ids(owner)).includes("water-cut") ? true : undefined));
    expect((await ids(other))[0]).toBe("water-cut");
    expect(await ids(other)).not.toContain("old");
    expect(await ids(owner)).not.toContain("kiosk-02-only");
    expect(await ids(owner)).not.toContain("old");
  }, 60_000);

  it("promises nothing while the owner is gone, and says why", async () => {
    const lunch = await ownersSession(other, "meal");
    const before = (await receipts(other)).length;
    await owner.stop("SIGTERM");
    await eventually(async () =>
      (await sessions(other)).items.find((s) => s.id === lunch.id && !s.ownerReachable),
    );
    const attempt = await post(other, "/community/bookings", {
      sessionId: lunch.id,
      eligible: true,
    });
    expect(attempt.status).toBe(503);
    expect(attempt.body).toMatchObject({
      code: "LINLI_ERR_COMMUNITY_OWNER_UNREACHABLE",
      details: { reason: "owner-unreachable" },
    });
    expect(attempt.body.message).toContain("没有为您保留名额");
    expect((await receipts(other)).length).toBe(before);
    // The other kiosk's own sessions still book offline from the owner.
    const own = (await sessions(other)).items.find(
      (s) => s.owner === "kiosk-02" && s.kind === "course",
    );
    const local = await post(other, "/community/bookings", { sessionId: own?.id });
    expect(local.status).toBe(201);
  }, 60_000);
});
