import Type, { type Static } from "typebox";
import { DisplaySection } from "./display-section.js";

/**
 * The agent's one configuration file, as a schema. Every leaf carries a
 * `description` that says what is expected: config errors quote it, and
 * `edge-agent/README.md` documents the same keys.
 */

const Id = (description: string, example: string) =>
  Type.String({
    pattern: "^[a-z0-9][a-z0-9-]{0,62}$",
    description: `${description}: lowercase letters, digits and dashes, e.g. "${example}"`,
  });

const Datum = Type.Union([Type.Literal("gcj02"), Type.Literal("bd09"), Type.Literal("wgs84")], {
  description: 'the coordinate datum: "gcj02" (高德/腾讯), "bd09" (百度) or "wgs84" (GPS)',
});

const KioskSection = Type.Object(
  {
    site: Id("the site (neighbourhood centre) id", "weifang-xincun"),
    id: Id("this kiosk's id, unique within its site", "kiosk-01"),
    name: Type.String({
      minLength: 1,
      maxLength: 80,
      description: "the name residents see, e.g. 潍坊新村邻里中心",
    }),
    location: Type.Object(
      {
        lng: Type.Number({ minimum: -180, maximum: 180, description: "longitude in degrees" }),
        lat: Type.Number({ minimum: -90, maximum: 90, description: "latitude in degrees" }),
        datum: Datum,
      },
      { additionalProperties: false, description: "where the kiosk stands" },
    ),
    walking: Type.Object(
      {
        speedKmh: Type.Number({
          exclusiveMinimum: 0,
          maximum: 10,
          default: 5.0,
          description: "walking speed in km/h (0 < speed ≤ 10)",
        }),
        elderlySpeedKmh: Type.Number({
          exclusiveMinimum: 0,
          maximum: 10,
          default: 3.6,
          description: "the slower elderly walking speed in km/h (0 < speed ≤ 10)",
        }),
        circuity: Type.Number({
          minimum: 1,
          maximum: 3,
          default: 1.25,
          description: "walking distance over straight-line distance (1 to 3)",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

const HttpSection = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      default: "127.0.0.1",
      description: "the address the kiosk API and UI listen on (loopback unless you mean it)",
    }),
    port: Type.Integer({
      minimum: 1,
      maximum: 65535,
      default: 8080,
      description: "a TCP port number from 1 to 65535",
    }),
    allowedHosts: Type.Array(
      Type.String({
        minLength: 1,
        maxLength: 253,
        pattern: "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$",
        description: "a host name, e.g. kiosk-01.lan",
      }),
      {
        default: [],
        maxItems: 32,
        description:
          "host names the API answers to besides IP addresses and localhost (requests naming any other host are refused, against DNS rebinding)",
      },
    ),
  },
  { additionalProperties: false, default: {} },
);

const StoreSection = Type.Object(
  {
    path: Type.String({
      minLength: 1,
      default: ".linli/linli.db",
      description: "the SQLite file's path (relative paths are from the config file's folder)",
    }),
    reserveBytes: Type.Integer({
      minimum: 0,
      default: 16 * 1024 * 1024,
      description:
        "free bytes kept on the store's disk for work under way: below this, new pickups, sales, bookings, ratings and reports are refused (a whole number, 0 to turn it off; 16 MiB by default)",
    }),
  },
  { additionalProperties: false, default: {} },
);

const UplinkSection = Type.Object(
  {
    url: Type.Optional(
      Type.String({
        pattern: "^(mqtts?|wss?)://[^\\s]+$",
        description:
          "the upstream broker, e.g. mqtt://host:1883, mqtts://host:8883 or wss://host/mqtt",
      }),
    ),
    clientId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: "the MQTT client id" }),
    ),
    username: Type.Optional(Type.String({ minLength: 1, description: "the MQTT user name" })),
    password: Type.Optional(
      Type.String({ minLength: 1, description: "the MQTT password (prefer passwordFile)" }),
    ),
    passwordFile: Type.Optional(
      Type.String({ minLength: 1, description: "a file holding the MQTT password" }),
    ),
    ca: Type.Optional(Type.String({ minLength: 1, description: "a PEM file of trusted CAs" })),
    cert: Type.Optional(Type.String({ minLength: 1, description: "this kiosk's PEM client cert" })),
    key: Type.Optional(Type.String({ minLength: 1, description: "this kiosk's PEM private key" })),
    rejectUnauthorized: Type.Boolean({
      default: true,
      description: "true or false: whether to refuse a broker whose certificate does not verify",
    }),
    telemetryIntervalSeconds: Type.Integer({
      minimum: 5,
      maximum: 3600,
      default: 30,
      description: "seconds between telemetry reports (5 to 3600)",
    }),
    configRollbackSeconds: Type.Integer({
      minimum: 1,
      maximum: 600,
      default: 30,
      description:
        "seconds a set-config from upstream has to reconnect the uplink with its new settings before they are rolled back (1 to 600)",
    }),
  },
  { additionalProperties: false, default: {} },
);

const TopicFilters = (description: string) =>
  Type.Array(
    Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'an MQTT topic filter, e.g. "lan/vending/vending-2/out/#"',
    }),
    { default: [], maxItems: 64, description },
  );

const BrokerUser = Type.Object(
  {
    username: Type.String({
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
      description: 'a user name: letters, digits, ".", "_" and "-", e.g. "vending-2"',
    }),
    passwordHash: Type.String({
      pattern: "^scrypt\\$",
      description: 'the password\'s hash made by "linli hash-secret" (scrypt$...)',
    }),
    publish: TopicFilters(
      'the topic filters this user may publish to, e.g. ["lan/vending/vending-2/out/#"]',
    ),
    subscribe: TopicFilters(
      'the topic filters this user may subscribe to, e.g. ["lan/vending/vending-2/in/#"]',
    ),
  },
  { additionalProperties: false },
);

const BrokerSection = Type.Object(
  {
    enabled: Type.Boolean({
      default: true,
      description: "true or false: run the embedded MQTT broker (the local device bus)",
    }),
    host: Type.String({
      minLength: 1,
      default: "127.0.0.1",
      description: "the address the embedded broker listens on",
    }),
    port: Type.Integer({
      minimum: 0,
      maximum: 65535,
      default: 1883,
      description: "the embedded broker's MQTT TCP port (0 picks a free one)",
    }),
    wsPort: Type.Integer({
      minimum: 0,
      maximum: 65535,
      default: 8083,
      description: "the embedded broker's MQTT-over-WebSocket port (0 picks a free one)",
    }),
    users: Type.Array(BrokerUser, {
      default: [],
      maxItems: 256,
      description:
        "who may connect to the embedded broker, each with the topics it may publish and subscribe to; when empty, anyone who reaches it may (loopback only, unless allowAnonymous)",
    }),
    allowAnonymous: Type.Boolean({
      default: false,
      description:
        "true or false: let a broker listening beyond loopback run without users (every device on that network may then publish device commands)",
    }),
  },
  { additionalProperties: false, default: {} },
);

const Transport = Type.Object(
  {
    type: Type.Union(
      [
        Type.Literal("serial"),
        Type.Literal("usblp"),
        Type.Literal("tcp"),
        Type.Literal("hid"),
        Type.Literal("mqtt"),
      ],
      { description: 'one of "serial", "usblp", "tcp", "hid", "mqtt"' },
    ),
    path: Type.Optional(
      Type.String({
        minLength: 1,
        description: "a device path, e.g. /dev/ttyUSB0 or /dev/usb/lp0",
      }),
    ),
    baudRate: Type.Optional(
      Type.Integer({ minimum: 300, maximum: 4_000_000, description: "serial speed, e.g. 9600" }),
    ),
    host: Type.Optional(Type.String({ minLength: 1, description: "a network printer's address" })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: "a TCP port" })),
    vendorId: Type.Optional(
      Type.String({ pattern: "^[0-9a-fA-F]{4}$", description: "a USB vendor id, 4 hex digits" }),
    ),
    productId: Type.Optional(
      Type.String({ pattern: "^[0-9a-fA-F]{4}$", description: "a USB product id, 4 hex digits" }),
    ),
    topic: Type.Optional(Type.String({ minLength: 1, description: "an MQTT topic prefix" })),
  },
  { additionalProperties: false },
);

const Device = Type.Object(
  {
    id: Id("a device id, unique on this kiosk", "printer-1"),
    profile: Type.String({
      minLength: 1,
      description: "a device profile id, e.g. generic-escpos-58",
    }),
    transport: Transport,
    options: Type.Record(Type.String(), Type.Unknown(), {
      default: {},
      description: "profile-specific options",
    }),
  },
  { additionalProperties: false },
);

const OperatorSection = Type.Object(
  {
    pinHash: Type.Optional(
      Type.String({
        pattern: "^scrypt\\$",
        description: 'an operator PIN hash made by "linli hash-pin" (scrypt$...)',
      }),
    ),
  },
  { additionalProperties: false, default: {} },
);

const LogSection = Type.Object(
  {
    level: Type.Union(
      [
        Type.Literal("fatal"),
        Type.Literal("error"),
        Type.Literal("warn"),
        Type.Literal("info"),
        Type.Literal("debug"),
        Type.Literal("trace"),
      ],
      { default: "info", description: 'one of "fatal", "error", "warn", "info", "debug", "trace"' },
    ),
  },
  { additionalProperties: false, default: {} },
);

const GuidesSection = Type.Object(
  {
    navigationUrlTemplate: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        description:
          "what a guide's QR code carries for each outlet, with placeholders {lng} {lat} (WGS-84), {gcjLng} {gcjLat} (GCJ-02, for 高德/腾讯), {name} {address} {phone} {id}; plain text when not set",
      }),
    ),
    printerId: Type.Optional(
      Type.String({
        pattern: "^[a-z0-9][a-z0-9-]{0,80}$",
        description: "the printer guides go to (a device id); the first printer when not set",
      }),
    ),
  },
  { additionalProperties: false, default: {} },
);

const IsoDate = Type.String({
  pattern: "^\\d{4}-\\d{2}-\\d{2}$",
  description: "a date as YYYY-MM-DD",
});

const ParcelsSection = Type.Object(
  {
    cabinets: Type.Array(Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,80}$" }), {
      default: [],
      description:
        "locker devices used as the shared cabinet (共享童车柜: borrow and return) rather than for parcels",
    }),
    overdueAfterHours: Type.Integer({
      minimum: 1,
      maximum: 720,
      default: 72,
      description: "hours after which an uncollected parcel is overdue (1 to 720)",
    }),
  },
  { additionalProperties: false, default: {} },
);

const RatingsSection = Type.Object(
  {
    followUpWorkingDays: Type.Integer({
      minimum: 1,
      maximum: 30,
      default: 5,
      description: "working days an operator has to follow up a bad rating (回访; 1 to 30)",
    }),
    holidays: Type.Array(IsoDate, {
      default: [],
      description: "public holidays that are not working days (YYYY-MM-DD)",
    }),
    workdays: Type.Array(IsoDate, {
      default: [],
      description: "weekend days that are working days (调休, YYYY-MM-DD)",
    }),
    misuseMaxRatings: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 3,
      description:
        "more ratings than this from one source within misuseWindowSeconds are flagged as misuse",
    }),
    misuseWindowSeconds: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 10,
      description: "the window for misuseMaxRatings, in seconds",
    }),
    target: Type.Number({
      minimum: 0,
      maximum: 1,
      default: 0.9,
      description: "the satisfaction rate operators aim for, from 0 to 1 (0.9 = 90 %)",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const ConfigSchema = Type.Object(
  {
    kiosk: KioskSection,
    http: HttpSection,
    store: StoreSection,
    uplink: UplinkSection,
    broker: BrokerSection,
    devices: Type.Array(Device, { default: [], description: "the devices this kiosk drives" }),
    operator: OperatorSection,
    guides: GuidesSection,
    parcels: ParcelsSection,
    ratings: RatingsSection,
    display: DisplaySection,
    log: LogSection,
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type DeviceConfig = Config["devices"][number];
export type BrokerUserConfig = Config["broker"]["users"][number];
export type DisplayConfig = Config["display"];
export type SleepWindowConfig = DisplayConfig["sleep"][number];
export type Weekday = NonNullable<SleepWindowConfig["days"]>[number];
