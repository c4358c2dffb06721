import { describe, expect, it } from "vitest";
import { applyConfigPatch, type Config, type ConfigPatch, loadConfig } from "../config/index.js";
import { createLogger } from "../log.js";
import type { UplinkLink } from "./link.js";
import type { ConfigChange } from "./set-config.js";
import { UplinkSwitchover } from "./switchover.js";
import { kioskTopics } from "./topics.js";

const START = loadConfig({
  env: {},
  base: {
    kiosk: {
      site: "weifang-xincun",
      id: "kiosk-01",
      name: "潍坊新村邻里中心",
      location: { lng: 121.52, lat: 31.23, datum: "wgs84" },
    },
    uplink: { url: "mqtt://broker.example:1883", username: "kiosk-01" },
  },
}).config;

/** Only the checks: nothing here connects. */
function switchover(
  options: { environment?: Map<string, string>; embeddedBroker?: boolean } = {},
): UplinkSwitchover {
  return new UplinkSwitchover({
    config: START,
    link: {} as UplinkLink,
    createClient: () => {
      throw new Error("not in these tests");
    },
    onlineStatus: () => ({}),
    topics: kioskTopics("weifang-xincun", "kiosk-01"),
    publisher: { stop: async () => undefined, start: () => undefined },
    log: createLogger({ level: "silent" }),
    ...options,
  });
}

function change(patch: ConfigPatch): ConfigChange {
  const next = applyConfigPatch(START, patch) as Config;
  const changed = (Object.keys(next) as (keyof Config)[]).filter(
    (key) => JSON.stringify(START[key]) !== JSON.stringify(next[key]),
  );
  return { previous: START, next, patch, changed };
}

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  return undefined;
};

describe("what set-config may change on a running kiosk", () => {
  it("lets every uplink key change", () => {
    const check = switchover();
    expect(
      refusal(() =>
        check.check(
          change({
            uplink: {
              url: "mqtts://other.example:8883",
              ca: "/etc/linli/ca.pem",
              password: "new",
              telemetryIntervalSeconds: 60,
            },
          }),
        ),
      ),
    ).toBeUndefined();
  });

  it("refuses sections read at start, naming them and where to change them", () => {
    const error = refusal(() =>
      switchover().check(change({ http: { port: 9090 }, log: { level: "debug" } })),
    );
    expect(error).toMatchObject({
      code: "LINLI_ERR_CONFIG_NOT_LIVE",
      message:
        "set-config changes uplink.* only: http, log are read at start, so change them in the kiosk's config file",
    });
  });

  it("refuses a key the environment sets, which would undo it at the next start", () => {
    const check = switchover({ environment: new Map([["uplink.url", "LINLI_UPLINK_URL"]]) });
    expect(refusal(() => check.check(change({ uplink: { url: "mqtt://x:1883" } })))).toMatchObject({
      code: "LINLI_ERR_CONFIG_PINNED",
      message: expect.stringContaining("uplink.url is set by LINLI_UPLINK_URL"),
    });
    expect(refusal(() => check.check(change({ uplink: { username: "other" } })))).toBeUndefined();
  });

  it("wants absolute paths for the TLS and password files", () => {
    expect(
      refusal(() => switchover().check(change({ uplink: { cert: "certs/kiosk.pem" } }))),
    ).toMatchObject({
      code: "LINLI_ERR_CONFIG_INVALID",
      message: "uplink.cert must be an absolute path in a set-config (got a relative one)",
    });
  });

  it("lets uplink.url go only where the embedded broker can take over", () => {
    const unset = change({ uplink: { url: null } });
    expect(refusal(() => switchover().check(unset))).toMatchObject({
      code: "LINLI_ERR_UPLINK_NO_URL",
    });
    expect(refusal(() => switchover({ embeddedBroker: true }).check(unset))).toBeUndefined();
  });
});
