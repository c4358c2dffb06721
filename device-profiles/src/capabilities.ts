/**
 * What a device can do: its capabilities (one shape per family) and its
 * exposes (what the operator UI shows and offers for it). Part of the profile
 * schema; re-exported by schema.ts.
 */
import Type, { type Static, type TSchema } from "typebox";
import type { DeviceFamily } from "./schema.js";

export const SYMBOLOGIES = [
  "qr",
  "data-matrix",
  "pdf417",
  "aztec",
  "ean-13",
  "ean-8",
  "upc-a",
  "upc-e",
  "code-128",
  "code-39",
  "code-93",
  "itf",
  "codabar",
] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

// ---------------------------------------------------------------- exposes

const ExposeName = Type.String({ pattern: "^[a-z][a-z0-9_]*$", maxLength: 64 });
const exposeBase = {
  name: ExposeName,
  label: Type.Optional(Type.String({ minLength: 1 })),
  /** One value per lock, slot or button, rather than one per device. */
  per: Type.Optional(Type.Enum(["lock", "slot", "button"])),
  /** "event": a momentary value (a scan, a button press), not a lasting state. */
  access: Type.Optional(Type.Enum(["state", "event"], { default: "state" })),
};

export const ActionParamSchema = Type.Object(
  {
    name: ExposeName,
    type: Type.Enum(["integer", "string"]),
    min: Type.Optional(Type.Integer()),
    max: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** The shape of each kind of expose, keyed by its `type`. */
export const EXPOSE_SCHEMAS = {
  binary: Type.Object(
    {
      type: Type.Literal("binary"),
      ...exposeBase,
      valueOn: Type.String({ minLength: 1 }),
      valueOff: Type.String({ minLength: 1 }),
    },
    { additionalProperties: false },
  ),
  enum: Type.Object(
    {
      type: Type.Literal("enum"),
      ...exposeBase,
      values: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
    },
    { additionalProperties: false },
  ),
  numeric: Type.Object(
    {
      type: Type.Literal("numeric"),
      ...exposeBase,
      unit: Type.Optional(Type.String({ minLength: 1 })),
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
    },
    { additionalProperties: false },
  ),
  text: Type.Object({ type: Type.Literal("text"), ...exposeBase }, { additionalProperties: false }),
  action: Type.Object(
    {
      type: Type.Literal("action"),
      name: ExposeName,
      label: Type.Optional(Type.String({ minLength: 1 })),
      params: Type.Optional(Type.Array(ActionParamSchema)),
    },
    { additionalProperties: false },
  ),
} as const;
export type ExposeType = keyof typeof EXPOSE_SCHEMAS;
export const EXPOSE_TYPES = Object.keys(EXPOSE_SCHEMAS) as ExposeType[];

export const ExposeSchema = Type.Union([
  EXPOSE_SCHEMAS.binary,
  EXPOSE_SCHEMAS.enum,
  EXPOSE_SCHEMAS.numeric,
  EXPOSE_SCHEMAS.text,
  EXPOSE_SCHEMAS.action,
]);

// ---------------------------------------------------------------- capabilities

export const PrinterCapabilitiesSchema = Type.Object(
  {
    paperWidthMm: Type.Enum([58, 80]),
    /** Characters per line in font A: 32 on 58 mm paper, 48 on 80 mm. */
    columns: Type.Enum([32, 48]),
    /** Native QR codes (GS ( k), so a guide stays text, not raster. */
    qr: Type.Boolean(),
    cutter: Type.Enum(["none", "partial", "full"]),
    /** Chinese text in GB18030 after FS &, or no Chinese font at all. */
    chinese: Type.Enum(["gb18030", "none"]),
    /** Answers DLE EOT 1–4 real-time status requests. */
    statusQueries: Type.Boolean(),
    /** Automatic status back (GS a): reports paper and cover changes unasked. */
    asb: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** Characters per line in font A for each paper width. */
export const COLUMNS_BY_PAPER_WIDTH = { 58: 32, 80: 48 } as const;

export const DOOR_SIZES = ["S", "M", "L"] as const;
export type DoorSize = (typeof DOOR_SIZES)[number];
const DoorSizeSchema = Type.Enum(DOOR_SIZES);
/** A door is named "<board>-<lock>", both counted from 1: "1-3". */
export const DOOR_KEY_PATTERN = "^[1-9][0-9]*-[1-9][0-9]*$";

export const LockerCapabilitiesSchema = Type.Object(
  {
    boards: Type.Integer({ minimum: 1, maximum: 255, default: 1 }),
    locksPerBoard: Type.Integer({ minimum: 1, maximum: 128 }),
    doorSensors: Type.Boolean(),
    itemSensors: Type.Boolean(),
    /** Door sizes: a default, and per door ("<board>-<lock>", from 1) where it differs. */
    sizes: Type.Optional(
      Type.Object(
        {
          default: DoorSizeSchema,
          doors: Type.Optional(
            // propertyNames rather than a key pattern with additionalProperties: false,
            // which TypeBox's Value.Default cannot walk (it meets a boolean schema).
            Type.Record(Type.String(), DoorSizeSchema, {
              propertyNames: { pattern: DOOR_KEY_PATTERN },
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const VendingCapabilitiesSchema = Type.Object(
  {
    slots: Type.Integer({ minimum: 1, maximum: 1000 }),
    slotsPerTray: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** The highest price the machine accepts, in fen (1/100 yuan). */
    maxPriceFen: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ScannerCapabilitiesSchema = Type.Object(
  {
    symbologies: Type.Array(Type.Enum(SYMBOLOGIES), { minItems: 1, uniqueItems: true }),
    mode: Type.Enum(["hid-pos", "serial-line"]),
    /** What ends a code in serial line mode. */
    lineEnding: Type.Optional(Type.Enum(["cr", "lf", "crlf"])),
  },
  { additionalProperties: false },
);

export const RatingLabelSchema = Type.Object(
  {
    button: Type.Integer({ minimum: 1, maximum: 5 }),
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    text: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const RatingBoxCapabilitiesSchema = Type.Object(
  {
    buttons: Type.Literal(5),
    /** Which button gives which score (5 best … 1 worst), and what it says. */
    labels: Type.Array(RatingLabelSchema, { minItems: 5, maxItems: 5 }),
  },
  { additionalProperties: false },
);

export const CAPABILITY_SCHEMAS = {
  printer: PrinterCapabilitiesSchema,
  locker: LockerCapabilitiesSchema,
  vending: VendingCapabilitiesSchema,
  scanner: ScannerCapabilitiesSchema,
  "rating-box": RatingBoxCapabilitiesSchema,
} as const satisfies Record<DeviceFamily, TSchema>;

export type ActionParam = Static<typeof ActionParamSchema>;
export type Expose = Static<typeof ExposeSchema>;
export type PrinterCapabilities = Static<typeof PrinterCapabilitiesSchema>;
export type LockerCapabilities = Static<typeof LockerCapabilitiesSchema>;
export type VendingCapabilities = Static<typeof VendingCapabilitiesSchema>;
export type ScannerCapabilities = Static<typeof ScannerCapabilitiesSchema>;
export type RatingBoxCapabilities = Static<typeof RatingBoxCapabilitiesSchema>;
