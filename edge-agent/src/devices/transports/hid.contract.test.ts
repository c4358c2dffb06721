import { afterEach, describe, expect, it } from "vitest";
import { SimulatedHidBinding } from "../../bindings/hid.js";
import { SimulatorBase } from "../../simulators/simulator.js";
import type { Transport } from "../transport.js";
import { type HidSelector, HidTransport, matchesHid } from "./hid.js";

/** A HID device that answers every output report with its bytes complemented, as one input report. */
class ComplementHid extends SimulatorBase {
  readonly name = "complement-hid";
  readonly line = undefined;
  receive(report: Uint8Array): void {
    this.transmit(report.map((byte) => ~byte & 0xff));
  }
  /** Sends input reports as a device would, one transmit each. */
  send(...reports: number[][]): void {
    for (const report of reports) this.transmit(Uint8Array.from(report));
  }
}

const PATH = "/dev/hidraw3";
const INFO = { path: PATH, vendorId: 0x1209, productId: 0x0001, usagePage: 0xff00, usage: 1 };
const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };

interface Rig {
  binding: SimulatedHidBinding;
  device: ComplementHid;
  transport: Transport;
  unplug(): void;
  replug(): void;
}

const selectors: Record<string, HidSelector> = {
  "a fixed path": { path: PATH },
  "vendor and product id": { vendorId: 0x1209, productId: 0x0001 },
  "usage page": { usagePage: 0xff00 },
};

const transports: Transport[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) await transport.stop();
});

function rig(selector: HidSelector): Rig {
  const binding = new SimulatedHidBinding();
  const device = new ComplementHid();
  binding.plug(device, INFO);
  const transport = new HidTransport(binding, selector, FAST_BACKOFF);
  transports.push(transport);
  return {
    binding,
    device,
    transport,
    unplug: () => binding.unplug(PATH),
    replug: () => binding.plug(device, INFO),
  };
}

function once(transport: Transport, event: "connected" | "disconnected", ms = 5_000) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    transport.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function reports(transport: Transport, count: number): Promise<number[][]> {
  return new Promise((resolve) => {
    const got: number[][] = [];
    const onData = (chunk: Uint8Array) => {
      got.push([...chunk]);
      if (got.length < count) return;
      transport.off("data", onData);
      resolve(got);
    };
    transport.on("data", onData);
  });
}

async function started(selector: HidSelector): Promise<Rig> {
  const made = rig(selector);
  const connected = once(made.transport, "connected");
  await made.transport.start();
  await connected;
  return made;
}

describe.each(Object.keys(selectors))("the HID transport, finding the device by %s", (name) => {
  const selector = selectors[name] as HidSelector;

  it("delivers each input report as one data event and carries output reports", async () => {
    const { transport, device } = await started(selector);
    const inputs = reports(transport, 2);
    device.send([0x02, 0x05, 0x41], [0x02, 0x00]);
    expect(await inputs).toEqual([
      [0x02, 0x05, 0x41],
      [0x02, 0x00],
    ]);
    const answer = reports(transport, 1);
    await transport.write(Uint8Array.of(0x00, 0x0f));
    expect(await answer).toEqual([[0xff, 0xf0]]);
  });

  it("reports an unplug as an event, refuses writes meanwhile, and is back within 5 s of replug", async () => {
    const { transport, unplug, replug, device } = await started(selector);
    const disconnected = once(transport, "disconnected");
    unplug();
    await disconnected;
    expect(transport.connected).toBe(false);
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });

    const back = once(transport, "connected");
    const replugAt = Date.now();
    replug();
    await back;
    expect(Date.now() - replugAt).toBeLessThan(5_000);
    const inputs = reports(transport, 1);
    device.send([0x01, 0x04]);
    expect(await inputs).toEqual([[0x01, 0x04]]);
  });

  it("keeps trying when the device is absent at start, without throwing", async () => {
    const { transport, unplug, replug } = rig(selector);
    unplug();
    const faults: Error[] = [];
    transport.on("fault", (error) => faults.push(error));
    await transport.start();
    expect(transport.connected).toBe(false);
    const connected = once(transport, "connected");
    replug();
    await connected;
    expect(transport.connected).toBe(true);
    expect(faults.length).toBeLessThanOrEqual(1);
  });
});

describe("finding a HID device", () => {
  const info = { ...INFO, product: undefined, manufacturer: undefined };

  it("skips devices whose ids or usage page differ", () => {
    expect(matchesHid({ vendorId: 0x1209 }, { ...info, vendorId: 0x0c2e })).toBe(false);
    expect(matchesHid({ usagePage: 0x8c }, info)).toBe(false);
    expect(matchesHid({ vendorId: 0x1209, usagePage: 0xff00 }, info)).toBe(true);
  });

  it("matches on ids when the platform reports no usage page, but never on a usage page alone", () => {
    const bare = { ...info, usagePage: undefined, usage: undefined };
    expect(matchesHid({ vendorId: 0x1209, productId: 1, usagePage: 0xff00 }, bare)).toBe(true);
    expect(matchesHid({ usagePage: 0xff00 }, bare)).toBe(false);
  });

  it("refuses a selector that could match any device", () => {
    expect(() => new HidTransport(new SimulatedHidBinding(), {})).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_TRANSPORT_HID_SELECTOR" }),
    );
  });
});
