import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { ErrorResponse } from "@linli/protocols/api";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK, outlet } from "../../outlets/search/fixtures.js";
import { OutletService } from "../../outlets/service.js";
import { registerErrorHandlers } from "../errors.js";
import type { HttpApp } from "../types.js";
import { outletRoutes } from "./outlets.js";

const MONDAY_10_SHANGHAI = new Date("2024-06-03T10:00:00+08:00");

const shop = outlet("老王修鞋", "repair", 300, {
  services: ["修鞋", "配钥匙"],
  prices: [{ item: "配钥匙", priceFen: 500, unit: "把" }],
});
const records = [
  shop,
  outlet("好邻居便利店", "convenience_store", 200, { chain: "好邻居" }),
  outlet("老百姓药店", "pharmacy", 700, { hours: "Tu-Su 08:00-20:00" }),
  outlet("张记早餐", "breakfast", 2000),
];

/** The agent's HTTP setup (http/app.ts) with only these routes under /api/v1. */
async function buildApp(): Promise<HttpApp> {
  const app: HttpApp = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandlers(app, { appShell: false });
  await app.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
  });
  app.addSchema(ErrorResponse);
  const outlets = new OutletService({
    source: { all: () => records },
    location: { ...KIOSK, datum: "wgs84" },
  });
  outlets.start();
  await app.register(
    async (api) => {
      await api.register(outletRoutes, { outlets, now: () => MONDAY_10_SHANGHAI });
      api.get("/docs/json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: "/api/v1" },
  );
  return app;
}

describe("the outlet routes", () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await buildApp();
  });
  afterAll(async () => {
    await app.close();
  });
  const get = (url: string) => app.inject({ method: "GET", url });

  it("search answers {items, total} with walking minutes and highlights", async () => {
    const response = await get("/api/v1/outlets?q=bld&maxMinutes=15&openNow=true");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toEqual({
      id: records[1]?.id,
      name: "好邻居便利店",
      category: "convenience_store",
      address: null,
      brand: null,
      chain: "好邻居",
      lng: records[1]?.lng,
      lat: records[1]?.lat,
      distanceMeters: 250,
      walkMinutes: { normal: 3, elderly: 5 },
      openState: "open",
      openNow: true,
      opensAt: null,
      closesAt: "2024-06-03T22:00:00+08:00",
      match: { kind: "initials", highlight: { start: 3, end: 6 } },
    });
  });

  it("search pages nearest first by default, 20 at a time", async () => {
    const body = (await get("/api/v1/outlets")).json();
    expect(body.total).toBe(4);
    expect(body.items.map((item: { name: string }) => item.name)).toEqual([
      "好邻居便利店",
      "老王修鞋",
      "老百姓药店",
      "张记早餐",
    ]);
    expect(body.items[0].match).toBeNull();
    const page = (
      await get(`/api/v1/outlets?limit=1&offset=1&group=${encodeURI("一店一早")}`)
    ).json();
    expect(page).toMatchObject({ total: 2, items: [{ name: "张记早餐" }] });
    const elderly = (await get("/api/v1/outlets?maxMinutes=5&elderly=true")).json();
    expect(elderly.total).toBe(1);
  });

  it("refuses maxMinutes=abc with a code and what it takes", async () => {
    const response = await get("/api/v1/outlets?maxMinutes=abc");
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: "LINLI_ERR_OUTLET_BAD_QUERY",
      message: "maxMinutes must be a whole number of walking minutes from 1 to 60",
    });
  });

  it("refuses out-of-range and malformed parameters, naming each", async () => {
    for (const [query, name] of [
      ["maxMinutes=61", "maxMinutes"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["offset=-1", "offset"],
      ["openNow=maybe", "openNow"],
      [`q=${"药".repeat(41)}`, "q"],
    ] as const) {
      const response = await get(`/api/v1/outlets?${encodeURI(query)}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe("LINLI_ERR_OUTLET_BAD_QUERY");
      expect(response.json().message).toMatch(new RegExp(`^${name} must be `));
    }
  });

  it("refuses an unknown category or group with its own code", async () => {
    const category = await get(`/api/v1/outlets?category=${encodeURIComponent("火箭")}`);
    expect(category.statusCode).toBe(400);
    expect(category.json().code).toBe("LINLI_ERR_OUTLET_UNKNOWN_CATEGORY");
    const group = await get("/api/v1/outlets?group=nope");
    expect(group.statusCode).toBe(400);
    expect(group.json().code).toBe("LINLI_ERR_OUTLET_UNKNOWN_GROUP");
  });

  it("gives an outlet's detail, or 404 LINLI_ERR_OUTLET_NOT_FOUND", async () => {
    const found = await get(`/api/v1/outlets/${shop.id}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      name: "老王修鞋",
      hours: "Mo-Su 07:00-22:00",
      services: ["修鞋", "配钥匙"],
      prices: [{ item: "配钥匙", priceFen: 500, unit: "把" }],
      phone: null,
      updatedAt: shop.updatedAt,
    });
    const missing = await get("/api/v1/outlets/no-such-outlet");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("LINLI_ERR_OUTLET_NOT_FOUND");
  });

  it("reports coverage with a class or an explanation, and gaps", async () => {
    const response = await get("/api/v1/coverage");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.circleClass).toBeNull();
    expect(body.explanation).toMatch(/meets no class/);
    expect(body.gaps.map((gap: { code: string }) => gap.code)).toContain("breakfast");
    expect(body.chainShare.all).toEqual({ outlets: 4, chained: 1, share: 0.25 });
  });

  it("lists categories with counts and the slogan groups", async () => {
    const body = (await get("/api/v1/categories")).json();
    expect(body.categories.find((c: { code: string }) => c.code === "repair")).toMatchObject({
      zh: "维修点",
      count: 1,
      withinRadius: 1,
    });
    expect(body.groups).toHaveLength(4);
  });

  it("appears in the OpenAPI document", async () => {
    const doc = (await get("/api/v1/docs/json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/outlets",
        "/api/v1/outlets/{id}",
        "/api/v1/coverage",
        "/api/v1/categories",
      ]),
    );
    const parameters = doc.paths["/api/v1/outlets"].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(parameters).toEqual(
      expect.arrayContaining(["category", "group", "q", "maxMinutes", "openNow", "limit"]),
    );
  });
});
