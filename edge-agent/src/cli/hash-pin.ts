import { hashPin } from "../operator/pin.js";

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
