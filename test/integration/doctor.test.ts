/**
 * `linli doctor` against the faults kiosks really have, each made with real
 * parts: a port held by a real listener (a Mosquitto, this process), a printer
 * behind a socat pty pair that is silent or set to another baud rate, real
 * Mosquitto refusing credentials, a read-only mount, a real user without the
 * group, and timedatectl's own output format.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autoDetect } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ClockReading,
  type DoctorSystem,
  type Finding,
  runDoctor,
  systemClockSource,
  systemDoctor,
  type UserInfo,
} from "../../edge-agent/src/doctor/index.js";
import { EscPosPrinterSimulator } from "../../edge-agent/src/simulators/printer/index.js";
import { PtyPair } from "../../edge-agent/src/simulators/pty.js";
import { runLinli } from "../support/agent-process.js";
import { type Mosquitto, startMosquitto } from "../support/mosquitto.js";
import { freePort } from "../support/ports.js";

const isRoot = process.getuid?.() === 0;
const KIOSK = {
  site: "test-site",
  id: "kiosk-01",
  name: "测试邻里中心",
  location: { lng: 121.5, lat: 31.2, datum: "gcj02" },
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "linli-doctor-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A config file (JSON is YAML) for a kiosk on free ports, with `sections` over the defaults. */
async function configFile(sections: Record<string, unknown> = {}): Promise<string> {
  const dir = tempDir();
  const file = join(dir, "linli.yaml");
  const config = {
    kiosk: KIOSK,
    http: { port: await freePort() },
    store: { path: join(dir, "linli.db") },
    broker: { port: 0, wsPort: 0 },
    ...sections,
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const synced = async (): Promise<ClockReading> => ({
  synchronized: true,
  ntp: true,
  source: "test",
});

/** The real system, minus what each test does not look at. */
function testSystem(overrides: Partial<DoctorSystem> = {}): DoctorSystem {
  return {
    ...systemDoctor({}),
    clock: synced,
    serviceUnit: "/nonexistent/linli-agent.service",
    listAttached: false,
    ...overrides,
  };
}

async function doctor(
  file: string,
  options: { user?: string } = { user: "root" },
  system: DoctorSystem = testSystem(),
): Promise<Finding[]> {
  return runDoctor({ config: file, ...options }, system);
}

function finding(findings: Finding[], check: string): Finding {
  const found = findings.find((candidate) => candidate.check === check);
  if (!found) throw new Error(`no ${check} finding in ${JSON.stringify(findings, null, 2)}`);
  return found;
}

/** Something else listening on `port`: accepts connections and never answers. */
function listen(port: number): Promise<Server> {
  const sockets = new Set<Socket>();
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
    cleanups.push(
      () =>
        new Promise((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        }),
    );
  });
}

/** A real system user for the checks to look at; removed after the test. */
function temporaryUser(): string {
  const name = `linlit${randomBytes(3).toString("hex")}`;
  execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
  cleanups.push(() => {
    execFileSync("userdel", [name]);
  });
  return name;
}

function mountTmpfs(dir: string, options: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "linli-doctor-test", dir], {
      stdio: "ignore",
    });
  } catch {
    return false;
  }
  cleanups.push(() => {
    execFileSync("umount", [dir]);
  });
  return true;
}

/**
 * A printer simulator on the device end of a pty pair, with a real UART's
 * trouble: when the host's end is set to another rate (`stty` reads the line
 * setting the host made) every byte arrives mangled, both ways — as the
 * in-process serial binding does it.
 */
async function printerOnPty(
  baudRate: number,
): Promise<{ path: string; printer: EscPosPrinterSimulator }> {
  const pair = await PtyPair.open();
  const printer = new EscPosPrinterSimulator({ baudRate });
  const port = new SerialPortStream({
    binding: autoDetect(),
    path: pair.devicePath,
    baudRate,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  const hostRate = () =>
    Number(execFileSync("stty", ["-F", pair.hostPath, "speed"]).toString().trim());
  const line = (bytes: Uint8Array) =>
    hostRate() === baudRate ? bytes : bytes.map((byte) => (byte ^ 0x5a) & 0xfe);
  printer.attach({
    transmit: (bytes) => {
      if (port.isOpen) port.write(Buffer.from(line(bytes)));
    },
  });
  port.on("data", (chunk: Buffer) => printer.receive(line(new Uint8Array(chunk))));
  cleanups.push(async () => {
    printer.dispose();
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
    await pair.stop();
  });
  return { path: pair.hostPath, printer };
}

const printerConfig = (path: string, transport: Record<string, unknown> = {}) => ({
  devices: [
    {
      id: "printer-1",
      profile: "generic-escpos-58",
      transport: { type: "serial", path, ...transport },
    },
  ],
});

describe("linli doctor on a healthy kiosk", () => {
  it("passes every check", async () => {
    const findings = await doctor(await configFile());
    expect(findings.filter((found) => !found.ok)).toEqual([]);
    expect(findings.map((found) => found.check)).toEqual([
      "config",
      "groups",
      "store",
      "disk",
      "clock",
      "http",
      "broker",
    ]);
  });
});

describe("linli doctor: missing group membership", () => {
  it("names the groups the service's user lacks, and the usermod that adds them", async () => {
    const linli: UserInfo = {
      name: "linli",
      uid: 990,
      gid: 990,
      groups: [
        { name: "linli", gid: 990 },
        { name: "dialout", gid: 20 },
      ],
    };
    // Run as root on an installed kiosk: the checks take the view of the service's user.
    const lookupUser = async (name: string): Promise<UserInfo> =>
      name === "linli" ? linli : { name, uid: 0, gid: 0, groups: [] };
    const findings = await doctor(await configFile(), {}, testSystem({ lookupUser }));
    expect(finding(findings, "groups")).toEqual({
      check: "groups",
      ok: false,
      detail:
        "the linli user is not in lp, plugdev, so the agent cannot open USB printers (/dev/usb/lp*); HID scanners and rating boxes (/dev/hidraw*, by Linli's udev rules)",
      fix: "sudo usermod -aG lp,plugdev linli, then restart the agent: sudo systemctl restart linli-agent (group changes reach new processes only)",
    });
  });

  it.skipIf(!isRoot)(
    "sees a real user outside dialout when a serial device is configured, and passes once it is added",
    async () => {
      const user = temporaryUser();
      const file = await configFile({
        devices: [
          {
            id: "lockers-1",
            profile: "kerong-kr-cu16",
            transport: { type: "serial", path: "/dev/ttyUSB7" },
          },
        ],
      });
      const before = finding(await doctor(file, { user }), "groups");
      expect(before.ok).toBe(false);
      expect(before.detail).toBe(
        `the ${user} user is not in dialout, so the agent cannot open serial ports (printers, locker boards, vending controllers)`,
      );
      expect(before.fix).toBe(
        `sudo usermod -aG dialout ${user}, then log out and back in (group changes reach new sessions only)`,
      );
      execFileSync("usermod", ["-aG", "dialout", user]);
      expect(finding(await doctor(file, { user }), "groups")).toMatchObject({
        ok: true,
        detail: `${user} is in dialout`,
      });
    },
  );
});

describe("linli doctor: a port in use", () => {
  it("names the program holding the kiosk API's port, and how to find and free it", async () => {
    const port = await freePort();
    await listen(port);
    const http = finding(await doctor(await configFile({ http: { port } })), "http");
    expect(http.ok).toBe(false);
    expect(http.detail).toMatch(
      new RegExp(
        `^port ${port} on 127\\.0\\.0\\.1 \\(the kiosk API and UI, http\\.port\\) is in use by \\S+ \\(pid ${process.pid}\\), so the agent cannot start`,
      ),
    );
    expect(http.fix).toBe(
      `see who holds it: sudo ss -ltnp 'sport = :${port}'; stop that program, or set http.port (LINLI_HTTP_PORT) to a free port`,
    );
  });

  it("names a Mosquitto sitting on the embedded broker's port", async () => {
    const mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.stop());
    const file = await configFile({ broker: { port: mosquitto.port, wsPort: 0 } });
    const port = finding(await doctor(file), "broker-port");
    expect(port.ok).toBe(false);
    expect(port.detail).toMatch(
      new RegExp(
        `^port ${mosquitto.port} on 127\\.0\\.0\\.1 \\(the embedded MQTT broker, broker\\.port\\) is in use by mosquitto \\(pid \\d+\\)`,
      ),
    );
  });
});

describe("linli doctor: the printer", () => {
  it("passes a printer that answers status at its configured rate", async () => {
    const { path } = await printerOnPty(9600);
    const printer = finding(await doctor(await configFile(printerConfig(path))), "printer-1");
    expect(printer).toEqual({
      check: "printer-1",
      ok: true,
      detail: `the printer on ${path} answers status at 9600 baud`,
    });
  });

  it("explains a printer that does not answer status at any rate", async () => {
    const pair = await PtyPair.open();
    cleanups.push(() => pair.stop());
    const printer = finding(
      await doctor(await configFile(printerConfig(pair.hostPath))),
      "printer-1",
    );
    expect(printer.ok).toBe(false);
    expect(printer.detail).toBe(
      `the printer on ${pair.hostPath} does not answer the status request (DLE EOT 1) at 9600 baud, nor at 19200, 38400, 57600, 115200: it is off or out of reach, ${pair.hostPath} is not the printer, or the printer does not report status, so the agent cannot tell paper out or cover open`,
    );
    expect(printer.fix).toMatch(/self-test page/);
  });

  it("finds the rate a printer really uses when the config has the wrong one, and clears what the probes left", async () => {
    const { path, printer } = await printerOnPty(19200);
    const found = finding(await doctor(await configFile(printerConfig(path))), "printer-1");
    expect(found).toEqual({
      check: "printer-1",
      ok: false,
      detail: `the printer on ${path} answers at 19200 baud, but printer-1 is set to 9600: at 9600 it would print garbage and never report paper out`,
      fix: "set transport.baudRate: 19200 for printer-1 in the config (or set the printer to 9600 baud with its DIP switches or utility)",
    });
    // The mangled status request at 9600 is text to the printer; ESC @ at 19200 dropped it.
    expect(printer.currentReceipt.text).toBe("");
    expect(printer.receipts).toEqual([]);
  });
});

describe("linli doctor: the broker", () => {
  it("explains a broker nothing answers at", async () => {
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    const broker = finding(await doctor(await configFile({ uplink: { url } })), "broker");
    expect(broker).toMatchObject({
      ok: false,
      detail: `cannot reach the broker at ${url} (ECONNREFUSED), so events wait in the outbox until it can`,
      fix: "nothing accepts connections there: check the port in uplink.url and that the broker runs",
    });
  });

  describe("a real Mosquitto", () => {
    let mosquitto: Mosquitto;
    const start = async () => {
      mosquitto = await startMosquitto();
      cleanups.push(() => mosquitto.stop());
    };

    it("refusing the kiosk's credentials, without ever showing the password", async () => {
      await start();
      const password = `wrong-${randomBytes(6).toString("hex")}`;
      const findings = await doctor(
        await configFile({
          uplink: { url: mosquitto.url, username: mosquitto.kioskUser.username, password },
        }),
      );
      const broker = finding(findings, "broker");
      expect(broker.ok).toBe(false);
      expect(broker.detail).toContain(
        `the broker at ${mosquitto.url} refused this kiosk's credentials (user "${mosquitto.kioskUser.username}")`,
      );
      expect(broker.fix).toContain("uplink.passwordFile");
      expect(JSON.stringify(findings)).not.toContain(password);
    });

    it("accepting the kiosk with the password from its passwordFile", async () => {
      await start();
      const secret = join(tempDir(), "mqtt-password");
      writeFileSync(secret, `${mosquitto.kioskUser.password}\n`);
      const broker = finding(
        await doctor(
          await configFile({
            uplink: {
              url: mosquitto.url,
              username: mosquitto.kioskUser.username,
              passwordFile: secret,
            },
          }),
        ),
        "broker",
      );
      expect(broker).toEqual({
        check: "broker",
        ok: true,
        detail: `${mosquitto.url} accepts this kiosk`,
      });
    });
  });
});

describe("linli doctor: a store that cannot be written", () => {
  it.skipIf(!isRoot)("explains a store on a read-only filesystem", async (context) => {
    const dir = tempDir();
    if (!mountTmpfs(dir, "ro,size=1m")) context.skip("mount -t tmpfs is not permitted here");
    const store = finding(
      await doctor(await configFile({ store: { path: join(dir, "linli.db") } })),
      "store",
    );
    expect(store).toMatchObject({
      ok: false,
      detail: `${dir} is on a read-only filesystem, so the agent cannot keep its store (it would stop with exit code 73)`,
    });
  });

  it.skipIf(!isRoot)(
    "explains a store on a full disk, which an empty folder alone would pass",
    async (context) => {
      const dir = tempDir();
      if (!mountTmpfs(dir, "size=1m")) context.skip("mount -t tmpfs is not permitted here");
      try {
        writeFileSync(join(dir, "filler"), Buffer.alloc(2 * 1024 * 1024));
      } catch (error) {
        // What fits is written before the disk says it is full: that is the point.
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      }
      const store = finding(
        await doctor(await configFile({ store: { path: join(dir, "linli.db") } })),
        "store",
      );
      expect(store).toMatchObject({
        ok: false,
        detail: expect.stringContaining(`the disk holding ${dir} is full`),
      });
      expect(store.fix).toContain("journalctl --vacuum-size");
    },
  );

  it.skipIf(!isRoot)(
    "explains a store folder the agent's user may not write, though root may",
    async () => {
      const user = temporaryUser();
      const parent = tempDir();
      chmodSync(parent, 0o755);
      const dir = join(parent, "state");
      mkdirSync(dir);
      chmodSync(dir, 0o755);
      const store = finding(
        await doctor(await configFile({ store: { path: join(dir, "linli.db") } }), { user }),
        "store",
      );
      expect(store).toEqual({
        check: "store",
        ok: false,
        detail: `${dir} is not writable by ${user}, so the agent cannot keep its store (it would stop with exit code 73)`,
        fix: `sudo chown ${user}:${user} ${dir}`,
      });
    },
  );
});

describe("linli doctor: the disk", () => {
  it.skipIf(!isRoot)("warns of a nearly full disk under the store", async (context) => {
    const dir = tempDir();
    if (!mountTmpfs(dir, "size=1m")) context.skip("mount -t tmpfs is not permitted here");
    const disk = finding(
      await doctor(await configFile({ store: { path: join(dir, "linli.db") } })),
      "disk",
    );
    expect(disk.ok).toBe(false);
    expect(disk.detail).toMatch(/^only 1 MB free of 1 MB on the disk holding .*: once it is full/);
    expect(disk.fix).toContain("journalctl --vacuum-size");
  });
});

describe("linli doctor: the clock", () => {
  const withClock = async (reading: ClockReading, now = new Date()) =>
    finding(
      await doctor(
        await configFile(),
        { user: "root" },
        testSystem({
          clock: async () => reading,
          now: () => now,
        }),
      ),
      "clock",
    );

  it("says the time servers cannot be reached when NTP is on but not synchronised", async () => {
    const clock = await withClock({ synchronized: false, ntp: true, source: "timedatectl" });
    expect(clock.ok).toBe(false);
    expect(clock.detail).toMatch(/^the clock is not synchronised yet although NTP is on/);
    expect(clock.fix).toMatch(/UDP port 123.*ntp\.aliyun\.com/);
  });

  it("says to switch NTP on when it is off", async () => {
    const clock = await withClock({ synchronized: false, ntp: false, source: "timedatectl" });
    expect(clock).toMatchObject({ ok: false, fix: "sudo timedatectl set-ntp true" });
  });

  it("passes a synchronised clock", async () => {
    const clock = await withClock({ synchronized: true, ntp: true, source: "timedatectl" });
    expect(clock.ok).toBe(true);
    expect(clock.detail).toMatch(/^synchronised \(timedatectl\)/);
  });

  it("fails a clock that was never set, whatever NTP says", async () => {
    const clock = await withClock(
      { synchronized: true, source: "timedatectl" },
      new Date("1970-01-01T00:03:00Z"),
    );
    expect(clock.ok).toBe(false);
    expect(clock.detail).toMatch(
      /^the clock reads 1970-01-01T00:03:00\.000Z, before this software was made/,
    );
  });

  it.each([
    ["no", false],
    ["yes", true],
  ])("reads timedatectl's own answer (NTPSynchronized=%s)", async (answer, synchronized) => {
    const bin = tempDir();
    writeFileSync(
      join(bin, "timedatectl"),
      `#!/bin/sh\n[ "$1" = show ] || exit 1\nprintf 'NTPSynchronized=${answer}\\nNTP=yes\\n'\n`,
      { mode: 0o755 },
    );
    const source = systemClockSource({ PATH: `${bin}:/usr/bin:/bin` });
    expect(await source()).toEqual({ synchronized, ntp: true, source: "timedatectl" });
    expect((await withClock(await source())).ok).toBe(synchronized);
  });
});

describe("the linli doctor command", () => {
  it("exits 1 and prints each problem with what to do; --json carries the same", async () => {
    const port = await freePort();
    await listen(port);
    const file = await configFile({ http: { port } });
    const text = await runLinli(["doctor", "--config", file, "--user", "root"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(`✗ http\\s+port ${port} on 127\\.0\\.0\\.1 .* is in use`),
    );
    expect(text.stdout).toMatch(/\n\s+→ see who holds it: sudo ss -ltnp/);
    const json = await runLinli(["doctor", "--config", file, "--user", "root", "--json"]);
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.stdout) as Finding[];
    expect(finding(findings, "http")).toMatchObject({
      ok: false,
      fix: expect.stringContaining(`sport = :${port}`),
    });
    expect(finding(findings, "config").ok).toBe(true);
  });

  it("exits 0 when nothing is wrong", async () => {
    const result = await runLinli(["doctor", "--config", await configFile(), "--user", "root"]);
    expect(result.stdout).not.toContain("✗");
    expect(result.code).toBe(0);
  });
});
