import { LinliError, maskPhoneNumbers } from "@linli/protocols";
import { RESIDENT_TEXT_MAX } from "@linli/protocols/api";

/**
 * Free text a resident typed, ready to store and send upstream: trimmed, at
 * most 200 characters, and with every mobile number masked ("138****5678"),
 * since phone numbers never leave the kiosk unmasked. Empty text is none.
 */
export function residentText(
  text: string | undefined,
  area: "RATING" | "REPORT",
  maxLength: number = RESIDENT_TEXT_MAX,
): string | null {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return null;
  const length = [...trimmed].length;
  if (length > maxLength) {
    throw new LinliError(
      `LINLI_ERR_${area}_TEXT_TOO_LONG`,
      `the text is ${length} characters long; shorten it to at most ${maxLength}`,
      { status: 400 },
    );
  }
  return maskPhoneNumbers(trimmed);
}

/** Parses a JSON array of strings stored by this service. */
export function storedCodes(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}
