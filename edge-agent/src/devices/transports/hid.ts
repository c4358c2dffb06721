import { LinliError } from "@linli/protocols";
import type { HidBinding, HidDeviceInfo } from "../../bindings/hid.js";
import type { BackoffOptions } from "../transport.js";
import { type LinkHandlers, type OpenLink, ReconnectingTransport } from "./reconnecting.js";

/**
 * Which HID device to open: a fixed path, or the first device whose ids and
 * usage page match (a path changes on replug; the ids do not).
 */
export interface HidSelector {
  path?: string;
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

const hex = (value: number) => value.toString(16).padStart(4, "0");

function describe(selector: HidSelector): string {
  if (selector.path !== undefined) return `HID device ${selector.path}`;
  const parts: string[] = [];
  if (selector.vendorId !== undefined || selector.productId !== undefined) {
    parts.push(`${hex(selector.vendorId ?? 0)}:${hex(selector.productId ?? 0)}`);
  }
  if (selector.usagePage !== undefined) parts.push(`usage page 0x${hex(selector.usagePage)}`);
  return `HID device ${parts.join(" ") || "(any)"}`;
}

/**
 * Whether a listed device is the one asked for. A device that reports no
 * usage page (node-hid on the libusb backend) still matches on its ids, but
 * never on a usage page alone.
 */
export function matchesHid(selector: HidSelector, info: HidDeviceInfo): boolean {
  if (selector.vendorId !== undefined && info.vendorId !== selector.vendorId) return false;
  if (selector.productId !== undefined && info.productId !== selector.productId) return false;
  const byIds = selector.vendorId !== undefined || selector.productId !== undefined;
  if (selector.usagePage !== undefined && info.usagePage !== selector.usagePage) {
    if (info.usagePage !== undefined || !byIds) return false;
  }
  if (selector.usage !== undefined && info.usage !== undefined && info.usage !== selector.usage) {
    return false;
  }
  return true;
}

/**
 * A HID device through a HidBinding (node-hid, or simulators). Each input
 * report becomes exactly one `data` event, report id first, so drivers can
 * rely on report boundaries; an error from the handle (unplug) is a lost
 * link, and the device is looked up again on every reconnect.
 */
export class HidTransport extends ReconnectingTransport {
  readonly description: string;
  readonly #binding: HidBinding;
  readonly #selector: HidSelector;

  constructor(binding: HidBinding, selector: HidSelector, backoff?: BackoffOptions) {
    super(backoff);
    if (
      selector.path === undefined &&
      selector.vendorId === undefined &&
      selector.productId === undefined &&
      selector.usagePage === undefined
    ) {
      throw new LinliError(
        "LINLI_ERR_TRANSPORT_HID_SELECTOR",
        "a HID device needs a path, a vendor/product id or a usage page to be found",
        { status: 400 },
      );
    }
    this.#binding = binding;
    this.#selector = { ...selector };
    this.description = describe(selector);
  }

  protected async openLink(handlers: LinkHandlers): Promise<OpenLink> {
    const path = this.#selector.path ?? (await this.#find());
    const handle = await this.#binding.open(path);
    let closing = false;
    // A copy: a binding may hand out views of a pooled or reused buffer.
    handle.on("data", (report) => handlers.data(new Uint8Array(report)));
    handle.on("error", (error) => {
      if (!closing) handlers.lost(error.message);
    });
    return {
      write: (report) => handle.write(report),
      close: async () => {
        closing = true;
        await handle.close();
      },
    };
  }

  async #find(): Promise<string> {
    const found = (await this.#binding.devices())
      .filter((info) => matchesHid(this.#selector, info))
      .sort((a, b) => a.path.localeCompare(b.path))[0];
    if (found === undefined) {
      throw new LinliError(
        "LINLI_ERR_TRANSPORT_HID_NOT_FOUND",
        `${this.description} is not plugged in; check the cable and the ids in the config`,
        { status: 503 },
      );
    }
    return found.path;
  }
}
