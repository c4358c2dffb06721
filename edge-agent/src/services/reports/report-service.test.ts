import type { ProblemReportRequest } from "@linli/protocols/api";
import { afterEach, describe, expect, it } from "vitest";
import { FRIDAY_10, type Harness, later, openHarness, shop } from "../ratings/fixtures.js";

let harness: Harness;
afterEach(() => harness.stop());

const SATURDAY_9 = new Date("2024-06-08T09:00:00+08:00");

describe("problem reports", () => {
  it("give the resident a reference number, counted per day", () => {
    harness = openHarness();
    const refs = [FRIDAY_10, later(FRIDAY_10, 60), SATURDAY_9].map(
      (at) =>
        harness.reports.create({ category: "sanitation", reasons: ["rubbish"] }, at).reference,
    );
    expect(refs).toEqual(["R240607-001", "R240607-002", "R240608-001"]);
  });

  it("queue report.created upstream, never dropped, with the report", () => {
    harness = openHarness();
    const report = harness.reports.create(
      {
        category: "facility_damage",
        outletId: shop.id,
        reasons: ["lighting", "lighting"],
        text: "门口灯坏了，联系我 13812345678",
      },
      FRIDAY_10,
    );
    expect(report).toMatchObject({
      category: "facility_damage",
      categoryName: "设施损坏",
      outlet: { id: shop.id, name: "老王修鞋" },
      reasons: ["lighting"],
      text: "门口灯坏了，联系我 138****5678",
      day: "2024-06-07",
    });
    const events = harness.outbox.next(0, 10);
    expect(events.map(({ type, priority, payload }) => ({ type, priority, payload }))).toEqual([
      { type: "report.created", priority: 2, payload: report },
    ]);
  });

  it("leaves neither the report nor its event when the write fails", () => {
    harness = openHarness({
      outbox: () => ({
        add() {
          throw new Error("disk full");
        },
      }),
    });
    expect(() => harness.reports.create({ category: "noise" }, FRIDAY_10)).toThrow("disk full");
    expect(harness.count("problem_reports")).toBe(0);
    expect(harness.count("outbox")).toBe(0);
  });

  it("take only the chosen category's preset reasons and a known outlet", () => {
    harness = openHarness();
    expect(() => harness.reports.create({ category: "noise", reasons: ["rubbish"] })).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_REPORT_UNKNOWN_REASON",
        message: expect.stringContaining("夜间噪音"),
      }),
    );
    expect(() => harness.reports.create({ category: "noise", outletId: "gone" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_REPORT_UNKNOWN_OUTLET", status: 400 }),
    );
    const bogus = { category: "ufo" } as unknown as ProblemReportRequest;
    expect(() => harness.reports.create(bogus)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_REPORT_UNKNOWN_CATEGORY" }),
    );
    expect(() => harness.reports.create({ category: "other", text: "长".repeat(201) })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_REPORT_TEXT_TOO_LONG" }),
    );
    expect(harness.count("problem_reports")).toBe(0);
  });

  it("are listed for operators newest first, by category and day", () => {
    harness = openHarness();
    harness.reports.create({ category: "noise", reasons: ["night_noise"] }, FRIDAY_10);
    harness.reports.create({ category: "sanitation" }, later(FRIDAY_10, 60));
    harness.reports.create({ category: "noise" }, SATURDAY_9);
    const all = harness.reports.list();
    expect(all.total).toBe(3);
    expect(all.items.map((item) => item.reference)).toEqual([
      "R240608-001",
      "R240607-002",
      "R240607-001",
    ]);
    expect(harness.reports.list({ category: "noise", to: "2024-06-07" }).items).toEqual([
      expect.objectContaining({ reference: "R240607-001", reasons: ["night_noise"] }),
    ]);
    expect(harness.reports.list({ limit: 1, offset: 1 }).items.map((i) => i.reference)).toEqual([
      "R240607-002",
    ]);
  });
});
