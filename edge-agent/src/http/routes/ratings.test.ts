import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { LinliError } from "@linli/protocols";
import { ErrorResponse } from "@linli/protocols/api";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, openHarness, session, shop } from "../../services/ratings/fixtures.js";
import { registerErrorHandlers } from "../errors.js";
import type { HttpApp } from "../types.js";
import { type OperatorGuard, ratingOperatorRoutes, ratingRoutes } from "./ratings.js";

/** Lets a request through only with the test's operator header. */
const guard: OperatorGuard = async (request) => {
  if (request.headers["x-test-operator"] !== "yes") {
    throw new LinliError("LINLI_ERR_OPERATOR_SIGNED_OUT", "sign in as an operator first", {
      status: 401,
    });
  }
};

let harness: Harness;
let app: HttpApp;

/** The agent's HTTP setup (http/app.ts) with only the rating routes under /api/v1. */
async function buildApp(): Promise<HttpApp> {
  harness = openHarness();
  const built: HttpApp = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(built, { appShell: false });
  await built.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
  });
  built.addSchema(ErrorResponse);
  await built.register(
    async (api) => {
      await api.register(ratingRoutes({ ratings: harness.ratings }));
      await api.register(ratingOperatorRoutes({ ratings: harness.ratings, guard }));
      api.get("/docs/json", { schema: { hide: true } }, async () => built.swagger());
    },
    { prefix: "/api/v1" },
  );
  return built;
}

afterEach(async () => {
  await app.close();
  harness.stop();
});

const operator = { "x-test-operator": "yes" };
const post = (payload: object) => app.inject({ method: "POST", url: "/api/v1/ratings", payload });

describe("the resident rating routes", () => {
  it("record a rating and answer 201 without operator data", async () => {
    app = await buildApp();
    const response = await post({ sessionId: session(), score: 4, subject: { kind: "kiosk" } });
    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json()).sort()).toEqual(["createdAt", "id", "level", "score"]);
    expect(response.json()).toMatchObject({ score: 4, level: "满意" });
  });

  it("answer 400 in plain words when a bad rating has no reason", async () => {
    app = await buildApp();
    const response = await post({ sessionId: session(), score: 1, subject: { kind: "kiosk" } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: "LINLI_ERR_RATING_REASONS_REQUIRED",
      message: expect.stringMatching(/needs at least one reason.*态度不好/),
    });
  });

  it("answer 400 naming the field and what it takes for a malformed body", async () => {
    app = await buildApp();
    const noScore = await post({ sessionId: session(), subject: { kind: "kiosk" } });
    expect(noScore.statusCode).toBe(400);
    expect(noScore.json()).toEqual({
      code: "LINLI_ERR_RATING_BAD_REQUEST",
      message: "score is missing: give a whole number from 1 (非常不满意) to 5 (非常满意)",
    });
    const badKind = await post({ sessionId: session(), score: 5, subject: { kind: "shop" } });
    expect(badKind.json().message).toBe('subject.kind must be "kiosk", "outlet" or "service"');
    const badReason = await post({
      sessionId: session(),
      score: 1,
      subject: { kind: "kiosk" },
      reasons: ["rude"],
    });
    expect(badReason.json().message).toMatch(/^reasons\.0 must be one of attitude, long_wait/);
  });

  it("answer 409 to a second rating of the same subject in a session", async () => {
    app = await buildApp();
    const body = { sessionId: session(), score: 5, subject: { kind: "outlet", id: shop.id } };
    expect((await post(body)).statusCode).toBe(201);
    const again = await post({ ...body, score: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("LINLI_ERR_RATING_ALREADY_RATED");
  });

  it("offer the levels, the reasons and the services to the rating screen", async () => {
    app = await buildApp();
    const response = await app.inject({ method: "GET", url: "/api/v1/ratings/options" });
    expect(response.statusCode).toBe(200);
    const options = response.json();
    expect(options.levels.map((level: { zh: string }) => level.zh)).toEqual([
      "非常满意",
      "满意",
      "基本满意",
      "不满意",
      "非常不满意",
    ]);
    expect(options.reasons.map((reason: { zh: string }) => reason.zh)).toEqual([
      "态度不好",
      "等候时间长",
      "价格不透明",
      "设施故障",
      "环境脏乱",
      "其他",
    ]);
    expect(options.services).toContainEqual({ code: "vending", zh: "自助售货", en: "Vending" });
    expect(options).toMatchObject({ reasonsRequiredAtOrBelow: 2, textMaxLength: 200 });
  });
});

describe("the operator rating routes", () => {
  it("refuse every request the guard turns away", async () => {
    app = await buildApp();
    for (const [method, url] of [
      ["GET", "/api/v1/operator/ratings/report"],
      ["GET", "/api/v1/operator/ratings/report?from=not-a-day"],
      ["GET", "/api/v1/operator/followups"],
      ["PATCH", "/api/v1/operator/followups/any"],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        ...(method === "PATCH" ? { payload: { state: "resolved", note: "x" } } : {}),
      });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe("LINLI_ERR_OPERATOR_SIGNED_OUT");
    }
  });

  it("report the satisfaction rate and list and update follow-ups", async () => {
    app = await buildApp();
    await post({ sessionId: session(), score: 5, subject: { kind: "kiosk" } });
    await post({ sessionId: session(), score: 2, subject: { kind: "kiosk" }, reasons: ["other"] });
    const report = await app.inject({
      url: "/api/v1/operator/ratings/report?subject=kiosk",
      headers: operator,
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ counted: 2, satisfactionRate: 0.5, target: 0.9 });

    const list = await app.inject({
      url: "/api/v1/operator/followups?state=open&overdue=false",
      headers: operator,
    });
    expect(list.json().total).toBe(1);
    const id = list.json().items[0].id;
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/v1/operator/followups/${id}`,
      headers: operator,
      payload: { state: "contacted", note: "已回访" },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id, state: "contacted", rating: { score: 2 } });

    const badState = await app.inject({
      method: "PATCH",
      url: `/api/v1/operator/followups/${id}`,
      headers: operator,
      payload: { state: "open", note: "x" },
    });
    expect(badState.statusCode).toBe(400);
    expect(badState.json().message).toBe('state must be "contacted" or "resolved"');
  });

  it("answer 400 to a report range that is not days", async () => {
    app = await buildApp();
    const response = await app.inject({
      url: "/api/v1/operator/ratings/report?from=yesterday",
      headers: operator,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      "from must be a day as YYYY-MM-DD, in the kiosk's time zone",
    );
  });

  it("are listed in the OpenAPI document", async () => {
    app = await buildApp();
    const paths = Object.keys((await app.inject({ url: "/api/v1/docs/json" })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/ratings",
        "/api/v1/ratings/options",
        "/api/v1/operator/ratings/report",
        "/api/v1/operator/followups",
        "/api/v1/operator/followups/{id}",
      ]),
    );
  });
});
