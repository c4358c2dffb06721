import { autoDetect } from "@serialport/bindings-cpp";
import { describe, expect, it, type TestContext } from "vitest";
import { SimulatedHidBinding } from "../../bindings/hid.js";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { HidPosScannerSimulator, SerialScannerSimulator } from "../../simulators/hid/index.js";
import { attachToPty, PtyPair } from "../../simulators/pty.js";
import { HidTransport } from "../transports/hid.js";
import { SerialTransport } from "../transports/serial.js";
import { ScannerDriver } from "./scanner-driver.js";

const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };
const PROFILE = { id: "generic-hid-pos-scanner" };

function collect(driver: ScannerDriver) {
  const scans: Record<string, unknown>[] = [];
  driver.on("event", (type, data) => {
    if (type === "scan") scans.push(data);
  });
  return scans;
}

const until = (check: () => boolean, ms = 3_000) =>
  expect.poll(check, { timeout: ms, interval: 10 }).toBe(true);

async function hidScanner(test: TestContext, debounceMs = 1_000) {
  const binding = new SimulatedHidBinding();
  const scanner = new HidPosScannerSimulator({ defaultAim: "]Q1" });
  binding.plug(scanner, scanner.deviceInfo("/dev/hidraw1"));
  const transport = new HidTransport(binding, { usagePage: 0x8c }, FAST_BACKOFF);
  const driver = new ScannerDriver({
    id: "scanner-1",
    profile: PROFILE,
    transport,
    mode: "hid-pos",
    debounceMs,
  });
  test.onTestFinished(async () => {
    await driver.stop();
    scanner.dispose();
  });
  const scans = collect(driver);
  await driver.start();
  await until(() => driver.health.state === "ready");
  return { binding, scanner, driver, scans };
}

describe("a HID POS scanner", () => {
  it("turns a code spread over several input reports into one scan event", async (test) => {
    const { scanner, scans } = await hidScanner(test);
    const url = `https://linli.example/pickup/${"7".repeat(100)}`;
    expect(scanner.scan(url).length).toBeGreaterThanOrEqual(3);
    await until(() => scans.length === 1);
    expect(scans).toEqual([{ code: url, symbology: "qr-code", aim: "]Q1" }]);
  });

  it("drops the same code read again within the debounce window, but not a different one", async (test) => {
    const { scanner, scans, driver } = await hidScanner(test, 300);
    scanner.scan("PICKUP-1234");
    scanner.scan("PICKUP-1234");
    scanner.scan("PICKUP-9999");
    await until(() => scans.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    scanner.scan("PICKUP-9999");
    await until(() => scans.length === 3);
    expect(scans.map((scan) => scan.code)).toEqual(["PICKUP-1234", "PICKUP-9999", "PICKUP-9999"]);
    expect(driver.health.detail).toMatchObject({ scans: 3, duplicatesDropped: 1 });
  });

  it("ignores a damaged report and reads the next code", async (test) => {
    const { scanner, scans } = await hidScanner(test);
    scanner.garbleNextReport("bad-length");
    scanner.scan("LOST");
    scanner.scan("FOUND");
    await until(() => scans.length === 1);
    expect(scans[0]?.code).toBe("FOUND");
  });

  it("goes offline when unplugged and reads codes again after replug", async (test) => {
    const { binding, scanner, scans, driver } = await hidScanner(test);
    binding.unplug("/dev/hidraw1");
    await until(() => driver.health.state === "offline");
    binding.plug(scanner, scanner.deviceInfo("/dev/hidraw2"));
    await until(() => driver.health.state === "ready", 5_000);
    scanner.scan("BACK");
    await until(() => scans.length === 1);
  });
});

describe.each(["in-process", "pty"] as const)(
  "a serial line-mode scanner over a %s link",
  (kind) => {
    it("emits one scan per line, with the symbology from the AIM prefix", async (test) => {
      const scanner = new SerialScannerSimulator({ sendAim: true });
      let binding: SimulatedSerialBinding | ReturnType<typeof autoDetect>;
      let path: string;
      if (kind === "in-process") {
        const simulated = new SimulatedSerialBinding();
        simulated.plug("/dev/ttyACM0", scanner);
        binding = simulated;
        path = "/dev/ttyACM0";
      } else {
        const pair = await PtyPair.open();
        const attachment = await attachToPty(scanner, pair.devicePath);
        test.onTestFinished(async () => {
          await attachment.close();
          await pair.stop();
        });
        binding = autoDetect();
        path = pair.hostPath;
      }
      const transport = new SerialTransport(binding, { path, baudRate: 9600 }, FAST_BACKOFF);
      const driver = new ScannerDriver({
        id: "scanner-2",
        profile: { id: "generic-serial-scanner" },
        transport,
        mode: "serial-line",
      });
      test.onTestFinished(() => driver.stop());
      const scans = collect(driver);
      await driver.start();
      await until(() => driver.health.state === "ready");
      scanner.scan("6901234567892", { aim: "]E0" });
      scanner.scan("取件码 8848", { aim: "]Q1" });
      await until(() => scans.length === 2);
      expect(scans).toEqual([
        { code: "6901234567892", symbology: "ean-upc", aim: "]E0" },
        { code: "取件码 8848", symbology: "qr-code", aim: "]Q1" },
      ]);
    });
  },
);
