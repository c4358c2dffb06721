/** Exit codes from sysexits.h, so systemd units and scripts can tell causes apart. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 64,
  dataError: 65,
  unavailable: 69,
  software: 70,
  cannotCreate: 73,
  /** Upstream asked for a restart: the unit restarts the agent (Restart=always). */
  restartRequested: 75,
  config: 78,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Maps a LinliError code to the exit code a supervisor should see. */
export function exitCodeFor(code: string | undefined): ExitCode {
  if (!code) return ExitCode.software;
  if (code.startsWith("LINLI_ERR_CONFIG_")) return ExitCode.config;
  if (code.startsWith("LINLI_ERR_STORE_")) return ExitCode.cannotCreate;
  if (code.startsWith("LINLI_ERR_IMPORT_")) return ExitCode.dataError;
  if (code === "LINLI_ERR_NOT_YET_AVAILABLE") return ExitCode.unavailable;
  if (code === "LINLI_ERR_CLI_OUT_NOT_WRITABLE") return ExitCode.cannotCreate;
  if (code.startsWith("LINLI_ERR_CLI_") || code === "LINLI_ERR_OPERATOR_PIN_FORMAT")
    return ExitCode.usage;
  if (code.endsWith("_ADDRESS_IN_USE") || code.endsWith("_UNREACHABLE"))
    return ExitCode.unavailable;
  return ExitCode.software;
}
