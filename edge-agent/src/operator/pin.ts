import { LinliError } from "@linli/protocols";
import { hashSecret, parseSecretHash, verifySecret } from "../secret-hash.js";

/** Operator PINs are 4 to 12 digits. */
export function checkPinFormat(pin: string): void {
  if (!/^[0-9]{4,12}$/.test(pin)) {
    throw new LinliError("LINLI_ERR_OPERATOR_PIN_FORMAT", "a PIN is 4 to 12 digits", {
      status: 400,
    });
  }
}

/** `scrypt$N$r$p$<salt base64>$<key base64>`, the form `operator.pinHash` takes. */
export async function hashPin(pin: string): Promise<string> {
  checkPinFormat(pin);
  return hashSecret(pin);
}

/** Constant-time check of a PIN against a stored hash; a malformed hash is a config problem. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const hash = parseSecretHash(stored);
  if (!hash) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_PIN_HASH",
      "operator.pinHash is not a scrypt hash made by linli hash-pin",
    );
  }
  return verifySecret(pin, hash);
}
