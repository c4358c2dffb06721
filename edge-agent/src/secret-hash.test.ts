import { describe, expect, it } from "vitest";
import { hashSecret, parseSecretHash, verifySecret, weakSecret } from "./secret-hash.js";

describe("secret hashes", () => {
  it("accept the password they were made from, as text or as the bytes a peer sent", async () => {
    const stored = await hashSecret("correct horse battery");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("correct horse");
    const hash = parseSecretHash(stored);
    if (!hash) throw new Error("hashSecret made a hash parseSecretHash refuses");
    await expect(verifySecret("correct horse battery", hash)).resolves.toBe(true);
    await expect(verifySecret(Buffer.from("correct horse battery"), hash)).resolves.toBe(true);
    await expect(verifySecret("correct horse batterz", hash)).resolves.toBe(false);
    expect(await hashSecret("correct horse battery")).not.toBe(stored);
  });

  it("refuse stored hashes that are malformed or would cost more than a kiosk should pay", () => {
    const salt = Buffer.alloc(16, 1).toString("base64");
    const key = Buffer.alloc(32, 2).toString("base64");
    expect(parseSecretHash(`scrypt$16384$8$1$${salt}$${key}`)).toBeDefined();
    for (const bad of [
      "sha1$abc",
      `scrypt$16384$8$1$${salt}`,
      `scrypt$16383$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$1048576$8$1$${salt}$${key}`, // 1 GiB of memory per check
      `scrypt$16384$8$1$${salt}$not base64!`,
      `scrypt$16384$8$1$$${key}`,
      `scrypt$-2$8$1$${salt}$${key}`,
    ])
      expect(parseSecretHash(bad), bad).toBeUndefined();
  });

  it("take passwords of 12 characters or more, without control characters", () => {
    expect(weakSecret("s3cret")).toMatch(/at least 12 characters \(got 6\)/);
    expect(weakSecret("line\nbreak in it")).toMatch(/no control characters/);
    expect(weakSecret("twelve chars")).toBeUndefined();
  });
});
