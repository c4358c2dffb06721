import { describe, expect, it } from "vitest";
import { addDays, dayOf, endOfDay, isDay, isWorkingDay, workingDeadline } from "./calendar.js";

const SHANGHAI = "Asia/Shanghai";

describe("the kiosk's calendar", () => {
  it("reads the day in the kiosk's zone, not in UTC", () => {
    expect(dayOf(new Date("2024-06-07T23:30:00+08:00"), SHANGHAI)).toBe("2024-06-07");
    expect(dayOf(new Date("2024-06-07T16:30:00Z"), SHANGHAI)).toBe("2024-06-08");
  });

  it("ends a Shanghai day at 23:59:59.999 local time", () => {
    expect(endOfDay("2024-06-14", SHANGHAI).toISOString()).toBe("2024-06-14T15:59:59.999Z");
  });

  it("moves across month ends and tells real days from impossible ones", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2023-02-29")).toBe(false);
    expect(isDay("June 7")).toBe(false);
  });

  it("rests on weekends and listed holidays, and works on listed make-up days", () => {
    expect(isWorkingDay("2024-06-07")).toBe(true);
    expect(isWorkingDay("2024-06-08")).toBe(false);
    expect(isWorkingDay("2024-06-09")).toBe(false);
    expect(isWorkingDay("2024-06-10", { holidays: ["2024-06-10"] })).toBe(false);
    expect(isWorkingDay("2024-09-14", { workdays: ["2024-09-14"] })).toBe(true);
  });

  it("puts a Friday's 5-working-day deadline at the end of the next Friday", () => {
    const friday = new Date("2024-06-07T10:00:00+08:00");
    expect(workingDeadline(friday, 5, SHANGHAI).toISOString()).toBe("2024-06-14T15:59:59.999Z");
  });

  it("counts a Saturday's deadline from the Monday after", () => {
    const saturday = new Date("2024-06-08T22:00:00+08:00");
    expect(workingDeadline(saturday, 5, SHANGHAI).toISOString()).toBe("2024-06-14T15:59:59.999Z");
  });

  it("skips a listed public holiday (端午节, Monday 10 June 2024)", () => {
    const friday = new Date("2024-06-07T10:00:00+08:00");
    const due = workingDeadline(friday, 5, SHANGHAI, { holidays: ["2024-06-10"] });
    expect(due.toISOString()).toBe("2024-06-17T15:59:59.999Z");
  });

  it("with 0 working days, is due at the end of the same day", () => {
    const friday = new Date("2024-06-07T10:00:00+08:00");
    expect(workingDeadline(friday, 0, SHANGHAI).toISOString()).toBe("2024-06-07T15:59:59.999Z");
  });
});
