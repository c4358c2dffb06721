import { describe, expect, it } from "vitest";
import { hashPin, verifyPin } from "./pin.js";

describe("operator PIN hashes", () => {
  it("accept the PIN they were made from and nothing else", async () => {
    const stored = await hashPin("246810");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("246810");
    await expect(verifyPin("246810", stored)).resolves.toBe(true);
    await expect(verifyPin("246811", stored)).resolves.toBe(false);
  });

  it("salt every hash, so equal PINs do not give equal hashes", async () => {
    expect(await hashPin("1234")).not.toBe(await hashPin("1234"));
  });

  it("refuse PINs that are not 4 to 12 digits", async () => {
    await expect(hashPin("12a4")).rejects.toMatchObject({ code: "LINLI_ERR_OPERATOR_PIN_FORMAT" });
    await expect(hashPin("123")).rejects.toMatchObject({ code: "LINLI_ERR_OPERATOR_PIN_FORMAT" });
  });

  it("treat a malformed stored hash as a config error", async () => {
    await expect(verifyPin("1234", "sha1$abc")).rejects.toMatchObject({
      code: "LINLI_ERR_CONFIG_PIN_HASH",
    });
  });
});
