import { SimulatedHidBinding } from "../bindings/hid.js";
import { SimulatedSerialBinding } from "../bindings/serial-simulated.js";
import type { DeviceConfig } from "../config/index.js";
import { RatingBoxSimulator } from "../simulators/hid/rating-box-simulator.js";
import { HidPosScannerSimulator } from "../simulators/hid/scanner-simulator.js";
import { KrCu16BusSimulator } from "../simulators/lockers/krcu16-bus.js";
import { Lock8aBusSimulator } from "../simulators/lockers/lock8a-bus.js";
import { EscPosPrinterSimulator } from "../simulators/printer/printer-simulator.js";
import { VmcSimulator } from "../simulators/vending/vmc-simulator.js";
import { DEMO_VENDING_PRODUCTS, priceDemoVending } from "./vending-products.js";

/**
 * The neighbourhood centre's hardware in demo mode: every device a
 * simulator, plugged into simulated serial and HID bindings, so the agent's
 * real transports and drivers run against them.
 */
export interface DemoRig {
  serialBinding: SimulatedSerialBinding;
  hidBinding: SimulatedHidBinding;
  devices: DeviceConfig[];
  simulators: {
    printer: EscPosPrinterSimulator;
    parcelLockers: KrCu16BusSimulator;
    sharedCabinet: Lock8aBusSimulator;
    vending: VmcSimulator;
    scanner: HidPosScannerSimulator;
    ratingBox: RatingBoxSimulator;
  };
  dispose(): void;
}

export const DEMO_PORTS = {
  printer: "/dev/ttySIM-printer",
  parcelLockers: "/dev/ttySIM-lockers",
  sharedCabinet: "/dev/ttySIM-cabinet",
  vending: "/dev/ttySIM-vmc",
  scanner: "sim:hid-scanner",
  ratingBox: "sim:hid-rating",
} as const;

export function createDemoRig(): DemoRig {
  const simulators = {
    printer: new EscPosPrinterSimulator({ columns: 32, name: "demo printer" }),
    // Residents close a parcel door a few seconds after taking their parcel.
    parcelLockers: new KrCu16BusSimulator({
      boards: [0],
      autoCloseAfterMs: 8_000,
      name: "demo parcel lockers",
    }),
    sharedCabinet: new Lock8aBusSimulator({
      boards: [1],
      locksPerBoard: 24,
      autoCloseAfterMs: 8_000,
      name: "demo 共享童车柜",
    }),
    vending: new VmcSimulator({ slots: 24, name: "demo vending unit" }),
    scanner: new HidPosScannerSimulator(),
    ratingBox: new RatingBoxSimulator(),
  };
  priceDemoVending(simulators.vending);
  const serialBinding = new SimulatedSerialBinding();
  serialBinding.plug(DEMO_PORTS.printer, simulators.printer);
  serialBinding.plug(DEMO_PORTS.parcelLockers, simulators.parcelLockers);
  serialBinding.plug(DEMO_PORTS.sharedCabinet, simulators.sharedCabinet);
  serialBinding.plug(DEMO_PORTS.vending, simulators.vending);
  const hidBinding = new SimulatedHidBinding();
  hidBinding.plug(simulators.scanner, simulators.scanner.deviceInfo(DEMO_PORTS.scanner));
  hidBinding.plug(simulators.ratingBox, simulators.ratingBox.deviceInfo(DEMO_PORTS.ratingBox));

  const serial = (path: string) => ({ type: "serial" as const, path });
  const devices: DeviceConfig[] = [
    {
      id: "printer-1",
      profile: "generic-escpos-58",
      transport: serial(DEMO_PORTS.printer),
      options: {},
    },
    {
      id: "lockers-1",
      profile: "kerong-kr-cu16",
      transport: serial(DEMO_PORTS.parcelLockers),
      options: {},
    },
    {
      id: "cabinet-1",
      profile: "generic-lock-8a-24",
      transport: serial(DEMO_PORTS.sharedCabinet),
      options: {},
    },
    {
      id: "vending-1",
      profile: "generic-vmc-fafb-60",
      transport: serial(DEMO_PORTS.vending),
      options: { products: DEMO_VENDING_PRODUCTS },
    },
    {
      id: "scanner-1",
      profile: "generic-hid-pos-scanner",
      transport: { type: "hid", path: DEMO_PORTS.scanner },
      options: {},
    },
    {
      id: "rating-1",
      profile: "linli-rating-box-5",
      transport: { type: "hid", path: DEMO_PORTS.ratingBox },
      options: {},
    },
  ];
  return {
    serialBinding,
    hidBinding,
    devices,
    simulators,
    dispose: () => {
      for (const simulator of Object.values(simulators)) simulator.dispose();
    },
  };
}
