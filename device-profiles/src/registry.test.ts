import { isLinliError } from "@linli/protocols";
import { describe, expect, it } from "vitest";
import {
  doorSize,
  findByUsb,
  listByFamily,
  loadProfiles,
  profileProblems,
  resolveProfile,
  shippedProfiles,
} from "./index.js";

const registry = loadProfiles();
const hex = (word: number) => word.toString(16).padStart(4, "0");

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the action to throw");
}

describe("shipped profiles", () => {
  it("each pass the schema and the cross-field rules", () => {
    for (const profile of shippedProfiles) {
      expect({ id: profile.id, problems: profileProblems(profile) }).toEqual({
        id: profile.id,
        problems: [],
      });
    }
  });

  it("have unique kebab-case ids, all of which load", () => {
    const ids = shippedProfiles.map((profile) => profile.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(registry.profiles.map((profile) => profile.id)).toEqual(ids);
  });

  it("cover every family", () => {
    const families = new Set(registry.profiles.map((profile) => profile.family));
    expect([...families].sort()).toEqual(["locker", "printer", "rating-box", "scanner", "vending"]);
  });

  it("cannot be changed by whoever loads them", () => {
    const profile = resolveProfile(registry, { id: "generic-escpos-58" });
    expect(Object.isFrozen(profile)).toBe(true);
    expect(Object.isFrozen(profile.capabilities)).toBe(true);
  });
});

describe("resolveProfile", () => {
  it("finds every shipped profile by its id", () => {
    for (const { id } of shippedProfiles) {
      expect(resolveProfile(registry, { id }).id).toBe(id);
    }
  });

  it("rejects an unknown id with a not-found error that lists the known ids", () => {
    const error = thrown(() => resolveProfile(registry, { id: "acme-toaster" }));
    expect(isLinliError(error) && error.code).toBe("LINLI_ERR_PROFILE_NOT_FOUND");
    expect(isLinliError(error) && error.status).toBe(404);
    expect(String(error)).toContain('"acme-toaster"');
    expect(String(error)).toContain("kerong-kr-cu16");
  });
});

describe("findByUsb", () => {
  const claims = shippedProfiles.flatMap((profile) =>
    profile.usb.map((id) => ({ profile: profile.id, ...id })),
  );

  it("finds each shipped profile by each of its USB ids given as numbers", () => {
    expect(claims.length).toBeGreaterThan(5);
    for (const claim of claims) {
      const found = findByUsb(registry, claim.vendorId, claim.productId).map((p) => p.id);
      expect(found).toContain(claim.profile);
    }
  });

  it("accepts hex strings in either case and with or without 0x", () => {
    for (const claim of claims) {
      const vendor = hex(claim.vendorId);
      const product = hex(claim.productId);
      for (const [v, p] of [
        [vendor, product],
        [vendor.toUpperCase(), product.toUpperCase()],
        [`0x${vendor}`, `0X${product.toUpperCase()}`],
      ] as const) {
        expect(findByUsb(registry, v, p).map((profile) => profile.id)).toContain(claim.profile);
      }
    }
  });

  it("finds the Epson profile from lsusb's 04b8:0e03", () => {
    expect(findByUsb(registry, "04b8", "0e03").map((p) => p.id)).toEqual(["epson-tm-t-80"]);
  });

  it("resolves an unknown USB id to nothing", () => {
    expect(findByUsb(registry, 0xdead, 0xbeef)).toEqual([]);
    expect(findByUsb(registry, "04b8", "ffff")).toEqual([]);
  });

  it("offers every printer behind a CH340 bridge, ranking a device's own id first", () => {
    const behindCh340 = findByUsb(registry, "1a86", "7523").map((p) => p.id);
    expect(behindCh340).toEqual(expect.arrayContaining(["generic-escpos-58", "generic-escpos-80"]));

    const own = loadProfiles([
      {
        id: "acme-ch340-printer",
        vendor: "Acme",
        model: "Claims the CH340 id as its own",
        family: "printer",
        protocol: "escpos",
        transports: { serial: { baudRate: 9600 } },
        usb: [{ vendorId: 0x1a86, productId: 0x7523 }],
        capabilities: {
          paperWidthMm: 58,
          columns: 32,
          qr: false,
          cutter: "none",
          chinese: "none",
          statusQueries: false,
          asb: false,
        },
      },
    ]);
    expect(findByUsb(own, 0x1a86, 0x7523)[0]?.id).toBe("acme-ch340-printer");
  });

  it("rejects an id that is not 16-bit hex or a number in range, naming the value", () => {
    for (const [vendor, product] of [
      ["zz12", "0001"],
      [0x10000, 1],
      [-1, 1],
      ["12345", "1"],
      ["1a86", 1.5],
    ] as const) {
      const error = thrown(() => findByUsb(registry, vendor, product));
      expect(isLinliError(error) && error.code).toBe("LINLI_ERR_PROFILE_USB_ID");
    }
  });
});

describe("listByFamily", () => {
  it("lists only profiles of that family, typed for it", () => {
    const printers = listByFamily(registry, "printer");
    expect(printers.map((p) => p.id)).toEqual([
      "generic-escpos-58",
      "generic-escpos-80",
      "epson-tm-t-80",
    ]);
    expect(printers.every((p) => p.capabilities.columns > 0)).toBe(true);
    expect(listByFamily(registry, "rating-box").map((p) => p.id)).toEqual(["linli-rating-box-5"]);
  });
});

describe("capability lookups a UI would do", () => {
  it("the 58 mm printer has 58 mm paper, 32 columns, no cutter, and GB18030 text", () => {
    const [printer] = listByFamily(registry, "printer").filter((p) => p.id === "generic-escpos-58");
    expect(printer?.capabilities).toMatchObject({
      paperWidthMm: 58,
      columns: 32,
      cutter: "none",
      chinese: "gb18030",
      qr: true,
    });
  });

  it("the 80 mm printers have 48 columns and a cutter", () => {
    for (const id of ["generic-escpos-80", "epson-tm-t-80"]) {
      const printer = listByFamily(registry, "printer").find((p) => p.id === id);
      expect(printer?.capabilities).toMatchObject({ paperWidthMm: 80, columns: 48 });
      expect(printer?.capabilities.cutter).not.toBe("none");
    }
  });

  it("the KR-CU16 has 16 locks a board, door and parcel sensors, on 19200 8N1", () => {
    const kerong = listByFamily(registry, "locker").find((p) => p.id === "kerong-kr-cu16");
    expect(kerong?.capabilities).toMatchObject({
      locksPerBoard: 16,
      doorSensors: true,
      itemSensors: true,
    });
    expect(kerong?.transports.serial).toEqual({
      baudRate: 19200,
      dataBits: 8,
      parity: "none",
      stopBits: 1,
    });
  });

  it("the 8A/80 board has 24 locks on RS-485 at 9600 8N1 and reports doors but not parcels", () => {
    const board = listByFamily(registry, "locker").find((p) => p.id === "generic-lock-8a-24");
    expect(board?.capabilities.locksPerBoard).toBe(24);
    expect(board?.transports.serial?.baudRate).toBe(9600);
    expect(board?.exposes.map((e) => e.name)).toEqual(["door", "open_door"]);
  });

  it("the FA-FB VMC runs at 57600 baud and offers restocking each of its 60 slots", () => {
    const vmc = resolveProfile(registry, { id: "generic-vmc-fafb-60" });
    expect(vmc.transports.serial?.baudRate).toBe(57600);
    const restock = vmc.exposes.find((e) => e.name === "restock");
    expect(restock?.type === "action" && restock.params?.[0]).toMatchObject({
      name: "slot",
      min: 1,
      max: 60,
    });
  });

  it("the HID POS scanners are found on usage page 0x8C", () => {
    for (const scanner of listByFamily(registry, "scanner")) {
      if (scanner.protocol !== "hid-pos-scanner") continue;
      expect(scanner.transports.hid?.usagePage).toBe(0x8c);
      expect(scanner.capabilities.mode).toBe("hid-pos");
    }
  });

  it("the rating box maps its five buttons to scores 5 down to 1", () => {
    const [box] = listByFamily(registry, "rating-box");
    expect(box?.capabilities.labels.map((l) => [l.button, l.score])).toEqual([
      [1, 5],
      [2, 4],
      [3, 3],
      [4, 2],
      [5, 1],
    ]);
  });

  it("every printer offers a test print, every locker an open_door action", () => {
    for (const printer of listByFamily(registry, "printer")) {
      expect(printer.exposes.some((e) => e.type === "action" && e.name === "test_print")).toBe(
        true,
      );
    }
    for (const locker of listByFamily(registry, "locker")) {
      expect(locker.exposes.some((e) => e.type === "action" && e.name === "open_door")).toBe(true);
    }
  });

  it("a door's size comes from the per-door map, else the default, and only for real doors", () => {
    const sized = loadProfiles([
      {
        id: "site-lockers",
        vendor: "Kerong",
        model: "KR-CU16, two boards",
        family: "locker",
        protocol: "kerong-cu16",
        transports: { serial: { baudRate: 19200 } },
        capabilities: {
          boards: 2,
          locksPerBoard: 16,
          doorSensors: true,
          itemSensors: true,
          sizes: { default: "M", doors: { "1-1": "L", "2-16": "S" } },
        },
      },
    ]);
    const [locker] = listByFamily(sized, "locker").filter((p) => p.id === "site-lockers");
    if (locker === undefined) throw new Error("site-lockers did not load");
    expect(doorSize(locker, 1, 1)).toBe("L");
    expect(doorSize(locker, 2, 16)).toBe("S");
    expect(doorSize(locker, 1, 2)).toBe("M");
    expect(doorSize(locker, 3, 1)).toBeUndefined();
  });
});
