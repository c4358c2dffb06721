/**
 * The schema of a device profile, and the TypeScript types derived from it.
 *
 * A profile is data: which protocol a device speaks, over which transports
 * (with their defaults), which USB ids identify it, what it can do
 * (`capabilities`, one shape per family) and what the operator UI shows and
 * offers for it (`exposes`). Profiles shipped here and profiles added in the
 * config are checked against the same schema.
 */
import Type, { type Static, type TSchema } from "typebox";
import {
  type CAPABILITY_SCHEMAS,
  ExposeSchema,
  LockerCapabilitiesSchema,
  PrinterCapabilitiesSchema,
  RatingBoxCapabilitiesSchema,
  ScannerCapabilitiesSchema,
  VendingCapabilitiesSchema,
} from "./capabilities.js";

export * from "./capabilities.js";

// ---------------------------------------------------------------- enumerations

export const DEVICE_FAMILIES = ["printer", "locker", "vending", "scanner", "rating-box"] as const;
export type DeviceFamily = (typeof DEVICE_FAMILIES)[number];

export const PROTOCOL_IDS = [
  "escpos",
  "lock-8a",
  "kerong-cu16",
  "vmc-fafb",
  "vending-mqtt",
  "hid-pos-scanner",
  "serial-scanner",
  "hid-rating-box",
] as const;
export type ProtocolId = (typeof PROTOCOL_IDS)[number];

export const TRANSPORT_TYPES = ["serial", "usblp", "tcp", "hid", "mqtt"] as const;
export type TransportType = (typeof TRANSPORT_TYPES)[number];

/** Which protocols a device of each family may speak. */
export const PROTOCOLS_BY_FAMILY = {
  printer: ["escpos"],
  locker: ["lock-8a", "kerong-cu16"],
  vending: ["vmc-fafb", "vending-mqtt"],
  scanner: ["hid-pos-scanner", "serial-scanner"],
  "rating-box": ["hid-rating-box"],
} as const satisfies Record<DeviceFamily, readonly ProtocolId[]>;

/** Which transports can carry each protocol (see DESIGN.md, "Devices"). */
export const TRANSPORTS_BY_PROTOCOL: Readonly<Record<ProtocolId, readonly TransportType[]>> = {
  escpos: ["serial", "usblp", "tcp"],
  "lock-8a": ["serial"],
  "kerong-cu16": ["serial"],
  "vmc-fafb": ["serial"],
  "vending-mqtt": ["mqtt"],
  "hid-pos-scanner": ["hid"],
  "serial-scanner": ["serial"],
  "hid-rating-box": ["hid"],
};

// ---------------------------------------------------------------- transports

const Word16 = Type.Integer({ minimum: 0, maximum: 0xffff });

export const SerialTransportSchema = Type.Object(
  {
    baudRate: Type.Integer({ minimum: 300, maximum: 4_000_000 }),
    dataBits: Type.Enum([5, 6, 7, 8], { default: 8 }),
    parity: Type.Enum(["none", "even", "odd", "mark", "space"], { default: "none" }),
    stopBits: Type.Enum([1, 1.5, 2], { default: 1 }),
  },
  { additionalProperties: false },
);
export const UsblpTransportSchema = Type.Object({}, { additionalProperties: false });
export const TcpTransportSchema = Type.Object(
  { port: Type.Integer({ minimum: 1, maximum: 65_535, default: 9100 }) },
  { additionalProperties: false },
);
export const HidTransportSchema = Type.Object(
  { usagePage: Type.Optional(Word16), usage: Type.Optional(Word16) },
  { additionalProperties: false },
);
export const MqttTransportSchema = Type.Object(
  { topicPrefix: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);

/** The transports a device supports, keyed by type, each with its defaults. */
export const TransportsSchema = Type.Object(
  {
    serial: Type.Optional(SerialTransportSchema),
    usblp: Type.Optional(UsblpTransportSchema),
    tcp: Type.Optional(TcpTransportSchema),
    hid: Type.Optional(HidTransportSchema),
    mqtt: Type.Optional(MqttTransportSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

// ---------------------------------------------------------------- USB ids

export const UsbIdSchema = Type.Object(
  {
    vendorId: Word16,
    productId: Word16,
    /**
     * The id belongs to a USB-serial bridge chip (CH340, CP210x, …), not to the
     * device behind it: a match is only a hint, shared with other profiles.
     */
    bridge: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- profiles

function profileSchema<
  F extends DeviceFamily,
  P extends ProtocolId[],
  C extends (typeof CAPABILITY_SCHEMAS)[F],
  X extends TSchema,
>(family: F, protocols: readonly [...P], capabilities: C, expose: X) {
  return Type.Object(
    {
      /** kebab-case, unique across shipped and configured profiles. */
      id: Type.String({ pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 64 }),
      vendor: Type.String({ minLength: 1 }),
      model: Type.String({ minLength: 1 }),
      description: Type.Optional(Type.String()),
      family: Type.Literal(family),
      protocol: Type.Enum(protocols),
      transports: TransportsSchema,
      usb: Type.Array(UsbIdSchema, { default: [] }),
      capabilities,
      exposes: Type.Array(expose, { default: [] }),
    },
    { additionalProperties: false },
  );
}

/** Builds the five family branches around a given expose item schema. */
function familyBranches<X extends TSchema>(expose: X) {
  return {
    printer: profileSchema(
      "printer",
      PROTOCOLS_BY_FAMILY.printer,
      PrinterCapabilitiesSchema,
      expose,
    ),
    locker: profileSchema("locker", PROTOCOLS_BY_FAMILY.locker, LockerCapabilitiesSchema, expose),
    vending: profileSchema(
      "vending",
      PROTOCOLS_BY_FAMILY.vending,
      VendingCapabilitiesSchema,
      expose,
    ),
    scanner: profileSchema(
      "scanner",
      PROTOCOLS_BY_FAMILY.scanner,
      ScannerCapabilitiesSchema,
      expose,
    ),
    "rating-box": profileSchema(
      "rating-box",
      PROTOCOLS_BY_FAMILY["rating-box"],
      RatingBoxCapabilitiesSchema,
      expose,
    ),
  };
}

/** One complete schema per family (the branches of `DeviceProfileSchema`). */
export const PROFILE_SCHEMAS = familyBranches(ExposeSchema);

/**
 * The same branches with exposes left unchecked: used only to explain a
 * failure, because errors from the expose union would crowd out the real one.
 */
export const PROFILE_SHAPE_SCHEMAS = familyBranches(Type.Unknown());

export const DeviceProfileSchema = Type.Union([
  PROFILE_SCHEMAS.printer,
  PROFILE_SCHEMAS.locker,
  PROFILE_SCHEMAS.vending,
  PROFILE_SCHEMAS.scanner,
  PROFILE_SCHEMAS["rating-box"],
]);

// ---------------------------------------------------------------- types

export type SerialTransport = Static<typeof SerialTransportSchema>;
export type TcpTransport = Static<typeof TcpTransportSchema>;
export type HidTransport = Static<typeof HidTransportSchema>;
export type MqttTransport = Static<typeof MqttTransportSchema>;
export type Transports = Static<typeof TransportsSchema>;
export type UsbId = Static<typeof UsbIdSchema>;
export type DeviceProfile = Static<typeof DeviceProfileSchema>;
export type PrinterProfile = Static<typeof PROFILE_SCHEMAS.printer>;
export type LockerProfile = Static<typeof PROFILE_SCHEMAS.locker>;
export type VendingProfile = Static<typeof PROFILE_SCHEMAS.vending>;
export type ScannerProfile = Static<typeof PROFILE_SCHEMAS.scanner>;
export type RatingBoxProfile = Static<(typeof PROFILE_SCHEMAS)["rating-box"]>;
/** The profile type of one family, e.g. `ProfileOf<"printer">`. */
export type ProfileOf<F extends DeviceFamily> = Extract<DeviceProfile, { family: F }>;
export type CapabilitiesOf<F extends DeviceFamily> = ProfileOf<F>["capabilities"];
