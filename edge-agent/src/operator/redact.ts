import { maskPhoneNumbersDeep } from "@linli/protocols";

/** Every string inside, with mobile numbers masked (they never leave the kiosk unmasked). */
export const masked = maskPhoneNumbersDeep;

/**
 * A device event as screens and the event log may see it. A scan's code can
 * be a parcel pickup code (stored only hashed by the parcel service), so only
 * its length is kept; the services that need the code listen on the bus.
 */
export function shareableEventData(
  type: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  if (type === "scan" && typeof data.code === "string") {
    const { code, ...rest } = data;
    return masked({ ...rest, codeLength: code.length });
  }
  return masked(data);
}
