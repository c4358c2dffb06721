import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Store } from "../../store/store.js";
import { OutletRepository } from "../repository.js";
import { importOutletFile, importOutlets } from "./pipeline.js";

let dir: string;
let store: Store;
let repository: OutletRepository;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "linli-import-"));
  store = new Store(join(dir, "linli.db"), createLogger({ level: "silent" }));
  store.start();
  repository = new OutletRepository(store.db);
});
afterEach(() => {
  store.stop();
  rmSync(dir, { recursive: true, force: true });
});

const CSV = [
  "名称,类别,地址,经度,纬度,营业时间",
  "全家(潍坊路店),便利店,潍坊路 328 号,121.5265,31.2272,24小时",
  "老百姓大药房(崂山路店),药店,崂山路 12 号,121.5280,31.2260,08:00-22:00",
  "阿婆早点,早点,潍坊西路 5 号,121.5250,31.2290,周二至周日 5:30-10:30",
  "火箭发射场,火箭发射场,,121.52,31.22,",
].join("\n");

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("importing into the store", () => {
  it("loads the good rows, reports the bad ones, and records the import", () => {
    const result = importOutletFile(repository, file("circle.csv", CSV));
    expect(result).toMatchObject({
      source: "circle.csv",
      format: "csv",
      encoding: "utf-8",
      datum: "gcj02",
      mode: "merge",
      loaded: 3,
      rejected: [{ line: 5, reason: expect.stringContaining("unknown category") }],
      unknownCategories: [{ value: "火箭发射场", lines: [5] }],
    });
    expect(repository.count()).toBe(3);
    expect(repository.categoryCounts()).toEqual({
      breakfast: 1,
      convenience_store: 1,
      pharmacy: 1,
    });
    expect(repository.imports()[0]).toMatchObject({
      source: "circle.csv",
      rowsLoaded: 3,
      rowsRejected: 1,
    });
  });

  it("is idempotent: importing the same file again keeps the count and the ids", () => {
    const path = file("circle.csv", CSV);
    importOutletFile(repository, path);
    const ids = repository.all().map((record) => record.id);
    importOutletFile(repository, path);
    expect(repository.count()).toBe(3);
    expect(repository.all().map((record) => record.id)).toEqual(ids);
    expect(repository.imports()).toHaveLength(2);
  });

  it("uses the file's own ids when it has them", () => {
    const csv = "编号,名称,类别,经度,纬度\nwf-001,全家,便利店,121.5265,31.2272";
    importOutlets(repository, new TextEncoder().encode(csv), { sourceName: "ids.csv" });
    expect(repository.get("wf-001")?.name).toBe("全家");
  });

  it("leaves the previous data intact when a file is broken mid-way", () => {
    importOutletFile(repository, file("circle.csv", CSV));
    const before = repository.all();
    const broken = `${CSV}\n"好德便利,便利店,潍坊路 9 号,121.5266,31.2273,24小时\n罗森,便利店,,121.5267,31.2274,\n`;
    expect(() => importOutletFile(repository, file("broken.csv", broken))).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_IMPORT_MALFORMED" }),
    );
    expect(repository.all()).toEqual(before);
    expect(repository.imports()).toHaveLength(1);
  });

  it("refuses a file where nothing loads, and leaves the store as it was", () => {
    importOutletFile(repository, file("circle.csv", CSV));
    const nothing = "名称,类别,经度,纬度\n火箭发射场,火箭发射场,121.52,31.22\n,便利店,121.52,31.22";
    expect(() =>
      importOutletFile(repository, file("nothing.csv", nothing), { mode: "replace" }),
    ).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_IMPORT_NOTHING_LOADED",
        message: expect.stringContaining("all 2 rows were rejected (line 2: unknown category"),
      }),
    );
    expect(repository.count()).toBe(3);
    expect(() => importOutletFile(repository, file("header.csv", "名称,类别,经度,纬度\n"))).toThrow(
      /has no outlets in it, only a header/,
    );
  });

  it("replaces the whole set when asked, removing outlets the file lacks", () => {
    importOutletFile(repository, file("circle.csv", CSV));
    const smaller = CSV.split("\n").slice(0, 2).join("\n");
    const result = importOutletFile(repository, file("smaller.csv", smaller), { mode: "replace" });
    expect(result.mode).toBe("replace");
    expect(repository.all().map((record) => record.name)).toEqual(["全家(潍坊路店)"]);
  });

  it("says why a file cannot be read", () => {
    expect(() => importOutletFile(repository, join(dir, "missing.csv"))).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_IMPORT_UNREADABLE",
        message: expect.stringContaining("it does not exist"),
      }),
    );
    expect(() => importOutletFile(repository, dir)).toThrow(/it is a folder/);
  });
});
