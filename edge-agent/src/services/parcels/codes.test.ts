import { describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Store } from "../../store/index.js";
import { CodeHasher, codeInQr, pickupQrOf } from "./codes.js";
import { servicesMigrations, tempStorePath } from "./testing.js";

function openStore(path = tempStorePath()): Store {
  const store = new Store(path, createLogger({ level: "silent" }), servicesMigrations());
  store.start();
  return store;
}

describe("pickup codes", () => {
  it("are read from the QR the kiosk prints, from a link with ?code=, or as six digits alone", () => {
    expect(codeInQr(pickupQrOf("012345"))).toBe("012345");
    expect(codeInQr(" linli:pickup:987654 ")).toBe("987654");
    expect(codeInQr("https://post.example/p?code=246810&x=1")).toBe("246810");
    expect(codeInQr("135790")).toBe("135790");
  });

  it("are not found in other codes the scanner reads, which are then not wrong codes either", () => {
    expect(codeInQr("6901234567892")).toBeUndefined();
    expect(codeInQr("LINLI:PICKUP:12345")).toBeUndefined();
    expect(codeInQr("https://example.com/?code=abc")).toBeUndefined();
    expect(codeInQr("WIFI:S:linli;;")).toBeUndefined();
  });

  it("are kept as a keyed hash that stays the same for the kiosk across restarts and differs between kiosks", () => {
    const path = tempStorePath();
    const first = openStore(path);
    const hash = new CodeHasher(first.db).hash("123456");
    first.stop();
    const again = openStore(path);
    const other = openStore();
    expect(new CodeHasher(again.db).hash("123456")).toBe(hash);
    expect(new CodeHasher(other.db).hash("123456")).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain("123456");
    again.stop();
    other.stop();
  });

  it("are six digits and never one an active record already uses", () => {
    const store = openStore();
    const hasher = new CodeHasher(store.db);
    const used = new Set<string>();
    for (let index = 0; index < 200; index += 1) {
      const { code, hash } = hasher.newCode((candidate) => used.has(candidate));
      expect(code).toMatch(/^[0-9]{6}$/);
      expect(used.has(hash)).toBe(false);
      used.add(hash);
    }
    expect(() => hasher.newCode(() => true)).toThrow(/unused pickup code/);
    store.stop();
  });
});
