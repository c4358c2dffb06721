import Type, { type Static, type TSchema } from "typebox";

/**
 * The kiosk's touchscreen as the agent runs it (DESIGN.md "The kiosk host
 * itself"): the power schedule's phase, the backlight, and whether the touch
 * panel is there and used. The same shapes go to the kiosk UI (HTTP and the
 * WebSocket's `display.state`), to operators, and upstream in telemetry.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const strict = { additionalProperties: false } as const;

export const DisplayPhaseSchema = Type.Union(
  [Type.Literal("awake"), Type.Literal("asleep"), Type.Literal("woken")],
  {
    description:
      '"awake" outside the sleep hours, "asleep" (dark) in them, "woken" when a touch woke the screen in sleep hours (dark again some minutes after the last touch)',
  },
);
export type DisplayPhase = Static<typeof DisplayPhaseSchema>;

export const BacklightStatus = Type.Object(
  {
    device: Type.String({ description: 'the /sys/class/backlight device, e.g. "intel_backlight"' }),
    maxBrightness: Type.Integer({ minimum: 1, description: "the device's max_brightness" }),
    powerControl: Type.Boolean({
      description: "whether it has bl_power, so the panel goes dark by powering down, not at 0",
    }),
    writable: Type.Boolean({ description: "whether the agent's last write worked" }),
    error: Nullable(
      Type.String({ description: 'why the last write failed, e.g. "EACCES on …/brightness"' }),
    ),
  },
  { $id: "BacklightStatus" },
);
export type BacklightStatus = Static<typeof BacklightStatus>;

export const DisplayState = Type.Object(
  {
    phase: DisplayPhaseSchema,
    dark: Type.Boolean({ description: "whether the screen should be dark (the UI shows black)" }),
    brightnessPercent: Nullable(
      Type.Integer({
        minimum: 0,
        maximum: 100,
        description: "the backlight's level now, in percent; null without a backlight",
      }),
    ),
    backlight: Nullable(BacklightStatus),
    wokenUntil: Nullable(
      Type.String({
        format: "date-time",
        description: "while woken: when the screen goes dark again without another touch",
      }),
    ),
    since: Type.String({ format: "date-time", description: "when this phase began" }),
  },
  { $id: "DisplayState" },
);
export type DisplayState = Static<typeof DisplayState>;

export const TouchDevice = Type.Object(
  {
    name: Type.String({ description: 'the input device\'s name, e.g. "ILITEK ILITEK-TP"' }),
    handler: Type.String({ description: 'its event handler, e.g. "event5"' }),
  },
  strict,
);

export const TouchHealth = Type.Object(
  {
    devices: Type.Array(TouchDevice, { description: "the touchscreens the kernel lists" }),
    present: Type.Boolean({ description: "whether there is at least one" }),
    lastTouchAt: Nullable(
      Type.String({
        format: "date-time",
        description: "the last touch the kiosk UI reported since the agent started",
      }),
    ),
  },
  { $id: "TouchHealth" },
);
export type TouchHealth = Static<typeof TouchHealth>;

/** What a touch report takes: nothing but the fact (the agent keeps the time). */
export const DisplayTouchRequest = Type.Object({}, { ...strict, $id: "DisplayTouchRequest" });
export type DisplayTouchRequest = Static<typeof DisplayTouchRequest>;

export const DisplayBrightnessRequest = Type.Object(
  {
    percent: Type.Integer({
      minimum: 1,
      maximum: 100,
      description: "a whole percentage from 1 to 100",
    }),
  },
  { ...strict, $id: "DisplayBrightnessRequest" },
);
export type DisplayBrightnessRequest = Static<typeof DisplayBrightnessRequest>;

export const SleepWindowDto = Type.Object(
  {
    from: Type.String({ description: 'HH:MM, e.g. "22:30"' }),
    to: Type.String({ description: 'HH:MM, e.g. "06:30"; "24:00" is the end of the day' }),
    days: Type.Optional(Type.Array(Type.String(), { description: 'e.g. ["sat", "sun"]' })),
  },
  { $id: "SleepWindow" },
);

/** What the operator console shows: the state, the touch panel, and the schedule behind it. */
export const OperatorDisplayResponse = Type.Object(
  {
    display: DisplayState,
    touch: TouchHealth,
    schedule: Type.Object({
      sleep: Type.Array(SleepWindowDto),
      wakeMinutes: Type.Integer({ minimum: 1 }),
      timeZone: Type.String({ description: "the zone the sleep hours are read in" }),
      brightness: Nullable(
        Type.Integer({ description: "the awake level in percent; null: left as found" }),
      ),
      nightBrightness: Nullable(Type.Integer({ description: "the level when woken at night" })),
    }),
  },
  { $id: "OperatorDisplayResponse" },
);
export type OperatorDisplayResponse = Static<typeof OperatorDisplayResponse>;

/** The display and touch part of the kiosk's telemetry (KioskHealth). */
export const DisplayHealth = Type.Object(
  {
    phase: DisplayPhaseSchema,
    brightnessPercent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    backlight: Nullable(BacklightStatus),
  },
  { description: "the touchscreen's power schedule and backlight" },
);
export type DisplayHealth = Static<typeof DisplayHealth>;
