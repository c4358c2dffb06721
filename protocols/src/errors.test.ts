import { describe, expect, it } from "vitest";
import { isLinliError, LinliError } from "./errors.js";

describe("LinliError", () => {
  it("serialises to the {code, message} shape the HTTP API answers with", () => {
    const error = new LinliError("LINLI_ERR_TEST_BAD", "The thing is bad: fix it", { status: 400 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: "LINLI_ERR_TEST_BAD",
      message: "The thing is bad: fix it",
    });
    expect(error.status).toBe(400);
    expect(isLinliError(error)).toBe(true);
    expect(isLinliError(new Error("plain"))).toBe(false);
  });
});
