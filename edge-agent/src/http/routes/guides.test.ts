import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuideService } from "../../services/guides/guide-service.js";
import { guideOutletService } from "../../services/guides/testing.js";
import {
  buildServicesApp,
  openServicesRig,
  PRINTER_ID,
  type ServicesRig,
  until,
} from "../../services/parcels/testing.js";
import type { HttpApp } from "../types.js";
import { guideRoutes } from "./guides.js";

describe("the guide routes", () => {
  let rig: ServicesRig;
  let app: HttpApp;
  beforeAll(async () => {
    rig = await openServicesRig({ lockers: false });
    const guides = new GuideService({
      db: rig.db,
      outbox: rig.outbox,
      devices: rig.devices,
      jobs: rig.jobs,
      outlets: guideOutletService(),
      kiosk: { id: "kiosk-01", name: "潍坊新村邻里中心" },
      navigationUrlTemplate: "https://uri.amap.com/marker?position={gcjLng},{gcjLat}&name={name}",
    });
    guides.start();
    app = await buildServicesApp([guideRoutes({ guides })]);
  });
  afterAll(async () => {
    await app.close();
    await rig.close();
  });
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url, payload });

  it("previews the text that will print", async () => {
    const response = await post("/api/v1/guides/preview", { category: "pharmacy" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ columns: 32, printerId: PRINTER_ID });
    expect(body.outlets).toHaveLength(10);
    expect(body.text).toContain("1. 益民大药房");
  });

  it("answers 202 with a job to follow, then done", async () => {
    const response = await post("/api/v1/guides", { category: "药店", largePrint: true });
    expect(response.statusCode).toBe(202);
    const { jobId, printerId } = response.json();
    expect(printerId).toBe(PRINTER_ID);
    await until(() => rig.jobs.get(jobId)?.state === "done", "the job to be done");
    const job = await app.inject({ method: "GET", url: `/api/v1/guides/jobs/${jobId}` });
    expect(job.json()).toMatchObject({ jobId, state: "done", reason: null });
    expect(rig.printer.receipts[0]?.qrCodes[0]?.data).toMatch(/^https:\/\/uri\.amap\.com\/marker/);
  });

  it("explains a bad request in words, naming the field", async () => {
    const response = await post("/api/v1/guides", { outletIds: [], paperWidthMm: 70 });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("LINLI_ERR_GUIDE_BAD_REQUEST");
    expect(response.json().message).toContain("outletIds must be 1 to 10 different outlet ids");
    const both = await post("/api/v1/guides/preview", { category: "药店", outletIds: ["a"] });
    expect(both.json()).toMatchObject({ code: "LINLI_ERR_GUIDE_BAD_REQUEST" });
    const large = await post("/api/v1/guides/preview", { category: "药店", largePrint: "very" });
    expect(large.json().message).toBe(
      "largePrint must be true or false (true: double-height text for elderly readers)",
    );
  });

  it("answers 404 for a job that is not a guide's", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/guides/jobs/nope" });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("LINLI_ERR_GUIDE_JOB_NOT_FOUND");
  });

  it("lists its routes in the OpenAPI document", async () => {
    const paths = Object.keys((await app.inject({ url: "/api/v1/docs/json" })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/guides/preview",
        "/api/v1/guides",
        "/api/v1/guides/jobs/{id}",
      ]),
    );
  });
});
