/**
 * How the device manager builds a locker driver from a config entry: the
 * entry's `options` are checked against a schema here, at the boundary, so a
 * typo in the config is an error that names the key, not a silent default.
 */
import { LinliError } from "@linli/protocols";
import Type, { type Static } from "typebox";
import { Compile } from "typebox/compile";
import type { DriverContext } from "../manager.js";
import { LockerDriver } from "./locker-driver.js";

const Milliseconds = (minimum: number, description: string) =>
  Type.Integer({ minimum, maximum: 86_400_000, description });

export const LockerOptionsSchema = Type.Object(
  {
    echo: Type.Optional(
      Type.Union([Type.Literal("auto"), Type.Boolean()], {
        description: "whether the RS-485 adapter echoes what the host sends; auto learns it",
      }),
    ),
    replyTimeoutMs: Type.Optional(Milliseconds(20, "how long to wait for a board's reply")),
    pollIntervalMs: Type.Optional(Milliseconds(50, "how often every board's doors are asked")),
    leftOpenAfterMs: Type.Optional(Milliseconds(1_000, "when an open door counts as left open")),
    openRetries: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 5, description: "opens re-sent after a failed reply" }),
    ),
    statusAttempts: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 5, description: "status queries before giving up" }),
    ),
    reconnectWaitMs: Type.Optional(
      Milliseconds(0, "how long an unfinished open waits for a lost link"),
    ),
    firstBoardAddress: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 255, description: "the wire address of board 1" }),
    ),
  },
  { additionalProperties: false },
);
export type LockerOptions = Static<typeof LockerOptionsSchema>;

const validator = Compile(LockerOptionsSchema);

export function createLockerDriver(context: DriverContext): LockerDriver {
  const { profile } = context;
  if (profile.family !== "locker") {
    throw new LinliError(
      "LINLI_ERR_LOCKER_BAD_PROFILE",
      `device ${context.id} uses profile ${profile.id}, a ${profile.family} profile; give it a locker profile`,
      { status: 400, details: { deviceId: context.id, profileId: profile.id } },
    );
  }
  if (!validator.Check(context.options)) {
    const [error] = validator.Errors(context.options);
    const where = error?.instancePath || "/";
    throw new LinliError(
      "LINLI_ERR_LOCKER_BAD_OPTIONS",
      `device ${context.id}: options${where} ${error?.message ?? "are not valid"}; see LockerOptionsSchema`,
      { status: 400, details: { deviceId: context.id, path: where } },
    );
  }
  const options: LockerOptions = context.options;
  return new LockerDriver({
    ...options,
    id: context.id,
    profile,
    transport: context.transport,
    jobs: context.jobs,
    log: context.log,
  });
}
