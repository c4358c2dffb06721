import { isLinliError, LinliError } from "@linli/protocols";
import { Command, CommanderError } from "commander";
import { ExitCode, exitCodeFor } from "../exit-codes.js";
import { VERSIONS } from "../version.js";
import { doctorCommand } from "./doctor.js";
import { hashPinCommand } from "./hash-pin.js";
import { type RenderGuideOptions, renderGuideCommand } from "./render-guide.js";
import { startCommand } from "./start.js";

function notYet(what: string, issue: string): never {
  throw new LinliError(
    "LINLI_ERR_NOT_YET_AVAILABLE",
    `${what} is not available in this version of the agent yet (it arrives with ${issue})`,
  );
}

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
    .action(startCommand);

  program
    .command("doctor")
    .description("check the config, store, broker and attached devices, and explain what is wrong")
    .option("-c, --config <file>", "the YAML config file (default: $LINLI_CONFIG)")
    .option("--demo", "check the demo setup")
    .option("--json", "print the findings as JSON")
    .action(doctorCommand);

  program
    .command("import")
    .description("import outlet data (GeoJSON or CSV)")
    .argument("<file>", "the data file")
    .action(() => notYet("outlet import", "the outlet store"));

  program
    .command("render-guide")
    .description("write the demo service guide as ESC/POS bytes")
    .requiredOption("--width <mm>", "paper width: 58 or 80")
    .requiredOption("--out <file>", "where to write the bytes")
    .option("--large-print", "the elderly-friendly large-type layout")
    .action(async (options: RenderGuideOptions) => {
      await renderGuideCommand(options);
    });

  program
    .command("hash-pin")
    .description("read an operator PIN on standard input and print its hash for operator.pinHash")
    .action(hashPinCommand);

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
