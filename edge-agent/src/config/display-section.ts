import Type from "typebox";

/**
 * The `display` section: the touchscreen's power schedule and backlight
 * (src/host/display.ts; edge-agent/README.md "The screen").
 */

const TimeOfDay = (description: string, pattern: string) =>
  Type.String({ pattern, description: `${description}, as HH:MM in 24-hour time` });

const SleepWindow = Type.Object(
  {
    from: TimeOfDay('when the screen goes dark, e.g. "22:30"', "^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    to: TimeOfDay(
      'when it lights up again, e.g. "06:30" (the next morning when earlier than from; "24:00" is midnight)',
      "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
    ),
    days: Type.Optional(
      Type.Array(
        Type.Union(
          [
            Type.Literal("mon"),
            Type.Literal("tue"),
            Type.Literal("wed"),
            Type.Literal("thu"),
            Type.Literal("fri"),
            Type.Literal("sat"),
            Type.Literal("sun"),
          ],
          { description: 'a weekday: "mon", "tue", "wed", "thu", "fri", "sat" or "sun"' },
        ),
        {
          minItems: 1,
          description:
            'the weekdays the window starts on, e.g. ["sat", "sun"]; every day when not given',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const Percent = (description: string) =>
  Type.Integer({ minimum: 1, maximum: 100, description: `${description} (1 to 100)` });

export const DisplaySection = Type.Object(
  {
    sleep: Type.Array(SleepWindow, {
      default: [],
      description:
        'when the screen is dark, in the kiosk\'s local time, e.g. [{from: "22:30", to: "06:30"}]; empty: it never sleeps',
    }),
    wakeMinutes: Type.Integer({
      minimum: 1,
      maximum: 120,
      default: 2,
      description:
        "minutes a touch in sleep hours keeps the screen on after the last touch (1 to 120)",
    }),
    brightness: Type.Optional(
      Percent("the backlight's level in percent while awake; left as found when not set"),
    ),
    nightBrightness: Type.Optional(
      Percent(
        "the backlight's level in percent when a touch wakes the screen in sleep hours; brightness when not set",
      ),
    ),
    backlight: Type.String({
      pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$",
      default: "auto",
      description:
        '"auto" (the panel\'s backlight in /sys/class/backlight, if it has one), a device name there such as "intel_backlight", or "none" (only the kiosk UI goes dark)',
    }),
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'an IANA time zone the sleep hours are read in, e.g. "Asia/Shanghai"; the machine\'s own when not set',
      }),
    ),
    sysRoot: Type.String({
      pattern: "^/",
      default: "/sys",
      description: "where sysfs is mounted, an absolute path (only containers and tests change it)",
    }),
    procRoot: Type.String({
      pattern: "^/",
      default: "/proc",
      description:
        "where procfs is mounted, an absolute path (only containers and tests change it)",
    }),
  },
  { additionalProperties: false, default: {} },
);
