/**
 * The "MQTT vending unit" (profile linli-vending-mqtt): a vending unit on
 * the kiosk's LAN that speaks JSON over the agent's local broker. Topics are
 * under the unit's prefix (config `transport.topic`, default
 * `lan/vending/<device id>`); every payload is a JSON object; unknown fields
 * are ignored, so units may add some.
 *
 * | topic                    | from | QoS | retained | payload                                                                 |
 * |--------------------------|------|-----|----------|-------------------------------------------------------------------------|
 * | `out/availability`       | unit | 1   | yes      | `{"state":"online"}` on connect; `{"state":"offline"}` as last will     |
 * | `out/state`              | unit | 1   | yes      | `{"slots":[{"slot":1,"stock":3,"priceFen":300,"capacity":10,"jammed":false,"paused":false}]}`, after every change |
 * | `in/vend`                | host | 1   | no       | `{"orderId":"…","slot":1}`                                              |
 * | `out/vend/result`        | unit | 1   | no       | `{"orderId":"…","slot":1,"status":"dispensing"\|"success"\|"failed","reason":"jammed"\|"out_of_stock"\|"no_such_slot"\|"slot_unavailable"\|"dispense_error"}` |
 *
 * Rules for the unit: answer a `vend` with `dispensing` when the motor
 * starts, then `success` or `failed` (with a reason); refuse at once with
 * `failed` when the slot cannot sell. Remember order ids: a `vend` for an
 * order already seen (QoS 1 may deliver twice) is answered with that order's
 * last result and never vends again.
 */
import Type, { type Static } from "typebox";
import type { MqttDeviceProtocol } from "../transports/mqtt.js";

export const UNIT_FAILURE_REASONS = [
  "jammed",
  "out_of_stock",
  "no_such_slot",
  "slot_unavailable",
  "dispense_error",
] as const;

const Slot = Type.Integer({ minimum: 1, maximum: 1000 });
const OrderId = Type.String({ minLength: 1, maxLength: 128 });

export const UnitSlotSchema = Type.Object({
  slot: Slot,
  stock: Type.Integer({ minimum: 0 }),
  priceFen: Type.Optional(Type.Integer({ minimum: 0 })),
  capacity: Type.Optional(Type.Integer({ minimum: 0 })),
  jammed: Type.Optional(Type.Boolean()),
  paused: Type.Optional(Type.Boolean()),
});

export const UnitStateSchema = Type.Object({
  slots: Type.Array(UnitSlotSchema, { maxItems: 1000 }),
});

export const VendCommandSchema = Type.Object({ orderId: OrderId, slot: Slot });

export const VendResultSchema = Type.Object({
  orderId: OrderId,
  slot: Slot,
  status: Type.Union([Type.Literal("dispensing"), Type.Literal("success"), Type.Literal("failed")]),
  reason: Type.Optional(Type.Enum(UNIT_FAILURE_REASONS)),
});

export type UnitSlot = Static<typeof UnitSlotSchema>;
export type UnitState = Static<typeof UnitStateSchema>;
export type VendCommand = Static<typeof VendCommandSchema>;
export type UnitVendResult = Static<typeof VendResultSchema>;

export const VENDING_MQTT_PROTOCOL = {
  name: "MQTT vending unit",
  inbound: { state: UnitStateSchema, "vend/result": VendResultSchema },
  outbound: { vend: VendCommandSchema },
} as const satisfies MqttDeviceProtocol;

export type VendingMqttProtocol = typeof VENDING_MQTT_PROTOCOL;

/** Where a unit lives when the config names no topic. */
export function defaultVendingTopicPrefix(deviceId: string): string {
  return `lan/vending/${deviceId}`;
}
