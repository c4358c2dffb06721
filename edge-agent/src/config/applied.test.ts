import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  appliedConfigPath,
  applyConfigPatch,
  environmentKeys,
  loadConfig,
  mergeConfigPatches,
  readAppliedConfig,
  saveAppliedConfig,
} from "./index.js";

const KIOSK_YAML = `kiosk:
  site: weifang-xincun
  id: kiosk-01
  name: 潍坊新村邻里中心
  location: { lng: 121.5265, lat: 31.2272, datum: gcj02 }
store:
  path: data/linli.db
uplink:
  url: mqtt://file.example:1883
  username: from-file
  telemetryIntervalSeconds: 45
`;

/** A config file, and where its store's applied config lives. */
function kiosk(): { file: string; applied: string } {
  const dir = mkdtempSync(join(tmpdir(), "linli-applied-"));
  const file = join(dir, "linli.yaml");
  writeFileSync(file, KIOSK_YAML);
  mkdirSync(join(dir, "data"));
  return { file, applied: appliedConfigPath(join(dir, "data", "linli.db")) as string };
}

describe("the config applied from upstream", () => {
  it("lies over the config file and under the environment", () => {
    const { file, applied } = kiosk();
    saveAppliedConfig(applied, {
      uplink: { url: "mqtt://applied.example:1883", telemetryIntervalSeconds: 60 },
    });
    const loaded = loadConfig({ file, env: { LINLI_UPLINK_TELEMETRY_INTERVAL_SECONDS: "90" } });
    expect(loaded.applied).toBe(applied);
    expect(loaded.config.uplink).toMatchObject({
      url: "mqtt://applied.example:1883",
      username: "from-file",
      telemetryIntervalSeconds: 90,
      configRollbackSeconds: 30,
    });
  });

  it("takes a key away where it says null", () => {
    const { file, applied } = kiosk();
    saveAppliedConfig(applied, { uplink: { username: null } });
    expect(loadConfig({ file, env: {} }).config.uplink.username).toBeUndefined();
  });

  it("is found beside the store the environment names", () => {
    const { file } = kiosk();
    const store = join(mkdtempSync(join(tmpdir(), "linli-store-")), "kiosk.db");
    saveAppliedConfig(`${store}.applied-config.json`, { uplink: { username: "elsewhere" } });
    const { config } = loadConfig({ file, env: { LINLI_STORE_PATH: store } });
    expect(config.uplink.username).toBe("elsewhere");
  });

  it("names its file when what it holds is not a valid config", () => {
    const { file, applied } = kiosk();
    saveAppliedConfig(applied, { uplink: { telemetryIntervalSeconds: 1 } });
    expect(() => loadConfig({ file, env: {} })).toThrow(
      `config error in ${applied}: uplink.telemetryIntervalSeconds must be seconds between telemetry reports (5 to 3600), got 1`,
    );
    writeFileSync(applied, "{not json");
    expect(() => loadConfig({ file, env: {} })).toThrow(/is not valid JSON: delete it/);
  });

  it("is saved whole or not at all, readable by the agent's user only", () => {
    const { applied } = kiosk();
    saveAppliedConfig(applied, { uplink: { password: "s3cret" } });
    expect(statSync(applied).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(applied, "utf8"))).toEqual({ uplink: { password: "s3cret" } });
    expect(readAppliedConfig(`${applied}.missing`)).toBeUndefined();
    expect(() => saveAppliedConfig("/nonexistent/dir/x.json", {})).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_CONFIG_NOT_SAVED" }),
    );
  });

  it("keeps later patches over earlier ones, and their nulls", () => {
    const kept = mergeConfigPatches(
      { uplink: { url: "mqtt://a:1883", username: "a" } },
      { uplink: { username: null, password: "p" } },
    );
    expect(kept).toEqual({ uplink: { url: "mqtt://a:1883", username: null, password: "p" } });
    expect(applyConfigPatch({ uplink: { url: "x", username: "a" }, log: {} }, kept)).toEqual({
      uplink: { url: "mqtt://a:1883", password: "p" },
      log: {},
    });
  });

  it("knows which keys the environment pins", () => {
    const keys = environmentKeys({ LINLI_UPLINK_URL: "mqtt://x:1883", HOME: "/root" });
    expect([...keys]).toEqual([["uplink.url", "LINLI_UPLINK_URL"]]);
  });
});
