import { isLinliError, type LinliError } from "@linli/protocols";
import { describe, expect, it } from "vitest";
import { loadProfiles, resolveProfile } from "./index.js";

/** A valid profile as someone would write it in the config, leaving defaults out. */
function configPrinter(): Record<string, unknown> {
  return {
    id: "site-printer",
    vendor: "Acme",
    model: "P-58",
    family: "printer",
    protocol: "escpos",
    transports: { serial: { baudRate: 115200 } },
    capabilities: {
      paperWidthMm: 58,
      columns: 32,
      qr: true,
      cutter: "none",
      chinese: "gb18030",
      statusQueries: true,
      asb: false,
    },
  };
}

function rejection(extra: unknown[]): LinliError {
  try {
    loadProfiles(extra);
  } catch (error) {
    if (isLinliError(error)) return error;
    throw error;
  }
  throw new Error("expected loadProfiles to reject the profile");
}

describe("loadProfiles with profiles from the config", () => {
  it("accepts a valid profile and fills in the transport defaults (8N1) and empty lists", () => {
    const registry = loadProfiles([configPrinter()]);
    const profile = resolveProfile(registry, { id: "site-printer" });
    expect(profile.transports.serial).toEqual({
      baudRate: 115200,
      dataBits: 8,
      parity: "none",
      stopBits: 1,
    });
    expect(profile.usb).toEqual([]);
    expect(profile.exposes).toEqual([]);
  });

  it("fills in port 9100 for a TCP printer", () => {
    const printer = { ...configPrinter(), transports: { tcp: {} } };
    const profile = resolveProfile(loadProfiles([printer]), { id: "site-printer" });
    expect(profile.transports.tcp).toEqual({ port: 9100 });
  });

  it("leaves the caller's config object untouched", () => {
    const printer = configPrinter();
    const before = JSON.stringify(printer);
    loadProfiles([printer]);
    expect(JSON.stringify(printer)).toBe(before);
  });

  it("rejects a baud rate given as a string, naming the profile and the field", () => {
    const printer = { ...configPrinter(), transports: { serial: { baudRate: "9600" } } };
    const error = rejection([printer]);
    expect(error.code).toBe("LINLI_ERR_PROFILE_INVALID");
    expect(error.message).toContain('"site-printer"');
    expect(error.message).toContain("/transports/serial/baudRate must be an integer");
    expect(error.message).toContain('got "9600"');
    expect(error.details).toMatchObject({
      profileId: "site-printer",
      origin: "config",
      path: "/transports/serial/baudRate",
    });
  });

  it("rejects an unknown family and says which families there are", () => {
    const error = rejection([{ ...configPrinter(), family: "fridge" }]);
    expect(error.details).toMatchObject({ profileId: "site-printer", path: "/family" });
    expect(error.message).toContain('"printer", "locker", "vending", "scanner", "rating-box"');
  });

  it("rejects an id that is already taken by a shipped profile", () => {
    const error = rejection([{ ...configPrinter(), id: "generic-escpos-58" }]);
    expect(error.code).toBe("LINLI_ERR_PROFILE_DUPLICATE");
    expect(error.message).toContain('"generic-escpos-58"');
    expect(error.details).toMatchObject({ profileId: "generic-escpos-58", path: "/id" });
  });

  it("rejects two config profiles with the same id", () => {
    const error = rejection([configPrinter(), configPrinter()]);
    expect(error.code).toBe("LINLI_ERR_PROFILE_DUPLICATE");
    expect(error.details).toMatchObject({
      profileId: "site-printer",
      origins: ["config", "config"],
    });
  });

  it("rejects columns that do not match the paper width", () => {
    const printer = configPrinter();
    printer.capabilities = { ...(printer.capabilities as object), columns: 48 };
    const error = rejection([printer]);
    expect(error.details).toMatchObject({
      profileId: "site-printer",
      path: "/capabilities/columns",
    });
    expect(error.message).toContain("must be 32 for 58 mm paper, got 48");
  });

  it("rejects a misspelt property instead of ignoring it", () => {
    const printer = { ...configPrinter(), transports: { serial: { baudrate: 9600 } } };
    const error = rejection([printer]);
    const paths = ((error.details?.problems ?? []) as Array<{ path: string }>).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/transports/serial/baudrate", "/transports/serial/baudRate"]),
    );
  });

  it("rejects a protocol that does not belong to the family", () => {
    const error = rejection([{ ...configPrinter(), protocol: "kerong-cu16" }]);
    expect(error.details).toMatchObject({ path: "/protocol" });
    expect(error.message).toContain('must be one of "escpos"');
  });

  it("rejects a transport the protocol cannot run on", () => {
    const printer = { ...configPrinter(), transports: { hid: {} } };
    const error = rejection([printer]);
    expect(error.details).toMatchObject({ path: "/transports/hid" });
    expect(error.message).toContain("serial or usblp or tcp");
  });

  it("rejects a malformed expose, pointing into the exposes list", () => {
    const printer = { ...configPrinter(), exposes: [{ type: "enum", name: "paper" }] };
    expect(rejection([printer]).details).toMatchObject({ path: "/exposes/0/values" });
    const unknownType = { ...configPrinter(), exposes: [{ type: "slider", name: "x" }] };
    expect(rejection([unknownType]).details).toMatchObject({ path: "/exposes/0/type" });
  });

  it("rejects a KR-CU16 with more than 16 locks a board", () => {
    const locker = {
      id: "big-kerong",
      vendor: "Kerong",
      model: "KR-CU16",
      family: "locker",
      protocol: "kerong-cu16",
      transports: { serial: { baudRate: 19200 } },
      capabilities: { locksPerBoard: 24, doorSensors: true, itemSensors: true },
    };
    expect(rejection([locker]).details).toMatchObject({
      profileId: "big-kerong",
      path: "/capabilities/locksPerBoard",
    });
  });

  it("names a profile without an id by its position in the config", () => {
    const { id: _unused, ...anonymous } = configPrinter();
    const error = rejection([configPrinter(), anonymous]);
    expect(error.message).toContain("#2 in the config list");
    expect(error.details).toMatchObject({ profileId: null, index: 1, path: "/id" });
  });

  it("rejects config profiles that are not a list", () => {
    const error = rejection("not a list" as unknown as unknown[]);
    expect(error.code).toBe("LINLI_ERR_PROFILE_INVALID");
  });
});
