import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExitCode, exitCodeFor } from "../exit-codes.js";
import { createLogger } from "../log.js";
import { sampleCircleFile } from "../outlets/data/import-sample.js";
import { OutletRepository } from "../outlets/repository.js";
import { Store } from "../store/store.js";
import { importCommand } from "./import.js";

let dir: string;
let configFile: string;
let storePath: string;
const printed: string[] = [];
const io = () => ({ print: (line: string) => printed.push(line), env: {} });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "linli-cli-import-"));
  storePath = join(dir, "data", "linli.db");
  configFile = join(dir, "linli.yaml");
  writeFileSync(
    configFile,
    [
      "kiosk:",
      "  site: weifang-xincun",
      "  id: kiosk-01",
      "  name: 潍坊新村邻里中心",
      "  location: { lng: 121.5265, lat: 31.2272, datum: gcj02 }",
      "store:",
      "  path: data/linli.db",
    ].join("\n"),
  );
  printed.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function storedCount(): number {
  const store = new Store(storePath, createLogger({ level: "silent" }));
  store.start();
  try {
    return new OutletRepository(store.db).count();
  } finally {
    store.stop();
  }
}

const CSV = [
  "名称,类别,经度,纬度,营业时间,备注",
  "全家(潍坊路店),便利店,121.5265,31.2272,24小时,",
  "阿婆早点,早点,121.5250,31.2290,6:00-10:30,",
  "火箭发射场,火箭发射场,121.52,31.22,,",
  "罗森,便利店,31.2272,121.5265,,",
].join("\n");

describe("linli import", () => {
  it("loads a file into the configured store and says what it did and did not load", async () => {
    const result = await importCommand(file("circle.csv", CSV), { config: configFile }, io());
    expect(result.loaded).toBe(2);
    expect(storedCount()).toBe(2);
    expect(printed).toEqual([
      "imported 2 outlets from circle.csv (CSV, UTF-8, merged by id)",
      "coordinates read as GCJ-02 (高德/腾讯), assumed for CSV: pass --datum gcj02, bd09 or wgs84 if that is wrong; stored as WGS-84",
      "rejected 2 rows; fix them and import the file again (loaded rows stay the same):",
      `  line 4: unknown category "火箭发射场": use a catalog name or code such as 便利店 or convenience_store`,
      expect.stringMatching(/^ {2}line 5: 经度\/lng 31.2272 and 纬度\/lat 121.5265 look swapped/),
      'unknown categories: "火箭发射场" (line 4); use a catalog name or code, e.g. 便利店 or convenience_store',
      "ignored columns: 备注",
      `the store ${storePath} now holds 2 outlets`,
    ]);
  });

  it("takes the datum from --datum and replaces the outlet set with --replace", async () => {
    await importCommand(file("circle.csv", CSV), { config: configFile }, io());
    const one = file("one.csv", "name,category,lng,lat\n全家,convenience_store,121.522,31.229");
    const result = await importCommand(
      one,
      { config: configFile, datum: "wgs84", replace: true },
      io(),
    );
    expect(result).toMatchObject({ datum: "wgs84", datumFrom: "option", mode: "replace" });
    expect(printed).toContain(
      "coordinates read as WGS-84 (GPS), as --datum says; stored as WGS-84",
    );
    expect(storedCount()).toBe(1);
  });

  it("imports the sample circle into the demo store", async () => {
    const env = { LINLI_STORE_PATH: storePath };
    const result = await importCommand(sampleCircleFile(), { demo: true }, { ...io(), env });
    expect(result.rejected).toEqual([]);
    expect(printed[1]).toMatch(/GCJ-02 \(高德\/腾讯\), as the file declares/);
    expect(storedCount()).toBe(result.loaded);
  });

  it("fails with exit code 65 when the file cannot be read", async () => {
    const missing = join(dir, "nope.csv");
    const failure = importCommand(missing, { config: configFile }, io());
    await expect(failure).rejects.toMatchObject({
      code: "LINLI_ERR_IMPORT_UNREADABLE",
      message: `cannot read ${missing}: it does not exist`,
    });
    expect(exitCodeFor("LINLI_ERR_IMPORT_UNREADABLE")).toBe(ExitCode.dataError);
  });

  it("fails with exit code 65 when nothing loads, leaving the store as it was", async () => {
    await importCommand(file("circle.csv", CSV), { config: configFile }, io());
    const bad = file("bad.csv", "名称,类别,经度,纬度\n火箭发射场,火箭发射场,121.52,31.22");
    await expect(
      importCommand(bad, { config: configFile, replace: true }, io()),
    ).rejects.toMatchObject({ code: "LINLI_ERR_IMPORT_NOTHING_LOADED" });
    expect(storedCount()).toBe(2);
  });
});
