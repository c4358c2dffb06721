/**
 * The profile registry: shipped profiles plus those from the config, each
 * checked at load, with lookups by id, by USB id and by family.
 */
import { LinliError } from "@linli/protocols";
import type { DeviceFamily, DeviceProfile, DoorSize, LockerProfile, ProfileOf } from "./schema.js";
import { type ProfileSource, profileLabel, validateProfile } from "./validate.js";
import { shippedProfiles } from "./vendors/index.js";

export interface ProfileRegistry {
  /** Shipped profiles first, then the config's, in their given order. */
  readonly profiles: readonly DeviceProfile[];
  readonly byId: ReadonlyMap<string, DeviceProfile>;
  /** Keyed "vvvv:pppp" (lower-case hex); device ids before bridge-chip ids. */
  readonly byUsb: ReadonlyMap<string, readonly DeviceProfile[]>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const hex4 = (word: number) => word.toString(16).padStart(4, "0");
const usbKey = (vendorId: number, productId: number) => `${hex4(vendorId)}:${hex4(productId)}`;

/**
 * Loads the shipped profiles and `extra` ones (from the config), validating
 * each against the schema and the cross-field rules. Throws
 * LINLI_ERR_PROFILE_INVALID naming the profile, the field and what it must be,
 * or LINLI_ERR_PROFILE_DUPLICATE when two profiles share an id.
 */
export function loadProfiles(extra: readonly unknown[] = []): ProfileRegistry {
  if (!Array.isArray(extra)) {
    throw new LinliError(
      "LINLI_ERR_PROFILE_INVALID",
      "Extra device profiles must be given as a list of profiles; check the config's profiles section.",
      { status: 400 },
    );
  }
  const sources: Array<{ value: unknown; source: ProfileSource }> = [
    ...shippedProfiles.map((value, index) => ({
      value,
      source: { origin: "shipped" as const, index },
    })),
    ...extra.map((value, index) => ({ value, source: { origin: "config" as const, index } })),
  ];

  const byId = new Map<string, DeviceProfile>();
  const origins = new Map<string, ProfileSource["origin"]>();
  for (const { value, source } of sources) {
    const profile = deepFreeze(validateProfile(value, source));
    const earlier = origins.get(profile.id);
    if (earlier !== undefined) {
      throw new LinliError(
        "LINLI_ERR_PROFILE_DUPLICATE",
        `Device profile ${profileLabel(value, source)} is defined twice (${earlier}, then ${source.origin}): ` +
          "give the profile from the config an id of its own.",
        {
          status: 400,
          details: { profileId: profile.id, path: "/id", origins: [earlier, source.origin] },
        },
      );
    }
    byId.set(profile.id, profile);
    origins.set(profile.id, source.origin);
  }

  const profiles = [...byId.values()];
  const byUsb = new Map<string, DeviceProfile[]>();
  // Two passes so that a device's own id ranks above a bridge chip shared by many.
  for (const wantBridge of [false, true]) {
    for (const profile of profiles) {
      for (const id of profile.usb) {
        if ((id.bridge ?? false) !== wantBridge) continue;
        const key = usbKey(id.vendorId, id.productId);
        const list = byUsb.get(key) ?? [];
        if (!list.includes(profile)) list.push(profile);
        byUsb.set(key, list);
      }
    }
  }
  return Object.freeze({ profiles: Object.freeze(profiles), byId, byUsb });
}

/** The profile with this id; throws LINLI_ERR_PROFILE_NOT_FOUND when there is none. */
export function resolveProfile(registry: ProfileRegistry, query: { id: string }): DeviceProfile {
  const profile = registry.byId.get(query.id);
  if (profile !== undefined) return profile;
  throw new LinliError(
    "LINLI_ERR_PROFILE_NOT_FOUND",
    `No device profile has the id "${query.id}". Known ids: ${[...registry.byId.keys()].join(", ")}. ` +
      "Check the device's profile in the config, or add a profile for it.",
    { status: 404, details: { profileId: query.id } },
  );
}

/**
 * Reads a 16-bit USB id given as a number or as hex ("1a86", "0x1A86").
 * Throws LINLI_ERR_PROFILE_USB_ID for anything else.
 */
export function parseUsbId(value: number | string, what = "id"): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffff) {
    return value;
  }
  if (typeof value === "string" && /^(0x)?[0-9a-f]{1,4}$/i.test(value.trim())) {
    return Number.parseInt(value.trim().replace(/^0x/i, ""), 16);
  }
  throw new LinliError(
    "LINLI_ERR_PROFILE_USB_ID",
    `USB ${what} ${JSON.stringify(value)} is not a 16-bit id: give a number from 0 to 65535 or 1–4 hex digits such as "1a86".`,
    { status: 400, details: { value } },
  );
}

/**
 * The profiles that claim this USB vendor and product id, best match first:
 * a device's own id before a USB-serial bridge chip's. Empty when none does.
 */
export function findByUsb(
  registry: ProfileRegistry,
  vendorId: number | string,
  productId: number | string,
): readonly DeviceProfile[] {
  const key = usbKey(parseUsbId(vendorId, "vendor id"), parseUsbId(productId, "product id"));
  return registry.byUsb.get(key) ?? [];
}

/** The profiles of one family, typed for it: `listByFamily(r, "printer")[0]?.capabilities.columns`. */
export function listByFamily<F extends DeviceFamily>(
  registry: ProfileRegistry,
  family: F,
): ProfileOf<F>[] {
  return registry.profiles.filter((profile): profile is ProfileOf<F> => profile.family === family);
}

/**
 * The size of one locker door (board and lock numbered from 1); undefined when
 * the profile gives no sizes or there is no such door.
 */
export function doorSize(
  profile: LockerProfile,
  board: number,
  lock: number,
): DoorSize | undefined {
  const { boards, locksPerBoard, sizes } = profile.capabilities;
  if (board < 1 || board > boards || lock < 1 || lock > locksPerBoard) return undefined;
  return sizes?.doors?.[`${board}-${lock}`] ?? sizes?.default;
}
