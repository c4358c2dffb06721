import { readFileSync } from "node:fs";
import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSite, type Kiosk, openKiosk, SITE, until } from "./testing.js";

const kiosks: Kiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.stop();
});

async function kiosk(id: string, options: Parameters<typeof openKiosk>[1] = {}): Promise<Kiosk> {
  const opened = await openKiosk(id, options);
  kiosks.push(opened);
  return opened;
}

const sessionOf = (k: Kiosk, key: string) => {
  const found = k.service
    .sessions()
    .items.find((item) => item.id.includes(`-${key}-`) && item.owner === "kiosk-01");
  if (!found) throw new Error(`no ${key} session`);
  return found;
};

function refusalOf(work: () => unknown): { code: string; reason: unknown; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof LinliError) {
      return { code: error.code, reason: error.details?.reason, message: error.message };
    }
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("booking a session this kiosk runs", () => {
  it("confirms an anonymous booking at once and prints a ticket with its code and QR", async () => {
    const k = await kiosk("kiosk-01");
    const course = sessionOf(k, "calligraphy");
    const booking = k.service.book({ sessionId: course.id });
    expect(booking).toMatchObject({ state: "confirmed", seats: 1, phoneLastFour: null });
    expect(booking.code).toMatch(/^[0-9]{8}$/);
    expect(booking.ticket?.jobId).toBe(`ticket-${booking.id}`);
    const [ticket] = k.printer.printed;
    expect(ticket?.text).toContain(`${booking.code?.slice(0, 4)} ${booking.code?.slice(4)}`);
    expect(ticket?.text).toContain("公益课程 · 书法班");
    expect(ticket?.qr).toEqual([`LINLI:BOOKING:${booking.code}`]);
    expect(k.service.sessions().items.find((s) => s.id === course.id)?.seatsLeft).toBe(11);
    const created = k.events().filter((event) => event.type === "booking.created");
    expect(created).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          bookingId: booking.id,
          seats: 1,
          withPhone: false,
          seatsLeft: 11,
        }),
      }),
    ]);
  });

  it("keeps only the last four digits of a phone number, and refuses the same phone twice", async () => {
    const k = await kiosk("kiosk-01");
    const lunch = sessionOf(k, "lunch");
    const booking = k.service.book({
      sessionId: lunch.id,
      phone: "13812345678",
      eligible: true,
      seats: 2,
    });
    expect(booking).toMatchObject({
      state: "confirmed",
      phoneLastFour: "5678",
      seats: 2,
      ticket: null,
    });
    expect(booking.message).toContain("尾号 5678");
    const again = refusalOf(() =>
      k.service.book({ sessionId: lunch.id, phone: "13812345678", eligible: true }),
    );
    expect(again).toMatchObject({ code: "LINLI_ERR_COMMUNITY_REFUSED", reason: "duplicate" });
    k.store.db.pragma("wal_checkpoint(TRUNCATE)");
    const file = readFileSync(k.store.path).toString("latin1");
    expect(file).not.toContain("13812345678");
    expect(file).not.toContain(booking.code ?? "none");
    expect(JSON.stringify(k.events())).not.toContain("5678");
  });

  it("never gives more seats than the session has, and says so in words", async () => {
    const k = await kiosk("kiosk-01");
    const coaching = sessionOf(k, "job-coaching");
    const outcomes = Array.from({ length: 9 }, () => {
      try {
        return k.service.book({ sessionId: coaching.id, eligible: true, print: true }).state;
      } catch (error) {
        return (error as LinliError).details?.reason;
      }
    });
    expect(outcomes.filter((state) => state === "confirmed")).toHaveLength(6);
    expect(outcomes.filter((state) => state === "full")).toHaveLength(3);
    expect(k.service.roster(coaching.id).seatsBooked).toBe(6);
    const full = refusalOf(() => k.service.book({ sessionId: coaching.id, eligible: true }));
    expect(full.message).toContain("名额已满");
  });

  it("asks who may book, and refuses too many seats at once", async () => {
    const k = await kiosk("kiosk-01");
    const lunch = sessionOf(k, "lunch");
    expect(refusalOf(() => k.service.book({ sessionId: lunch.id }))).toMatchObject({
      reason: "not-eligible",
      message: expect.stringContaining("60 岁以上老人"),
    });
    expect(
      refusalOf(() => k.service.book({ sessionId: lunch.id, eligible: true, seats: 3 })),
    ).toMatchObject({
      reason: "too-many-seats",
    });
  });

  it("cancels by code, gives the seat back, and rests after many wrong codes", async () => {
    const k = await kiosk("kiosk-01");
    const course = sessionOf(k, "calligraphy");
    const booking = k.service.book({ sessionId: course.id });
    const cancelled = await k.service.cancel(booking.code ?? "");
    expect(cancelled).toMatchObject({ id: booking.id, state: "cancelled" });
    expect(sessionOf(k, "calligraphy").seatsLeft).toBe(12);
    expect(k.events().map((event) => event.type)).toContain("booking.cancelled");
    await expect(k.service.cancel(booking.code ?? "")).rejects.toMatchObject({
      code: "LINLI_ERR_COMMUNITY_WRONG_CODE",
    });
    for (let i = 0; i < 9; i += 1) await k.service.cancel("00000000").catch(() => undefined);
    await expect(k.service.cancel("00000001")).rejects.toMatchObject({
      code: "LINLI_ERR_COMMUNITY_CODE_LOCKED",
      status: 429,
    });
  });

  it("gives operators the roster with last four digits, prints it and marks attendance", async () => {
    const k = await kiosk("kiosk-01");
    const lunch = sessionOf(k, "lunch");
    const withPhone = k.service.book({ sessionId: lunch.id, phone: "13900001111", eligible: true });
    k.service.book({ sessionId: lunch.id, eligible: true });
    const marked = k.service.markAttendance(withPhone.id, true);
    expect(marked).toMatchObject({ number: 1, attended: true, phoneLastFour: "1111" });
    const roster = k.service.roster(lunch.id);
    expect(roster).toMatchObject({ seatsBooked: 2, attended: 1 });
    expect(roster.items.map((item) => item.phoneLastFour)).toEqual(["1111", null]);
    k.service.printRoster(lunch.id);
    const printed = k.printer.printed.at(-1)?.text ?? "";
    expect(printed).toContain("签到名单");
    expect(printed).toContain("1111");
    expect(printed).toContain("凭票");
    expect(printed).not.toContain("13900001111");
    expect(k.events().map((event) => event.type)).toContain("attendance.marked");
  });

  it("refuses an anonymous booking when nothing can print its ticket, and books nothing", async () => {
    const k = await kiosk("kiosk-01");
    k.printer.broken = true;
    const course = sessionOf(k, "calligraphy");
    expect(() => k.service.book({ sessionId: course.id })).toThrow(/不能打印/);
    expect(sessionOf(k, "calligraphy").seatsLeft).toBe(12);
  });
});

describe("notices", () => {
  it("shows site-wide and this kiosk's notices from upstream, valid ones only, urgent first", async () => {
    const site = new FakeSite();
    const a = await kiosk("kiosk-01", { site, demo: false });
    const b = await kiosk("kiosk-02", { site, demo: false });
    const hour = 3_600_000;
    const now = Date.now();
    const notice = (id: string, priority: string, from: number, until: number) => ({
      id,
      titleZh: `通知 ${id}`,
      bodyZh: "内容",
      priority,
      validFrom: new Date(now + from).toISOString(),
      validUntil: new Date(now + until).toISOString(),
    });
    site.publish(`linli/v1/${SITE}/notices`, {
      notices: [
        notice("water", "urgent", -hour, hour),
        notice("old", "normal", -3 * hour, -hour),
        notice("later", "normal", hour, 2 * hour),
      ],
    });
    site.publish(`linli/v1/${SITE}/kiosk-02/notices`, {
      notices: [notice("only-b", "important", -hour, hour)],
    });
    await until(() => b.service.notices().items.length === 2);
    expect(a.service.notices().items.map((n) => n.id)).toEqual(["water"]);
    expect(b.service.notices().items.map((n) => [n.id, n.scope])).toEqual([
      ["water", "site"],
      ["only-b", "kiosk"],
    ]);
    // A malformed list changes nothing, and the service keeps working.
    site.publish(`linli/v1/${SITE}/notices`, { notices: [{ id: "x" }] });
    site.publish(`linli/v1/${SITE}/notices`, "not json");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.service.notices().items.map((n) => n.id)).toEqual(["water"]);
    site.publish(`linli/v1/${SITE}/notices`, { notices: [] });
    await until(() => a.service.notices().items.length === 0);
  });
});

describe("booking another kiosk's session through its owner", () => {
  it("is pending until the owner confirms, then prints the ticket here", async () => {
    const site = new FakeSite();
    const owner = await kiosk("kiosk-01", { site });
    const other = await kiosk("kiosk-02", { site, demo: false });
    const course = await until(() =>
      other.service.sessions().items.find((s) => s.owner === "kiosk-01" && s.kind === "course"),
    );
    expect(course).toMatchObject({ local: false, ownerReachable: true, seatsLeft: 12 });
    const pending = other.service.book({ sessionId: course.id });
    expect(pending).toMatchObject({ state: "pending", code: null });
    expect(pending.message).toContain("没有为您保留名额");
    const confirmed = await until(() => {
      const view = other.service.booking(pending.id);
      return view.state === "confirmed" ? view : undefined;
    });
    expect(confirmed.code).toMatch(/^[0-9]{8}$/);
    expect(other.printer.printed.at(-1)?.qr).toEqual([`LINLI:BOOKING:${confirmed.code}`]);
    expect(owner.printer.printed).toHaveLength(0);
    expect(owner.service.roster(course.id).items).toEqual([
      expect.objectContaining({ id: pending.id, origin: "kiosk-02", state: "confirmed" }),
    ]);
    await until(
      () => other.service.sessions().items.find((s) => s.id === course.id)?.seatsLeft === 11,
    );
    // Cancelled at the asking kiosk by its code: the owner gives the seat back.
    const cancelled = await other.service.cancel(confirmed.code ?? "");
    expect(cancelled.state).toBe("cancelled");
    expect(owner.service.roster(course.id).seatsBooked).toBe(0);
  });

  it("gives the last seat to one kiosk only, and tells the other why", async () => {
    const site = new FakeSite();
    const owner = await kiosk("kiosk-01", { site });
    const other = await kiosk("kiosk-02", { site, demo: false });
    const coaching = sessionOf(owner, "job-coaching");
    for (let i = 0; i < 5; i += 1)
      owner.service.book({ sessionId: coaching.id, eligible: true, print: true });
    await until(
      () => other.service.sessions().items.find((s) => s.id === coaching.id)?.seatsLeft === 1,
    );
    const remote = other.service.book({ sessionId: coaching.id, eligible: true });
    const local = owner.service.book({ sessionId: coaching.id, eligible: true });
    expect(local.state).toBe("confirmed");
    const settled = await until(() => {
      const view = other.service.booking(remote.id);
      return view.state === "pending" ? undefined : view;
    });
    expect(settled).toMatchObject({ state: "refused", refusal: { reason: "full" } });
    expect(settled.message).toContain("名额已满");
    expect(owner.service.roster(coaching.id).seatsBooked).toBe(6);
  });

  it("promises nothing while the owner is unreachable, and says why", async () => {
    const site = new FakeSite();
    const owner = await kiosk("kiosk-01", { site });
    const other = await kiosk("kiosk-02", { site, demo: false });
    const course = await until(() =>
      other.service.sessions().items.find((s) => s.kind === "course"),
    );
    owner.link?.setOnline(false);
    expect(other.service.sessions().items.find((s) => s.id === course.id)?.ownerReachable).toBe(
      false,
    );
    const refusal = refusalOf(() => other.service.book({ sessionId: course.id }));
    expect(refusal).toMatchObject({
      code: "LINLI_ERR_COMMUNITY_OWNER_UNREACHABLE",
      reason: "owner-unreachable",
    });
    expect(refusal.message).toContain("没有为您保留名额");
    expect(other.printer.printed).toHaveLength(0);
    other.link?.setOnline(false);
    expect(refusalOf(() => other.service.book({ sessionId: course.id })).message).toContain(
      "没有连上网络",
    );
  });

  it("expires a pending booking the owner never answers; a request arriving after its deadline books nothing", async () => {
    const site = new FakeSite();
    const owner = await kiosk("kiosk-01", { site });
    const other = await kiosk("kiosk-02", { site, demo: false, replyTimeoutMs: 300 });
    const course = await until(() =>
      other.service.sessions().items.find((s) => s.kind === "course"),
    );
    // The owner's link drops requests on the floor while still looking online.
    const held: { topic: string; payload: Buffer }[] = [];
    const deliver = site.deliver.bind(site);
    site.deliver = (topic, payload, retain) => {
      if (topic.endsWith("/bookings/request")) held.push({ topic, payload });
      else deliver(topic, payload, retain);
    };
    const pending = other.service.book({ sessionId: course.id });
    const expired = await until(() => {
      const view = other.service.booking(pending.id);
      return view.state === "expired" ? view : undefined;
    });
    expect(expired.refusal?.reason).toBe("owner-no-answer");
    expect(expired.message).toContain("没有为您保留名额");
    // The request arrives after its deadline: the owner refuses it unread.
    site.deliver = deliver;
    for (const message of held) deliver(message.topic, message.payload, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(owner.service.roster(course.id).seatsBooked).toBe(0);
  });
});
