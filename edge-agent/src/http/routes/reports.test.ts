import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { ErrorResponse } from "@linli/protocols/api";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, openHarness, shop } from "../../services/ratings/fixtures.js";
import { registerErrorHandlers } from "../errors.js";
import type { HttpApp } from "../types.js";
import type { OperatorGuard } from "./ratings.js";
import { reportOperatorRoutes, reportRoutes } from "./reports.js";

let harness: Harness;
let app: HttpApp;

/** The agent's HTTP setup with only the report routes; `guard` decides for operator routes. */
async function buildApp(guard: OperatorGuard): Promise<HttpApp> {
  harness = openHarness();
  const built: HttpApp = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(built, { appShell: false });
  built.addSchema(ErrorResponse);
  await built.register(
    async (api) => {
      await api.register(reportRoutes({ reports: harness.reports }));
      await api.register(reportOperatorRoutes({ reports: harness.reports, guard }));
    },
    { prefix: "/api/v1" },
  );
  return built;
}

const letThrough: OperatorGuard = async () => undefined;
const refuse: OperatorGuard = async (_request, reply) =>
  reply.status(401).send({ code: "LINLI_ERR_OPERATOR_SIGNED_OUT", message: "sign in first" });

afterEach(async () => {
  await app.close();
  harness.stop();
});

const post = (payload: object) => app.inject({ method: "POST", url: "/api/v1/reports", payload });

describe("the report routes", () => {
  it("take a report and answer 201 with the reference number to quote", async () => {
    app = await buildApp(letThrough);
    const response = await post({
      category: "safety_hazard",
      outletId: shop.id,
      reasons: ["fire_exit"],
      text: "楼道堆满杂物",
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      reference: "R240607-001",
      category: "safety_hazard",
      createdAt: "2024-06-07T02:00:00.000Z",
    });
    expect(harness.events().map((event) => event.type)).toEqual(["report.created"]);
  });

  it("answer 400 in plain words to an unknown category or reason", async () => {
    app = await buildApp(letThrough);
    const category = await post({ category: "ufo" });
    expect(category.statusCode).toBe(400);
    expect(category.json()).toEqual({
      code: "LINLI_ERR_REPORT_BAD_REQUEST",
      message:
        "category must be one of facility_damage, sanitation, noise, service_quality, safety_hazard, other",
    });
    const reason = await post({ category: "noise", reasons: ["rubbish"] });
    expect(reason.json().code).toBe("LINLI_ERR_REPORT_UNKNOWN_REASON");
    expect(harness.count("problem_reports")).toBe(0);
  });

  it("offer the categories with their reasons", async () => {
    app = await buildApp(letThrough);
    const response = await app.inject({ url: "/api/v1/reports/options" });
    expect(response.json().categories.map((entry: { zh: string }) => entry.zh)).toEqual([
      "设施损坏",
      "环境卫生",
      "噪音扰民",
      "服务质量",
      "安全隐患",
      "其他",
    ]);
  });

  it("list reports for operators the guard lets through", async () => {
    app = await buildApp(letThrough);
    await post({ category: "noise", text: "晚上太吵 13912345678" });
    const response = await app.inject({ url: "/api/v1/operator/reports?category=noise" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      total: 1,
      items: [{ reference: "R240607-001", categoryName: "噪音扰民", text: "晚上太吵 139****5678" }],
    });
  });

  it("refuse the operator list when the guard refuses, but not the resident routes", async () => {
    app = await buildApp(refuse);
    const list = await app.inject({ url: "/api/v1/operator/reports" });
    expect(list.statusCode).toBe(401);
    expect(list.json().code).toBe("LINLI_ERR_OPERATOR_SIGNED_OUT");
    expect((await post({ category: "other" })).statusCode).toBe(201);
  });
});
