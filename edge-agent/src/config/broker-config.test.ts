import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../secret-hash.js";
import { loadConfig } from "./index.js";

const KIOSK_YAML = `kiosk:
  site: weifang-xincun
  id: kiosk-01
  name: 潍坊新村邻里中心
  location: { lng: 121.5265, lat: 31.2272, datum: gcj02 }
`;

const HASH = await hashSecret("vending unit password");

function load(broker: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), "linli-config-"));
  const file = join(dir, "linli.yaml");
  // JSON is YAML: the broker section as one flow mapping.
  writeFileSync(file, `${KIOSK_YAML}broker: ${JSON.stringify(broker)}\n`);
  return loadConfig({ file, env });
}

function refusal(broker: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): string {
  try {
    load(broker, env);
  } catch (error) {
    expect(error).toMatchObject({ code: "LINLI_ERR_CONFIG_INVALID" });
    return (error as Error).message;
  }
  throw new Error("expected the config to be refused");
}

const vendingUnit = {
  username: "vending-2",
  passwordHash: HASH,
  publish: ["lan/vending/vending-2/out/#"],
  subscribe: ["lan/vending/vending-2/in/#"],
};

describe("the embedded broker's users in the config", () => {
  it("default to none, an open broker on loopback", () => {
    const { config } = load({});
    expect(config.broker).toMatchObject({ host: "127.0.0.1", users: [], allowAnonymous: false });
  });

  it("take users with their hashes and topic filters", () => {
    const { config } = load({ host: "0.0.0.0", users: [vendingUnit] });
    expect(config.broker.users).toEqual([vendingUnit]);
  });

  it("refuse a broker listening beyond loopback without users, and say what to do", () => {
    const message = refusal({ host: "0.0.0.0" });
    expect(message).toContain('broker.host "0.0.0.0" is reachable beyond this machine');
    expect(message).toContain("broker.users is empty");
    expect(message).toContain("broker.allowAnonymous: true");
    expect(refusal({}, { LINLI_BROKER_HOST: "192.168.10.2" })).toContain(
      "config error in LINLI_BROKER_HOST",
    );
  });

  it("let it run open beyond loopback only when allowAnonymous says so, and stay open on loopback", () => {
    expect(load({ host: "0.0.0.0", allowAnonymous: true }).config.broker.allowAnonymous).toBe(true);
    for (const host of ["127.0.0.1", "127.0.0.53", "::1", "localhost"])
      expect(load({ host }).config.broker.users).toEqual([]);
    expect(load({ host: "0.0.0.0", enabled: false }).config.broker.enabled).toBe(false);
  });

  it("refuse allowAnonymous together with users, which would mean nothing", () => {
    expect(refusal({ users: [vendingUnit], allowAnonymous: true })).toContain(
      "broker.allowAnonymous is true but broker.users is not empty",
    );
  });

  it("refuse the agent's own user name, and a name used twice", () => {
    expect(refusal({ users: [{ ...vendingUnit, username: "linli-agent" }] })).toContain(
      'broker.users[0].username "linli-agent" is reserved for the agent\'s own clients',
    );
    expect(refusal({ users: [vendingUnit, vendingUnit] })).toContain(
      'broker.users[1].username "vending-2" is used twice',
    );
  });

  it("refuse a hash linli hash-secret did not make, naming the command", () => {
    const message = refusal({ users: [{ ...vendingUnit, passwordHash: "scrypt$16384$8$1$abc" }] });
    expect(message).toContain("broker.users[0].passwordHash is not a hash made by");
    expect(message).toContain("linli hash-secret");
    expect(refusal({ users: [{ ...vendingUnit, passwordHash: "hunter2hunter2" }] })).toContain(
      "broker.users[0].passwordHash must be the password's hash made by",
    );
  });

  it("refuse a topic filter MQTT would not take", () => {
    expect(refusal({ users: [{ ...vendingUnit, subscribe: ["lan/vending/#/in"] }] })).toContain(
      'broker.users[0].subscribe[0] "lan/vending/#/in" is not an MQTT topic filter: "#" stands alone as the last level',
    );
  });

  it("refuse unknown keys in a user, listing the known ones", () => {
    expect(refusal({ users: [{ ...vendingUnit, password: "plain text" }] })).toContain(
      "broker.users[0].password is not a known key (known here: username, passwordHash, publish, subscribe)",
    );
  });
});
