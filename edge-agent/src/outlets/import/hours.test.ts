import { describe, expect, it } from "vitest";
import { normaliseHours } from "./hours.js";

const hoursOf = (input: string) => normaliseHours(input);

describe("opening hours at import", () => {
  it("keeps OSM opening_hours syntax, tidied by the opening_hours library", () => {
    expect(hoursOf("Mo-Su 06:00-20:00")).toEqual({ hours: "Mo-Su 06:00-20:00" });
    expect(hoursOf("Tu-Su 08:00-20:00")).toEqual({ hours: "Tu-Su 08:00-20:00" });
    expect(hoursOf("Mo-Fr 9:00-18:00; PH off")).toEqual({ hours: "Mo-Fr 09:00-18:00; PH off" });
    expect(hoursOf("24/7")).toEqual({ hours: "24/7" });
  });

  it("reads a bare time range as every day, whatever the dash", () => {
    expect(hoursOf("06:00-20:00")).toEqual({ hours: "Mo-Su 06:00-20:00" });
    expect(hoursOf("6:00—20:00")).toEqual({ hours: "Mo-Su 06:00-20:00" });
    expect(hoursOf("6：00～20：00")).toEqual({ hours: "Mo-Su 06:00-20:00" });
    expect(hoursOf("7点-21点半")).toEqual({ hours: "Mo-Su 07:00-21:30" });
  });

  it("reads 24小时, 24h and 全天 as open around the clock", () => {
    for (const plain of ["24小时", "24h", "24H", "全天", "24小时营业", "00:00-24:00"]) {
      expect(hoursOf(plain)).toEqual({ hours: "24/7" });
    }
  });

  it("reads Chinese weekdays and closed days", () => {
    expect(hoursOf("周一至周五 9:00-18:00")).toEqual({ hours: "Mo-Fr 09:00-18:00" });
    expect(hoursOf("周一至周五 9:00-18:00，周六 10:00-16:00")).toEqual({
      hours: "Mo-Fr 09:00-18:00; Sa 10:00-16:00",
    });
    expect(hoursOf("8:00-20:00，周一休息")).toEqual({ hours: "Mo-Su 08:00-20:00; Mo off" });
    expect(hoursOf("星期二到星期日 08:00-20:00")).toEqual({ hours: "Tu-Su 08:00-20:00" });
    expect(hoursOf("工作日 8:30-17:00；周末 9:00-12:00")).toEqual({
      hours: "Mo-Fr 08:30-17:00; Sa,Su 09:00-12:00",
    });
  });

  it("takes empty hours as unknown", () => {
    expect(hoursOf("  ")).toEqual({ hours: null });
  });

  it("refuses what is neither, saying what forms it takes", () => {
    const outcome = hoursOf("看心情");
    expect(outcome).toHaveProperty("reason");
    expect((outcome as { reason: string }).reason).toMatch(/"看心情".*06:00-20:00, 24小时/);
    expect(hoursOf("25:00-26:00")).toHaveProperty("reason");
  });
});
