import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { LinliError } from "@linli/protocols";
import { ErrorResponse } from "@linli/protocols/api";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type Kiosk, openKiosk } from "../../services/community/testing.js";
import { registerErrorHandlers } from "../errors.js";
import type { HttpApp } from "../types.js";
import { communityOperatorRoutes, communityRoutes } from "./community.js";
import type { OperatorGuard } from "./ratings.js";

const guard: OperatorGuard = async (request) => {
  if (request.headers["x-test-operator"] !== "yes") {
    throw new LinliError("LINLI_ERR_OPERATOR_SIGNED_OUT", "sign in as an operator first", {
      status: 401,
    });
  }
};
const operator = { "x-test-operator": "yes" };

let kiosk: Kiosk;
let app: HttpApp;

async function buildApp(): Promise<HttpApp> {
  kiosk = await openKiosk("kiosk-01");
  const built: HttpApp = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(built, { appShell: false });
  await built.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
  });
  built.addSchema(ErrorResponse);
  await built.register(
    async (api) => {
      await api.register(communityRoutes({ community: kiosk.service }));
      await api.register(communityOperatorRoutes({ community: kiosk.service, guard }));
      api.get("/docs/json", { schema: { hide: true } }, async () => built.swagger());
    },
    { prefix: "/api/v1" },
  );
  return built;
}

afterEach(async () => {
  await app.close();
  await kiosk.stop();
});

const sessionId = async (kind: string): Promise<string> => {
  const response = await app.inject({ method: "GET", url: "/api/v1/community/sessions" });
  const found = (response.json().items as { id: string; kind: string }[]).find(
    (s) => s.kind === kind,
  );
  return found?.id ?? "";
};

describe("the resident community routes", () => {
  it("list notices and sessions with seats left", async () => {
    app = await buildApp();
    const notices = await app.inject({ method: "GET", url: "/api/v1/notices" });
    expect(notices.statusCode).toBe(200);
    expect(notices.json().items[0]).toMatchObject({ id: "demo-clinic", priority: "important" });
    const sessions = await app.inject({ method: "GET", url: "/api/v1/community/sessions" });
    expect(sessions.json()).toMatchObject({ kiosk: "kiosk-01", uplinkConnected: false });
    expect(
      sessions
        .json()
        .items.map((s: { kind: string }) => s.kind)
        .sort(),
    ).toEqual(["course", "employment", "meal"]);
  });

  it("book with a ticket (201), follow the booking, and cancel it by code", async () => {
    app = await buildApp();
    const id = await sessionId("course");
    const booked = await app.inject({
      method: "POST",
      url: "/api/v1/community/bookings",
      payload: { sessionId: id },
    });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({ state: "confirmed", ticket: { printerId: "printer-1" } });
    const code = booked.json().code as string;
    const followed = await app.inject({
      method: "GET",
      url: `/api/v1/community/bookings/${booked.json().id}`,
    });
    expect(followed.json()).toMatchObject({ state: "confirmed", code });
    const cancelled = await app.inject({
      method: "POST",
      url: "/api/v1/community/bookings/cancel",
      payload: { code },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: "cancelled", code: null });
  });

  it("answer 409 with the reason for a refused booking, 400 in words for a bad body", async () => {
    app = await buildApp();
    const lunch = await sessionId("meal");
    const refused = await app.inject({
      method: "POST",
      url: "/api/v1/community/bookings",
      payload: { sessionId: lunch, phone: "13812345678" },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: "LINLI_ERR_COMMUNITY_REFUSED",
      details: { reason: "not-eligible" },
    });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/community/bookings",
      payload: { sessionId: lunch, phone: "12345" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      code: "LINLI_ERR_COMMUNITY_BAD_REQUEST",
      message: "phone must be an 11-digit mobile number; only its last four digits are kept",
    });
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/community/bookings/cancel",
      payload: { code: "12345678" },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it("are described in the OpenAPI document", async () => {
    app = await buildApp();
    const docs = await app.inject({ method: "GET", url: "/api/v1/docs/json" });
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/notices",
        "/api/v1/community/sessions",
        "/api/v1/community/bookings",
        "/api/v1/community/bookings/cancel",
        "/api/v1/operator/community/sessions/{id}/bookings",
      ]),
    );
  });

  it("serve the centre's directory and print it", async () => {
    app = await buildApp();
    const directory = await app.inject({ method: "GET", url: "/api/v1/community/directory" });
    expect(directory.json().entries.map((e: { kind: string }) => e.kind)).toContain("job-station");
    const printed = await app.inject({ method: "POST", url: "/api/v1/community/directory/print" });
    expect(printed.statusCode).toBe(202);
    expect(kiosk.printer.printed.at(-1)?.text).toContain("就享家");
  });
});

describe("the operator community routes", () => {
  it("need an operator, then show the roster, mark attendance and print the roster", async () => {
    app = await buildApp();
    const lunch = await sessionId("meal");
    const refused = await app.inject({
      method: "GET",
      url: `/api/v1/operator/community/sessions/${lunch}/bookings`,
    });
    expect(refused.statusCode).toBe(401);
    const booked = await app.inject({
      method: "POST",
      url: "/api/v1/community/bookings",
      payload: { sessionId: lunch, phone: "13812345678", eligible: true },
    });
    const marked = await app.inject({
      method: "POST",
      url: `/api/v1/operator/community/bookings/${booked.json().id}/attendance`,
      headers: operator,
      payload: { attended: true },
    });
    expect(marked.json()).toMatchObject({ attended: true, phoneLastFour: "5678" });
    const roster = await app.inject({
      method: "GET",
      url: `/api/v1/operator/community/sessions/${lunch}/bookings`,
      headers: operator,
    });
    expect(roster.json()).toMatchObject({ seatsBooked: 1, attended: 1 });
    expect(JSON.stringify(roster.json())).not.toContain("13812345678");
    const print = await app.inject({
      method: "POST",
      url: `/api/v1/operator/community/sessions/${lunch}/roster/print`,
      headers: operator,
    });
    expect(print.statusCode).toBe(202);
  });

  it("add a session the kiosk runs", async () => {
    app = await buildApp();
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 90_000_000).toISOString();
    const response = await app.inject({
      method: "PUT",
      url: "/api/v1/operator/community/sessions",
      headers: operator,
      payload: {
        id: "kiosk-01-phone-class",
        kind: "course",
        titleZh: "智能手机课",
        titleEn: "Smartphone class",
        placeZh: "二楼 201",
        placeEn: "Room 201",
        startsAt,
        endsAt,
        capacity: 10,
        audience: "everyone",
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ local: true, seatsLeft: 10, maxSeatsPerBooking: 2 });
  });
});
