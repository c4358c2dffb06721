import type { TransportType } from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import type { BindingInterface } from "@serialport/bindings-cpp";
import type { HidBinding } from "../../bindings/hid.js";
import type { TransportFactory } from "../manager.js";
import type { BackoffOptions } from "../transport.js";
import {
  defaultVendingTopicPrefix,
  VENDING_MQTT_PROTOCOL,
} from "../vending/mqtt-vending-protocol.js";
import { HidTransport } from "./hid.js";
import { MqttTransport } from "./mqtt.js";
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

const hex = (value: string | undefined) =>
  value === undefined ? undefined : Number.parseInt(value, 16);

/** Serial, USB printer class, TCP and HID transports; line settings default to the profile's. */
export function byteTransportFactories(options: {
  serialBinding: BindingInterface;
  hidBinding?: HidBinding;
  /** The local device bus (the embedded broker) LAN devices speak MQTT on. */
  localBrokerUrl?: string;
  /** How the agent signs in there (the embedded broker's agent credentials). */
  localBrokerCredentials?: { username: string; password: string };
  backoff?: BackoffOptions;
}): Partial<Record<TransportType, TransportFactory>> {
  const { hidBinding, localBrokerUrl, localBrokerCredentials } = options;
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
    ...(hidBinding
      ? {
          hid: (spec, profile) => {
            const vendorId = hex(spec.vendorId);
            const productId = hex(spec.productId);
            const usagePage = profile.transports.hid?.usagePage;
            const usage = profile.transports.hid?.usage;
            return new HidTransport(
              hidBinding,
              {
                ...(spec.path === undefined ? {} : { path: spec.path }),
                ...(vendorId === undefined ? {} : { vendorId }),
                ...(productId === undefined ? {} : { productId }),
                ...(usagePage === undefined ? {} : { usagePage }),
                ...(usage === undefined ? {} : { usage }),
              },
              options.backoff,
            );
          },
        }
      : {}),
    ...(localBrokerUrl
      ? {
          mqtt: (spec, _profile, deviceId) =>
            new MqttTransport({
              url: localBrokerUrl,
              topicPrefix: spec.topic ?? defaultVendingTopicPrefix(deviceId),
              protocol: VENDING_MQTT_PROTOCOL,
              clientId: `linli-device-${deviceId}`,
              ...localBrokerCredentials,
            }),
        }
      : {}),
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
