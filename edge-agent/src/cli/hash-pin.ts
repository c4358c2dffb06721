import { LinliError } from "@linli/protocols";
import { hashPin } from "../operator/pin.js";
import { hashSecret, weakSecret } from "../secret-hash.js";

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/** Reads the PIN from standard input (never from argv, which lands in shell history). */
export async function hashPinCommand(): Promise<void> {
  if (process.stdin.isTTY)
    process.stderr.write("Type the operator PIN (4 to 12 digits), then Enter and Ctrl+D: ");
  const pin = (await readStdin()).trim();
  process.stdout.write(`${await hashPin(pin)}\n`);
}

/**
 * Reads a password (an embedded broker user's) from standard input and
 * prints its hash for `broker.users[].passwordHash`. Only one line break at
 * the end is taken off, as `echo` and a password file add one: spaces are
 * part of a password.
 */
export async function hashSecretCommand(): Promise<void> {
  if (process.stdin.isTTY) process.stderr.write("Type the password, then Enter and Ctrl+D: ");
  const secret = (await readStdin()).replace(/\r?\n$/, "");
  const weak = weakSecret(secret);
  if (weak) throw new LinliError("LINLI_ERR_CLI_SECRET_WEAK", weak);
  process.stdout.write(`${await hashSecret(secret)}\n`);
}
