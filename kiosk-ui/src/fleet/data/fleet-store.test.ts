import { describe, expect, it } from "vitest";
import { FleetStore, NO_FILTER, type RawMessage, type Sort } from "./fleet-store.js";

const T0 = Date.parse("2025-06-03T08:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

function message(topic: string, payload: unknown, options: Partial<RawMessage> = {}): RawMessage {
  return {
    topic,
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    retain: false,
    receivedAt: T0,
    ...options,
  };
}

const base = (site: string, kiosk: string) => `linli/v1/${site}/${kiosk}`;

/** What StatusReporter publishes on connect. */
const online = (site: string, kiosk: string, at = T0) =>
  message(`${base(site, kiosk)}/status`, {
    status: "online",
    versions: { agent: "0.1.0", node: "22.12.0" },
    startedAt: iso(at - 60_000),
    runs: ["printer:printer-1", "locker:lockers-1"],
    at: iso(at),
  });

/** The last will the broker publishes for a kiosk that vanished. */
const will = (site: string, kiosk: string, receivedAt = T0) =>
  message(`${base(site, kiosk)}/status`, { status: "offline", reason: "lost" }, { receivedAt });

/** What TelemetryReporter publishes. */
function telemetry(
  site: string,
  kiosk: string,
  options: {
    at?: number;
    depth?: number;
    oldestAgeSeconds?: number | null;
    devices?: { id: string; family: string; state: string; connected?: boolean }[];
    /** Newer kiosks' store health, screen and touch panel; left out as older kiosks do. */
    store?: unknown;
    display?: unknown;
    touch?: unknown;
  } = {},
) {
  const at = options.at ?? T0;
  return message(
    `${base(site, kiosk)}/telemetry`,
    {
      at: iso(at),
      kiosk: {
        uptimeSeconds: { host: 7200, agent: 3600 },
        load: { one: 0.4, five: 0.3, fifteen: 0.2, cpus: 4 },
        memory: { totalBytes: 4e9, freeBytes: 2e9, agentRssBytes: 8e7 },
        disk: { path: "/var/lib/linli", totalBytes: 32e9, freeBytes: 16e9 },
        temperatures: [{ zone: "thermal_zone0", type: "x86_pkg_temp", celsius: 47.5 }],
        network: [{ name: "eth0", up: true, state: "up" }],
        ...(options.display === undefined ? {} : { display: options.display }),
        ...(options.touch === undefined ? {} : { touch: options.touch }),
      },
      outbox: {
        depth: options.depth ?? 0,
        bytes: 0,
        oldestAgeSeconds: options.oldestAgeSeconds ?? null,
        dropped: { telemetry: 0, normal: 0 },
      },
      devices: (options.devices ?? [{ id: "printer-1", family: "printer", state: "ready" }]).map(
        (device) => ({
          lastSeen: iso(at),
          errorCount: 0,
          connected: true,
          ...device,
        }),
      ),
      ...(options.store === undefined ? {} : { store: options.store }),
    },
    { receivedAt: at },
  );
}

/** What TelemetryReporter publishes, retained, on a device's state topic. */
const deviceState = (
  site: string,
  kiosk: string,
  deviceId: string,
  state: string,
  detail: Record<string, unknown> = {},
  options: Partial<RawMessage> = {},
) =>
  message(
    `${base(site, kiosk)}/devices/${deviceId}/state`,
    {
      deviceId,
      at: iso(T0),
      health: { state, connected: true, lastSeen: iso(T0), errorCount: 0, lastError: null, detail },
    },
    options,
  );

describe("the fleet store", () => {
  it("turns a kiosk's retained online status into a row, online, with what it runs", () => {
    const store = new FleetStore();
    store.apply([online("huamu", "kiosk-01")]);
    const row = store.get("huamu/kiosk-01");
    expect(row).toMatchObject({
      site: "huamu",
      kiosk: "kiosk-01",
      presence: "online",
      versions: { agent: "0.1.0" },
      runs: ["printer:printer-1", "locker:lockers-1"],
      lastSeen: T0,
    });
    expect(store.summary()).toMatchObject({ kiosks: 1, online: 1, offline: 0, malformed: 0 });
  });

  it("shows a kiosk offline when the broker publishes its last will, keeping what it knew", () => {
    const store = new FleetStore();
    store.apply([online("huamu", "kiosk-01"), telemetry("huamu", "kiosk-01")]);
    store.apply([will("huamu", "kiosk-01", T0 + 90_000)]);
    const row = store.get("huamu/kiosk-01");
    expect(row).toMatchObject({ presence: "offline", offlineReason: "lost" });
    // The will is the broker's word, not the kiosk's: last seen stays at the last telemetry.
    expect(row?.lastSeen).toBe(T0);
    expect(row?.telemetry?.outbox.depth).toBe(0);
    expect(store.summary()).toMatchObject({ online: 0, offline: 1 });
  });

  it("takes telemetry's devices, outbox and host health, and counts the faults", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", {
        depth: 37,
        oldestAgeSeconds: 720,
        devices: [
          { id: "printer-1", family: "printer", state: "paper_out" },
          { id: "lockers-1", family: "locker", state: "ready" },
          { id: "scanner-1", family: "scanner", state: "offline", connected: false },
        ],
      }),
    ]);
    const row = store.get("huamu/kiosk-01");
    expect(row?.telemetry?.kiosk).toMatchObject({ load: 0.4, cpus: 4, celsius: 47.5 });
    expect(row?.telemetry?.outbox).toMatchObject({ depth: 37, oldestAgeSeconds: 720 });
    expect(row?.faults.map((fault) => [fault.deviceId, fault.kind])).toEqual([
      ["printer-1", "paperOut"],
      ["scanner-1", "offline"],
    ]);
    expect(row?.worst).toBe("critical");
    expect(store.summary().faulty).toBe(1);
  });

  it("reads device detail from retained device states: which door is left open, which slot jammed", () => {
    const store = new FleetStore();
    store.apply([
      deviceState("huamu", "kiosk-01", "lockers-1", "door_open", { leftOpen: ["1-3"] }),
      deviceState("huamu", "kiosk-01", "vending-1", "jammed", { jammedSlots: [4] }),
    ]);
    const faults = store.get("huamu/kiosk-01")?.faults;
    expect(faults).toEqual([
      expect.objectContaining({ deviceId: "vending-1", kind: "slotJammed", items: ["4"] }),
      expect.objectContaining({ deviceId: "lockers-1", kind: "doorLeftOpen", items: ["3"] }),
    ]);
  });

  it("does not call a door a resident has just opened a fault", () => {
    const store = new FleetStore();
    store.apply([
      deviceState("huamu", "kiosk-01", "lockers-1", "door_open", { openDoors: ["1-2"] }),
    ]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([]);
  });

  it("reads the bare device health that a rebirth publishes on the same topic", () => {
    const store = new FleetStore();
    store.apply([
      message(`${base("huamu", "kiosk-01")}/devices/printer-1/state`, {
        state: "paper_near_end",
        connected: true,
        lastSeen: iso(T0),
        errorCount: 0,
        lastError: null,
        detail: { paper: "near_end" },
      }),
    ]);
    expect(store.get("huamu/kiosk-01")?.faults[0]).toMatchObject({
      kind: "paperLow",
      severity: "warning",
    });
  });

  it("counts and ignores malformed messages, and keeps going", () => {
    const store = new FleetStore();
    store.apply([online("huamu", "kiosk-01")]);
    const malformed = store.apply([
      message(`${base("huamu", "kiosk-01")}/status`, "{not json"),
      message(`${base("huamu", "kiosk-01")}/status`, { status: "sideways" }),
      message(`${base("huamu", "kiosk-01")}/telemetry`, {
        at: "yesterday",
        outbox: {},
        devices: [],
      }),
      message(`${base("huamu", "kiosk-01")}/telemetry`, [1, 2, 3]),
      message(`${base("huamu", "kiosk-01")}/events`, { id: 7 }),
      message(`${base("huamu", "kiosk-01")}/devices/printer-1/state`, { state: 3 }),
      message("linli/v1/Bad Site/kiosk-01/status", { status: "online" }),
      message("linli/v1/huamu/kiosk-01/unknown", {}),
      online("huamu", "kiosk-02"),
    ]);
    expect(malformed).toBe(8);
    expect(store.summary()).toMatchObject({ kiosks: 2, online: 2, malformed: 8, messages: 10 });
    expect(store.get("huamu/kiosk-01")?.presence).toBe("online");
  });

  it("leaves downlink topics alone without calling them malformed", () => {
    const store = new FleetStore();
    store.apply([message(`${base("huamu", "kiosk-01")}/cmd/rebirth`, { id: "x" })]);
    expect(store.summary()).toMatchObject({ kiosks: 0, malformed: 0 });
  });

  it("forgets a kiosk whose retained status is cleared", () => {
    const store = new FleetStore();
    store.apply([online("huamu", "kiosk-01"), message(`${base("huamu", "kiosk-01")}/status`, "")]);
    expect(store.summary().kiosks).toBe(0);
  });

  it("keeps each kiosk's newest events once each, newest first", () => {
    const store = new FleetStore();
    const event = (seq: number, id = `e${seq}`) =>
      message(`${base("huamu", "kiosk-01")}/events`, {
        id,
        seq,
        type: "device.door_opened",
        at: iso(T0 + seq),
        data: { deviceId: "lockers-1", board: 1, lock: seq },
      });
    store.apply([1, 2, 3, 4, 5, 6, 7].map((seq) => event(seq)));
    store.apply([event(7)]);
    expect(store.get("huamu/kiosk-01")?.events.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
  });

  it("remembers the newest telemetry's time, for how fresh the view is", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", { at: T0 + 5_000 }),
      telemetry("huamu", "kiosk-02", { at: T0 + 2_000 }),
    ]);
    expect(store.summary().newestTelemetryAt).toBe(T0 + 5_000);
  });
});

describe("the fleet store's rows", () => {
  /** Four kiosks: two online, one offline, one with a fault and a backlog. */
  function fleet(): FleetStore {
    const store = new FleetStore();
    store.apply([
      online("huamu", "kiosk-01"),
      online("huamu", "kiosk-02"),
      online("tangqiao", "kiosk-01"),
      online("yangjing", "kiosk-01"),
      telemetry("huamu", "kiosk-01", { at: T0 + 30_000 }),
      telemetry("tangqiao", "kiosk-01", {
        at: T0 + 10_000,
        depth: 12,
        oldestAgeSeconds: 600,
        devices: [{ id: "printer-1", family: "printer", state: "paper_out" }],
      }),
      telemetry("yangjing", "kiosk-01", { at: T0 + 20_000, depth: 3, oldestAgeSeconds: 60 }),
      will("huamu", "kiosk-02", T0 + 40_000),
    ]);
    return store;
  }
  const keys = (store: FleetStore, sort: Sort, filter = NO_FILTER) =>
    store.rows(filter, sort).map((row) => row.key);

  it("sort by kiosk, both ways", () => {
    const store = fleet();
    expect(keys(store, { key: "kiosk", direction: "ascending" })).toEqual([
      "huamu/kiosk-01",
      "huamu/kiosk-02",
      "tangqiao/kiosk-01",
      "yangjing/kiosk-01",
    ]);
    expect(keys(store, { key: "kiosk", direction: "descending" })).toEqual([
      "yangjing/kiosk-01",
      "tangqiao/kiosk-01",
      "huamu/kiosk-02",
      "huamu/kiosk-01",
    ]);
  });

  it("sort by status puts offline kiosks first, ascending", () => {
    expect(keys(fleet(), { key: "status", direction: "ascending" })[0]).toBe("huamu/kiosk-02");
  });

  it("sort by faults puts the worst first, descending", () => {
    expect(keys(fleet(), { key: "faults", direction: "descending" })[0]).toBe("tangqiao/kiosk-01");
  });

  it("sort by telemetry age puts the freshest first and kiosks without telemetry last", () => {
    expect(keys(fleet(), { key: "telemetry", direction: "ascending" })).toEqual([
      "huamu/kiosk-01",
      "yangjing/kiosk-01",
      "tangqiao/kiosk-01",
      "huamu/kiosk-02",
    ]);
    expect(keys(fleet(), { key: "telemetry", direction: "descending" }).at(-1)).toBe(
      "huamu/kiosk-02",
    );
  });

  it("sort by outbox depth and by its oldest event's age", () => {
    expect(keys(fleet(), { key: "outboxDepth", direction: "descending" }).slice(0, 2)).toEqual([
      "tangqiao/kiosk-01",
      "yangjing/kiosk-01",
    ]);
    expect(keys(fleet(), { key: "outboxAge", direction: "descending" })[0]).toBe(
      "tangqiao/kiosk-01",
    );
  });

  it("filter by text, site, online state and faults", () => {
    const store = fleet();
    const sort: Sort = { key: "kiosk", direction: "ascending" };
    expect(keys(store, sort, { ...NO_FILTER, text: "TANG" })).toEqual(["tangqiao/kiosk-01"]);
    expect(keys(store, sort, { ...NO_FILTER, site: "huamu" })).toEqual([
      "huamu/kiosk-01",
      "huamu/kiosk-02",
    ]);
    expect(keys(store, sort, { ...NO_FILTER, status: "offline" })).toEqual(["huamu/kiosk-02"]);
    expect(keys(store, sort, { ...NO_FILTER, faultyOnly: true })).toEqual(["tangqiao/kiosk-01"]);
    expect(store.sites()).toEqual(["huamu", "tangqiao", "yangjing"]);
  });

  it("sorts a thousand kiosks, ties in kiosk order", () => {
    const store = new FleetStore();
    const batch: RawMessage[] = [];
    for (let i = 0; i < 1_000; i += 1) {
      const kiosk = `kiosk-${String(i).padStart(4, "0")}`;
      batch.push(online("site", kiosk), telemetry("site", kiosk, { at: T0 + i, depth: i % 7 }));
    }
    store.apply(batch);
    const rows = store.rows(NO_FILTER, { key: "outboxDepth", direction: "descending" });
    expect(rows).toHaveLength(1_000);
    expect(rows.slice(0, 2).map((row) => row.key)).toEqual(["site/kiosk-0006", "site/kiosk-0013"]);
  });
});

/** What StoreHealth.state() reports. */
const storeHealth = (fault?: "full" | "low_space" | "io_error" | "read_only", freeBytes = 8e9) => ({
  writable: fault === undefined,
  reason: fault ?? null,
  lastError: fault === "full" ? "SQLITE_FULL" : null,
  since: iso(T0 - 60_000),
  freeBytes,
  reserveBytes: 16 * 1024 * 1024,
});

const screen = (phase: "awake" | "asleep" | "woken", backlightError: string | null = null) => ({
  phase,
  brightnessPercent: phase === "asleep" ? 0 : 80,
  backlight: {
    device: "intel_backlight",
    maxBrightness: 96000,
    powerControl: true,
    writable: backlightError === null,
    error: backlightError,
  },
});

const panel = (present: boolean) => ({
  devices: present ? [{ name: "ILITEK ILITEK-TP", handler: "event5" }] : [],
  present,
  lastTouchAt: null,
});

describe("a kiosk's own health: its store, screen and touch panel", () => {
  it("calls a store that cannot take writes a critical fault, before its devices' faults", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", {
        store: storeHealth("full", 120_000),
        devices: [{ id: "printer-1", family: "printer", state: "paper_out" }],
      }),
    ]);
    const row = store.get("huamu/kiosk-01");
    expect(row?.faults.map((fault) => [fault.deviceId, fault.kind, fault.severity])).toEqual([
      [undefined, "storeFull", "critical"],
      ["printer-1", "paperOut", "critical"],
    ]);
    expect(row?.worst).toBe("critical");
    expect(store.summary()).toMatchObject({ faulty: 1, cannotRecord: 1 });
  });

  it("knows each reason a store cannot record, and one it has never heard of", () => {
    const kinds = (["low_space", "io_error", "read_only", "melted"] as const).map((reason) => {
      const store = new FleetStore();
      store.apply([
        telemetry("huamu", "kiosk-01", {
          store: { ...storeHealth("full"), reason, lastError: null },
        }),
      ]);
      return store.get("huamu/kiosk-01")?.faults[0]?.kind;
    });
    expect(kinds).toEqual(["storeLowSpace", "storeIoError", "storeReadOnly", "storeUnwritable"]);
  });

  it("turns the fault off again when the store takes writes, as the kiosk recovers by itself", () => {
    const store = new FleetStore();
    store.apply([telemetry("huamu", "kiosk-01", { store: storeHealth("low_space", 4e6) })]);
    store.apply([telemetry("huamu", "kiosk-01", { at: T0 + 10_000, store: storeHealth() })]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([]);
    expect(store.summary()).toMatchObject({ faulty: 0, cannotRecord: 0 });
  });

  it("warns of a disk nearly at the reserve, before residents are turned away", () => {
    const store = new FleetStore();
    store.apply([telemetry("huamu", "kiosk-01", { store: storeHealth(undefined, 20e6) })]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([
      expect.objectContaining({ kind: "diskLow", severity: "warning" }),
    ]);
    expect(store.summary().cannotRecord).toBe(0);
  });

  it("finds a kiosk that cannot record with the faults filter, and puts it first by faults", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", {
        devices: [
          { id: "printer-1", family: "printer", state: "paper_out" },
          { id: "scanner-1", family: "scanner", state: "offline", connected: false },
        ],
      }),
      telemetry("huamu", "kiosk-02", { store: storeHealth("full", 0) }),
      telemetry("huamu", "kiosk-03", { store: storeHealth() }),
    ]);
    const faulty = store.rows(
      { ...NO_FILTER, faultyOnly: true },
      { key: "faults", direction: "descending" },
    );
    expect(faulty.map((row) => row.key)).toEqual(["huamu/kiosk-02", "huamu/kiosk-01"]);
  });

  it("does not call a screen asleep at night a fault, but sorts by its phase", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", { display: screen("asleep"), touch: panel(true) }),
      telemetry("huamu", "kiosk-02", { display: screen("awake"), touch: panel(true) }),
      telemetry("huamu", "kiosk-03"),
    ]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([]);
    expect(store.get("huamu/kiosk-01")?.telemetry?.kiosk.display?.phase).toBe("asleep");
    expect(
      store.rows(NO_FILTER, { key: "screen", direction: "ascending" }).map((row) => row.key),
    ).toEqual(["huamu/kiosk-02", "huamu/kiosk-01", "huamu/kiosk-03"]);
  });

  it("warns of a backlight the agent cannot write", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", {
        display: screen("awake", "EACCES writing /sys/class/backlight/intel_backlight/brightness"),
      }),
    ]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([
      expect.objectContaining({ kind: "backlightError", severity: "warning" }),
    ]);
  });

  it("warns of a touch panel gone missing only on a kiosk that reported one", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01", { touch: panel(true) }),
      telemetry("huamu", "kiosk-02", { touch: panel(false) }),
    ]);
    store.apply([telemetry("huamu", "kiosk-01", { at: T0 + 10_000, touch: panel(false) })]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([
      expect.objectContaining({ kind: "touchMissing", severity: "warning" }),
    ]);
    // A monitor with no touch panel ever: nothing missing.
    expect(store.get("huamu/kiosk-02")?.faults).toEqual([]);
    store.apply([telemetry("huamu", "kiosk-01", { at: T0 + 20_000, touch: panel(true) })]);
    expect(store.get("huamu/kiosk-01")?.faults).toEqual([]);
  });

  it("sorts by disk free, the least first, with the store's own reading over the host's", () => {
    const store = new FleetStore();
    store.apply([
      telemetry("huamu", "kiosk-01"),
      telemetry("huamu", "kiosk-02", { store: storeHealth("full", 0) }),
      telemetry("huamu", "kiosk-03", { store: storeHealth(undefined, 2e9) }),
    ]);
    expect(
      store.rows(NO_FILTER, { key: "diskFree", direction: "ascending" }).map((row) => row.key),
    ).toEqual(["huamu/kiosk-02", "huamu/kiosk-03", "huamu/kiosk-01"]);
  });
});
