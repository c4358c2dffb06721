/**
 * Mainland mobile numbers (11 digits starting 1[3-9]), optionally with +86 or
 * separators. Residents type them into bookings and reports; they must never
 * leave the kiosk unmasked (logs, telemetry, uplink events).
 */
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])/g;

/** "13812345678" → "138****5678". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "").replace(/^86(?=1[3-9][0-9]{9}$)/, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** The last four digits, which is all a kiosk keeps of a phone number. */
export function phoneLastFour(phone: string): string {
  return phone.replace(/[^0-9]/g, "").slice(-4);
}

/** Masks every mobile number inside free text. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(MOBILE, (match) => maskPhone(match));
}

/** The same value with every string inside it phone-masked: for free-form data leaving the kiosk. */
export function maskPhoneNumbersDeep<T>(value: T): T {
  return maskDeep(value) as T;
}

function maskDeep(value: unknown): unknown {
  if (typeof value === "string") return maskPhoneNumbers(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskDeep(inner)]));
  }
  return value;
}
