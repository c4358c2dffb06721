import { maskPhoneNumbers } from "@linli/protocols";
import { type Logger, pino } from "pino";

export type { Logger } from "pino";

/** Keys whose values never reach a log line. */
const REDACTED_PATHS = [
  "password",
  "*.password",
  "pin",
  "*.pin",
  "pinHash",
  "*.pinHash",
  "passwordHash",
  "*.passwordHash",
  "pickupCode",
  "*.pickupCode",
  "phone",
  "*.phone",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "uplink.password",
  "operator.pinHash",
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default (journald under systemd). */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "linli-agent" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      hooks: {
        // A phone number typed into free text must not leave the kiosk through the log either.
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === "string" ? maskPhoneNumbers(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
