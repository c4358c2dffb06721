import type { ProtocolId } from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import { createLockerDriver } from "./locker/factory.js";
import { LockerDriver } from "./locker/locker-driver.js";
import type { DeviceManager, DriverContext, DriverFactory } from "./manager.js";
import { createPrinterDriver } from "./printer/factory.js";
import { PrinterDriver } from "./printer/printer-driver.js";
import { RatingBoxDriver } from "./rating-box/rating-box-driver.js";
import { ScannerDriver } from "./scanner/scanner-driver.js";
import { MqttTransport } from "./transports/mqtt.js";
import { MqttVendingDriver } from "./vending/mqtt-vending-driver.js";
import type { VendingMqttProtocol } from "./vending/mqtt-vending-protocol.js";
import { VmcDriver } from "./vending/vmc-driver.js";

function createVmcDriver({ id, profile, transport, jobs, log }: DriverContext): VmcDriver {
  if (profile.family !== "vending") {
    throw new LinliError(
      "LINLI_ERR_CONFIG_DEVICE",
      `device ${id}: profile ${profile.id} is not a vending unit`,
    );
  }
  return new VmcDriver({ id, profile, transport, jobs, log });
}

function createMqttVendingDriver({
  id,
  profile,
  transport,
  jobs,
  log,
}: DriverContext): MqttVendingDriver {
  if (profile.family !== "vending" || !(transport instanceof MqttTransport)) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_DEVICE",
      `device ${id}: an MQTT vending unit needs the mqtt transport`,
    );
  }
  return new MqttVendingDriver({
    id,
    profile,
    transport: transport as MqttTransport<VendingMqttProtocol>,
    jobs,
    log,
  });
}

function createScannerDriver({ id, profile, transport, log }: DriverContext): ScannerDriver {
  return new ScannerDriver({
    id,
    profile,
    transport,
    log,
    mode: profile.protocol === "hid-pos-scanner" ? "hid-pos" : "serial-line",
  });
}

function createRatingBoxDriver({ id, profile, transport, log }: DriverContext): RatingBoxDriver {
  if (profile.family !== "rating-box") {
    throw new LinliError(
      "LINLI_ERR_CONFIG_DEVICE",
      `device ${id}: profile ${profile.id} is not a rating box`,
    );
  }
  return new RatingBoxDriver({ id, profile, transport, log });
}

/** One driver per protocol; the manager builds devices through this table. */
export const DRIVERS: Partial<Record<ProtocolId, DriverFactory>> = {
  escpos: createPrinterDriver,
  "lock-8a": createLockerDriver,
  "kerong-cu16": createLockerDriver,
  "vmc-fafb": createVmcDriver,
  "vending-mqtt": createMqttVendingDriver,
  "hid-pos-scanner": createScannerDriver,
  "serial-scanner": createScannerDriver,
  "hid-rating-box": createRatingBoxDriver,
};

function wrongFamily(id: string, family: string, wanted: string): LinliError {
  return new LinliError(
    "LINLI_ERR_DEVICE_WRONG_FAMILY",
    `device ${id} is a ${family}, not a ${wanted}`,
    {
      status: 409,
    },
  );
}

/** The locker driver of a device id: 404 if there is no such device, 409 if it is not a locker. */
export function requireLocker(devices: Pick<DeviceManager, "require">, id: string): LockerDriver {
  const managed = devices.require(id);
  if (!(managed.device instanceof LockerDriver))
    throw wrongFamily(id, managed.profile.family, "locker");
  return managed.device;
}

/** The printer driver of a device id: 404 if there is no such device, 409 if it is not a printer. */
export function requirePrinter(devices: Pick<DeviceManager, "require">, id: string): PrinterDriver {
  const managed = devices.require(id);
  if (!(managed.device instanceof PrinterDriver))
    throw wrongFamily(id, managed.profile.family, "printer");
  return managed.device;
}
