import type { TransportType } from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import type { BindingInterface } from "@serialport/bindings-cpp";
import type { TransportFactory } from "../manager.js";
import type { BackoffOptions } from "../transport.js";
import { SerialTransport } from "./serial.js";
import { TcpTransport } from "./tcp.js";
import { UsbLpTransport } from "./usblp.js";

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_DEVICE",
      `this transport needs ${what} in the device's transport config`,
    );
  }
  return value;
}

/** Serial, USB printer class and TCP transports; line settings default to the profile's. */
export function byteTransportFactories(options: {
  serialBinding: BindingInterface;
  backoff?: BackoffOptions;
}): Partial<Record<TransportType, TransportFactory>> {
  return {
    serial: (spec, profile) => {
      const line = profile.transports.serial;
      return new SerialTransport(
        options.serialBinding,
        {
          path: need(spec.path, "a path such as /dev/ttyUSB0"),
          baudRate: spec.baudRate ?? need(line?.baudRate, "a baudRate"),
          ...(line
            ? { dataBits: line.dataBits, parity: line.parity, stopBits: line.stopBits }
            : {}),
        },
        options.backoff,
      );
    },
    usblp: (spec) =>
      new UsbLpTransport(need(spec.path, "a path such as /dev/usb/lp0"), options.backoff),
    tcp: (spec, profile) =>
      new TcpTransport(
        {
          host: need(spec.host, "a host"),
          port: spec.port ?? profile.transports.tcp?.port ?? 9100,
        },
        options.backoff,
      ),
  };
}
