import { maskPhoneNumbers } from "@linli/protocols";

/** Every string inside, with mobile numbers masked (they never leave the kiosk unmasked). */
export function masked<T>(value: T): T {
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
