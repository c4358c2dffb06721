/**
 * Linli's own reference hardware and protocols.
 *
 * The rating box uses the pid.codes open-source vendor id 0x1209 with product
 * id 0x0001, which pid.codes reserves for testing: a PLACEHOLDER that must be
 * replaced by a product id allocated to us before boxes leave the lab.
 */
import { hid, mqtt, ratingBox5, transports, usb, vendingMqtt } from "../builders.js";
import type { DeviceProfile } from "../schema.js";

/** pid.codes test vendor and product id: placeholder, see above. */
const RATING_BOX_USB_PLACEHOLDER = usb(0x1209, 0x0001);

export const definitions: DeviceProfile[] = [
  {
    id: "linli-rating-box-5",
    vendor: "Linli",
    model: "Five-button rating box (reference design)",
    ...ratingBox5(),
    // A vendor-defined usage page (0xFF00 and up) so it is not taken for a keyboard.
    transports: transports(hid({ usagePage: 0xff00, usage: 0x01 })),
    usb: [RATING_BOX_USB_PLACEHOLDER],
  },
  {
    id: "linli-vending-mqtt",
    vendor: "Linli",
    model: "LAN vending unit (JSON over MQTT)",
    ...vendingMqtt({ slots: 60, slotsPerTray: 10 }),
    // No topic prefix: the vending-mqtt driver's default applies unless the config sets one.
    transports: transports(mqtt()),
    usb: [],
  },
];
