/**
 * Rules a JSON schema cannot say well: fields that must agree with each other.
 * They run after a profile has passed the schema, and name the field to fix.
 */
import {
  COLUMNS_BY_PAPER_WIDTH,
  type DeviceProfile,
  type LockerProfile,
  type PROTOCOLS_BY_FAMILY,
  type PrinterProfile,
  type RatingBoxProfile,
  type ScannerProfile,
  TRANSPORTS_BY_PROTOCOL,
  type TransportType,
  type VendingProfile,
} from "./schema.js";

/** One thing wrong with a profile: where (a JSON pointer) and what it must be. */
export interface ProfileProblem {
  path: string;
  /** Reads after the path: "must be an integer", "is not a known property". */
  problem: string;
  /** The problem is the property's name, not its value (so its value is not shown). */
  aboutName?: true;
}

type Rule<P extends DeviceProfile = DeviceProfile> = (profile: P) => ProfileProblem[];

const transportsFitProtocol: Rule = (profile) => {
  const allowed = TRANSPORTS_BY_PROTOCOL[profile.protocol];
  return (Object.keys(profile.transports) as TransportType[])
    .filter((type) => !allowed.includes(type))
    .map((type) => ({
      path: `/transports/${type}`,
      problem: `is not a transport ${profile.protocol} runs on (use ${allowed.join(" or ")})`,
    }));
};

const usbIdsAreDistinct: Rule = (profile) => {
  const seen = new Set<string>();
  const problems: ProfileProblem[] = [];
  profile.usb.forEach(({ vendorId, productId }, index) => {
    const key = `${vendorId}:${productId}`;
    if (seen.has(key)) problems.push({ path: `/usb/${index}`, problem: "is listed twice" });
    seen.add(key);
  });
  return problems;
};

const exposeNamesAreDistinct: Rule = (profile) => {
  const seen = new Set<string>();
  const problems: ProfileProblem[] = [];
  profile.exposes.forEach((expose, index) => {
    if (seen.has(expose.name)) {
      problems.push({ path: `/exposes/${index}/name`, problem: `repeats "${expose.name}"` });
    }
    seen.add(expose.name);
  });
  return problems;
};

const columnsFitPaper: Rule<PrinterProfile> = ({ capabilities }) => {
  const expected = COLUMNS_BY_PAPER_WIDTH[capabilities.paperWidthMm];
  return capabilities.columns === expected
    ? []
    : [
        {
          path: "/capabilities/columns",
          problem: `must be ${expected} for ${capabilities.paperWidthMm} mm paper`,
        },
      ];
};

const lockerFitsAddressing: Rule<LockerProfile> = ({ protocol, capabilities }) => {
  const problems: ProfileProblem[] = [];
  // KR-CU16 packs board and lock into one byte: board << 4 | (lock - 1).
  if (protocol === "kerong-cu16") {
    if (capabilities.locksPerBoard > 16) {
      problems.push({
        path: "/capabilities/locksPerBoard",
        problem: "must be at most 16 on a KR-CU16",
      });
    }
    if (capabilities.boards > 16) {
      problems.push({ path: "/capabilities/boards", problem: "must be at most 16 on a KR-CU16" });
    }
  }
  for (const door of Object.keys(capabilities.sizes?.doors ?? {})) {
    const [board = 0, lock = 0] = door.split("-").map(Number);
    if (board > capabilities.boards || lock > capabilities.locksPerBoard) {
      problems.push({
        path: `/capabilities/sizes/doors/${door}`,
        problem: `names a door that does not exist (${capabilities.boards} board(s) of ${capabilities.locksPerBoard} locks)`,
      });
    }
  }
  return problems;
};

const traysFitSlots: Rule<VendingProfile> = ({ capabilities }) =>
  capabilities.slotsPerTray !== undefined && capabilities.slotsPerTray > capabilities.slots
    ? [
        {
          path: "/capabilities/slotsPerTray",
          problem: `must not exceed slots (${capabilities.slots})`,
        },
      ]
    : [];

const SCANNER_MODE_BY_PROTOCOL = {
  "hid-pos-scanner": "hid-pos",
  "serial-scanner": "serial-line",
} as const satisfies Record<(typeof PROTOCOLS_BY_FAMILY)["scanner"][number], string>;

const scannerModeFitsProtocol: Rule<ScannerProfile> = ({ protocol, capabilities }) => {
  const expected = SCANNER_MODE_BY_PROTOCOL[protocol];
  return capabilities.mode === expected
    ? []
    : [{ path: "/capabilities/mode", problem: `must be "${expected}" for ${protocol}` }];
};

const ratingLabelsCoverEveryButtonAndScore: Rule<RatingBoxProfile> = ({ capabilities }) => {
  const problems: ProfileProblem[] = [];
  for (const field of ["button", "score"] as const) {
    const seen = new Set<number>();
    capabilities.labels.forEach((label, index) => {
      if (seen.has(label[field])) {
        problems.push({
          path: `/capabilities/labels/${index}/${field}`,
          problem: `repeats ${field} ${label[field]}: each of 1–5 must appear once`,
        });
      }
      seen.add(label[field]);
    });
  }
  return problems;
};

/** Every rule that applies to the profile, in a stable order. */
export function ruleProblems(profile: DeviceProfile): ProfileProblem[] {
  const problems = [
    ...transportsFitProtocol(profile),
    ...usbIdsAreDistinct(profile),
    ...exposeNamesAreDistinct(profile),
  ];
  switch (profile.family) {
    case "printer":
      return [...problems, ...columnsFitPaper(profile)];
    case "locker":
      return [...problems, ...lockerFitsAddressing(profile)];
    case "vending":
      return [...problems, ...traysFitSlots(profile)];
    case "scanner":
      return [...problems, ...scannerModeFitsProtocol(profile)];
    case "rating-box":
      return [...problems, ...ratingLabelsCoverEveryButtonAndScore(profile)];
  }
}
