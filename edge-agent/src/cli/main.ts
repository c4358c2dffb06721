import { isLinliError } from "@linli/protocols";
import { Command, CommanderError } from "commander";
import { ExitCode, exitCodeFor } from "../exit-codes.js";
import { VERSIONS } from "../version.js";
import type { BackupCommandOptions } from "./backup.js";
import type { DoctorOptions } from "./doctor.js";
import { parseFleetSize } from "./fleet-option.js";
import { hashPinCommand, hashSecretCommand } from "./hash-pin.js";
import type { ImportCommandOptions } from "./import.js";
import type { RenderGuideOptions } from "./render-guide.js";
import type { StartOptions } from "./start.js";
import type { UdevRulesOptions } from "./udev-rules.js";
import type { UnlockOperatorsOptions } from "./unlock-operators.js";

/**
 * Each command's code is imported when that command runs: the agent (`start`)
 * stays resident for months and should not carry the importer, the doctor or
 * the guide renderer, and `linli doctor` need not load the whole agent.
 */
export function buildProgram(): Command {
  const program = new Command("linli")
    .description("Linli (邻里) kiosk edge agent")
    .version(VERSIONS.agent)
    .showHelpAfterError()
    .exitOverride();

  program
    .command("start")
    .description("start the agent")
    .option("-c, --config <file>", "the YAML config file (default: $LINLI_CONFIG)")
    .option("--demo", "demo mode: embedded broker, simulated devices, the sample circle")
    .option(
      "--fleet <n>",
      "with --demo: also run n simulated kiosks (0 to 2000) on the embedded broker, for the fleet view at /fleet",
      parseFleetSize,
    )
    .action(async (options: StartOptions) => {
      const { startCommand } = await import("./start.js");
      await startCommand(options);
    });

  program
    .command("doctor")
    .description(
      "check the config, groups, store, disk, clock, ports, broker and devices, and explain what is wrong",
    )
    .option("-c, --config <file>", "the YAML config file (default: $LINLI_CONFIG)")
    .option("--demo", "check the demo setup")
    .option("--json", "print the findings as JSON")
    .option("--user <name>", "check as the user the agent runs as (default: linli, when installed)")
    .action(async (options: DoctorOptions) => {
      const { doctorCommand } = await import("./doctor.js");
      await doctorCommand(options);
    });

  program
    .command("import")
    .description("import outlet data (GeoJSON or CSV, UTF-8 or GBK) into the store")
    .argument("<file>", "the data file")
    .option("-c, --config <file>", "the YAML config file (default: $LINLI_CONFIG)")
    .option("--demo", "import into the demo store")
    .option(
      "--datum <datum>",
      "the coordinates' datum when the file does not say: gcj02, bd09 or wgs84",
    )
    .option("--encoding <encoding>", "the file's text encoding when not detected: utf-8 or gbk")
    .option("--replace", "make the file the whole outlet set (default: merge by id)")
    .action(async (file: string, options: ImportCommandOptions) => {
      const { importCommand } = await import("./import.js");
      await importCommand(file, options);
    });

  program
    .command("render-guide")
    .description("write the demo service guide as ESC/POS bytes")
    .requiredOption("--width <mm>", "paper width: 58 or 80")
    .requiredOption("--out <file>", "where to write the bytes")
    .option("--large-print", "the elderly-friendly large-type layout")
    .action(async (options: RenderGuideOptions) => {
      const { renderGuideCommand } = await import("./render-guide.js");
      await renderGuideCommand(options);
    });

  program
    .command("hash-pin")
    .description("read an operator PIN on standard input and print its hash for operator.pinHash")
    .action(hashPinCommand);

  program
    .command("hash-secret")
    .description(
      "read a password on standard input and print its hash for broker.users[].passwordHash",
    )
    .action(hashSecretCommand);

  program
    .command("backup")
    .description("write a compact, checked copy of the store (safe while the agent runs)")
    .option("-c, --config <file>", "the YAML config file (default: $LINLI_CONFIG)")
    .option("--demo", "back up the demo store")
    .option("--keep <n>", "how many backups to keep (default 3)")
    .option("--dir <dir>", "where backups go (default: backups/ beside the store)")
    .action(async (options: BackupCommandOptions) => {
      const { backupCommand } = await import("./backup.js");
      backupCommand(options);
    });

  program
    .command("unlock-operators")
    .description(
      "lift the operator PIN lockout (wrong PINs typed at the screen lock everyone out), recorded in the audit",
    )
    .option("-c, --config <file>", "the YAML config file (default: $LINLI_CONFIG)")
    .option("--demo", "unlock the demo store")
    .action(async (options: UnlockOperatorsOptions) => {
      const { unlockOperatorsCommand } = await import("./unlock-operators.js");
      unlockOperatorsCommand(options);
    });

  program
    .command("udev-rules")
    .description(
      "print the udev rules for the shipped device profiles (what the installer installs)",
    )
    .option("--out <file>", "write them to a file instead")
    .action(async (options: UdevRulesOptions) => {
      const { udevRulesCommand } = await import("./udev-rules.js");
      udevRulesCommand(options);
    });

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    if (isLinliError(error)) {
      process.stderr.write(`linli: ${error.message}\n`);
      process.exitCode = exitCodeFor(error.code);
      return;
    }
    process.stderr.write(`linli: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = ExitCode.software;
  }
}
