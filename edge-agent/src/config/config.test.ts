import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, loadConfig } from "./index.js";

const KIOSK_YAML = `kiosk:
  site: weifang-xincun
  id: kiosk-01
  name: 潍坊新村邻里中心
  location: { lng: 121.5265, lat: 31.2272, datum: gcj02 }
`;

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "linli-config-"));
  const file = join(dir, "linli.yaml");
  writeFileSync(file, text);
  return file;
}

function errorOf(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected the config to be rejected");
}

describe("agent config", () => {
  it("fills documented defaults: loopback on 8080, 5.0 km/h with circuity 1.25", () => {
    const file = configFile(KIOSK_YAML);
    const { config } = loadConfig({ file, env: {} });
    expect(config.http).toEqual({ host: "127.0.0.1", port: 8080, allowedHosts: [] });
    expect(config.kiosk.walking).toEqual({ speedKmh: 5, elderlySpeedKmh: 3.6, circuity: 1.25 });
    expect(config.devices).toEqual([]);
  });

  it("resolves the store path from the config file's folder", () => {
    const file = configFile(`${KIOSK_YAML}store:\n  path: data/kiosk.db\n`);
    const { config } = loadConfig({ file, env: {} });
    expect(config.store.path).toBe(join(file, "..", "data", "kiosk.db"));
  });

  it("takes the file from LINLI_CONFIG and lets LINLI_<SECTION>_<KEY> override keys", () => {
    const file = configFile(`${KIOSK_YAML}http:\n  port: 9000\n`);
    const { config } = loadConfig({
      env: {
        LINLI_CONFIG: file,
        LINLI_HTTP_PORT: "8081",
        LINLI_UPLINK_URL: "mqtt://127.0.0.1:1883",
        LINLI_KIOSK_WALKING_SPEED_KMH: "4.5",
        LINLI_BROKER_ENABLED: "false",
      },
    });
    expect(config.http.port).toBe(8081);
    expect(config.uplink.url).toBe("mqtt://127.0.0.1:1883");
    expect(config.kiosk.walking.speedKmh).toBe(4.5);
    expect(config.broker.enabled).toBe(false);
  });

  it("names the key, the file line and what is expected for a bad value", () => {
    const file = configFile(`${KIOSK_YAML}http:\n  port: eighty\n`);
    const error = errorOf(() => loadConfig({ file, env: {} }));
    expect(error.code).toBe("LINLI_ERR_CONFIG_INVALID");
    expect(error.message).toBe(
      `config error in ${file}:7: http.port must be a TCP port number from 1 to 65535, got "eighty"`,
    );
  });

  it("names the environment variable when an override is bad", () => {
    const file = configFile(KIOSK_YAML);
    const error = errorOf(() => loadConfig({ file, env: { LINLI_HTTP_PORT: "70000" } }));
    expect(error.message).toMatch(
      /^config error in LINLI_HTTP_PORT: http\.port must be .*got 70000$/,
    );
  });

  it("rejects an unknown key and lists the known ones", () => {
    const file = configFile(`${KIOSK_YAML}http:\n  prot: 8080\n`);
    const error = errorOf(() => loadConfig({ file, env: {} }));
    expect(error.message).toContain(
      "http.prot is not a known key (known here: host, port, allowedHosts)",
    );
  });

  it("says which key is missing", () => {
    const file = configFile("kiosk:\n  site: a\n  id: b\n  name: c\n");
    const error = errorOf(() => loadConfig({ file, env: {} }));
    expect(error.message).toContain("kiosk.location is missing");
  });

  it("rejects an unknown LINLI_ variable instead of ignoring a typo", () => {
    const file = configFile(KIOSK_YAML);
    const error = errorOf(() => loadConfig({ file, env: { LINLI_HTTP_PROT: "1" } }));
    expect(error.message).toContain("unknown environment variable LINLI_HTTP_PROT");
  });

  it("reports broken YAML with its line", () => {
    const file = configFile("kiosk: [\n");
    const error = errorOf(() => loadConfig({ file, env: {} }));
    expect(error.message).toMatch(/linli\.yaml:\d+:\d+: not valid YAML/);
  });

  it("reports a missing file plainly", () => {
    const error = errorOf(() => loadConfig({ file: "/nonexistent/linli.yaml", env: {} }));
    expect(error.message).toBe(
      "cannot read config file /nonexistent/linli.yaml: it does not exist",
    );
  });

  it("rejects duplicate device ids and bad transports by index", () => {
    const devices = `devices:
  - { id: printer-1, profile: escpos-58, transport: { type: serial, path: /dev/ttyUSB0 } }
  - { id: printer-1, profile: escpos-80, transport: { type: tcp, host: 10.0.0.9, port: 9100 } }
`;
    const twice = errorOf(() => loadConfig({ file: configFile(KIOSK_YAML + devices), env: {} }));
    expect(twice.message).toContain('devices[1].id "printer-1" is used twice');
    const badType = errorOf(() =>
      loadConfig({
        file: configFile(
          `${KIOSK_YAML}devices:\n  - { id: p, profile: x, transport: { type: usb } }\n`,
        ),
        env: {},
      }),
    );
    expect(badType.message).toContain('devices[0].transport.type must be one of "serial"');
  });

  it("checks that cabinets and the guide printer name configured devices", () => {
    const devices = `devices:
  - { id: printer-1, profile: generic-escpos-58, transport: { type: serial, path: /dev/ttyUSB0 } }
`;
    const cabinet = errorOf(() =>
      loadConfig({
        file: configFile(`${KIOSK_YAML}${devices}parcels:\n  cabinets: [cabinet-9]\n`),
        env: {},
      }),
    );
    expect(cabinet.message).toContain(
      'parcels.cabinets[0] "cabinet-9" is not one of the configured devices (printer-1)',
    );
    expect(cabinet.message).toMatch(/linli\.yaml:\d+/);
    const printer = errorOf(() =>
      loadConfig({
        file: configFile(KIOSK_YAML + devices),
        env: { LINLI_GUIDES_PRINTER_ID: "printer-2" },
      }),
    );
    expect(printer.message).toContain("LINLI_GUIDES_PRINTER_ID");
    expect(printer.message).toContain('guides.printerId "printer-2" is not one of');
  });

  it("refuses a navigation template with a placeholder it cannot fill", () => {
    const error = errorOf(() =>
      loadConfig({
        file: configFile(
          `${KIOSK_YAML}guides:\n  navigationUrlTemplate: "https://uri.amap.com/marker?position={lon},{lat}"\n`,
        ),
        env: {},
      }),
    );
    expect(error.message).toContain("unknown placeholder {lon}");
    expect(error.message).toContain("{gcjLng}");
  });

  it("takes the ratings calendar and follow-up time from the file", () => {
    const { config } = loadConfig({
      file: configFile(
        `${KIOSK_YAML}ratings:\n  followUpWorkingDays: 3\n  holidays: ["2026-10-01"]\n`,
      ),
      env: { LINLI_RATINGS_TARGET: "0.95" },
    });
    expect(config.ratings).toMatchObject({
      followUpWorkingDays: 3,
      holidays: ["2026-10-01"],
      workdays: [],
      target: 0.95,
    });
    const bad = errorOf(() =>
      loadConfig({
        file: configFile(`${KIOSK_YAML}ratings:\n  holidays: ["1 October"]\n`),
        env: {},
      }),
    );
    expect(bad.message).toContain("ratings.holidays[0] must be a date as YYYY-MM-DD");
  });

  it("takes the screen's sleep hours and brightness, and never sleeps by default", () => {
    expect(loadConfig({ file: configFile(KIOSK_YAML), env: {} }).config.display).toEqual({
      sleep: [],
      wakeMinutes: 2,
      backlight: "auto",
      sysRoot: "/sys",
      procRoot: "/proc",
    });
    const { config } = loadConfig({
      file: configFile(
        `${KIOSK_YAML}display:\n  sleep:\n    - { from: "22:30", to: "06:30" }\n    - { from: "12:00", to: "13:30", days: [sat, sun] }\n  nightBrightness: 20\n`,
      ),
      env: { LINLI_DISPLAY_BRIGHTNESS: "80", LINLI_DISPLAY_WAKE_MINUTES: "5" },
    });
    expect(config.display).toMatchObject({
      sleep: [
        { from: "22:30", to: "06:30" },
        { from: "12:00", to: "13:30", days: ["sat", "sun"] },
      ],
      brightness: 80,
      nightBrightness: 20,
      wakeMinutes: 5,
    });
  });

  it("says what a sleep window takes: HH:MM times, known weekdays, an end apart from the start", () => {
    const problem = (display: string) =>
      errorOf(() => loadConfig({ file: configFile(`${KIOSK_YAML}display:\n${display}`), env: {} }))
        .message;
    expect(problem('  sleep: [{ from: "25:00", to: "06:30" }]\n')).toContain(
      'display.sleep[0].from must be when the screen goes dark, e.g. "22:30", as HH:MM in 24-hour time, got "25:00"',
    );
    expect(problem('  sleep: [{ from: "22:30", to: "6:30" }]\n')).toContain(
      "display.sleep[0].to must be when it lights up again",
    );
    expect(problem('  sleep: [{ from: "22:30", to: "06:30", days: [saturday] }]\n')).toContain(
      'display.sleep[0].days[0] must be a weekday: "mon", "tue", "wed", "thu", "fri", "sat" or "sun", got "saturday"',
    );
    expect(problem('  sleep: [{ from: "22:30", to: "22:30" }]\n')).toContain(
      'display.sleep[0] starts and ends at 22:30: give it an end (for a whole day, from "00:00" to "24:00")',
    );
    expect(problem("  timeZone: Asia/Shanghia\n")).toContain(
      'display.timeZone "Asia/Shanghia" is not a time zone this machine knows',
    );
    expect(problem("  brightness: 0\n")).toContain(
      "display.brightness must be the backlight's level in percent while awake; left as found when not set (1 to 100), got 0",
    );
  });

  it("exposes an environment name for every scalar key", () => {
    const names = ENV_KEYS.map((key) => key.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "LINLI_HTTP_PORT",
        "LINLI_STORE_PATH",
        "LINLI_UPLINK_URL",
        "LINLI_KIOSK_SITE",
      ]),
    );
  });
});

describe("the config reference in edge-agent/README.md", () => {
  it("documents every key and its environment variable", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const key of ENV_KEYS) {
      expect(readme, `README lacks ${key.path.join(".")}`).toContain(`\`${key.path.join(".")}\``);
      expect(readme, `README lacks ${key.name}`).toContain(`\`${key.name}\``);
    }
  });
});
