import { describe, expect, it } from "vitest";
import { maskPhone, maskPhoneNumbers, maskPhoneNumbersDeep, phoneLastFour } from "./privacy.js";

describe("phone privacy", () => {
  it("masks a mobile number down to its first three and last four digits", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("+86 138 1234 5678")).toBe("138****5678");
  });

  it("keeps only the last four digits for storage", () => {
    expect(phoneLastFour("138-1234-5678")).toBe("5678");
  });

  it("masks numbers inside free text but leaves other digits alone", () => {
    expect(maskPhoneNumbers("请联系13812345678或 +86-139-0000-1111，订单 20261122")).toBe(
      "请联系138****5678或 139****1111，订单 20261122",
    );
    expect(maskPhoneNumbers("pickup code 123456, door 12")).toBe("pickup code 123456, door 12");
  });

  it("masks numbers anywhere inside free-form data, leaving other values alone", () => {
    expect(
      maskPhoneNumbersDeep({ note: "call 13812345678", list: ["13900001111", 7], ok: true }),
    ).toEqual({
      note: "call 138****5678",
      list: ["139****1111", 7],
      ok: true,
    });
  });
});
