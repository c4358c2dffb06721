import { describe, expect, it } from "vitest";
import { guideRefusal, guideRequest, isFinalJobState, printProgress } from "./guides.js";

const pharmacies = ["wfxc-0150", "wfxc-0147", "wfxc-0151"];

describe("the guide request for what the resident chose", () => {
  it("asks for the whole category when every one of its outlets stays chosen", () => {
    const choice = {
      kind: "category" as const,
      code: "pharmacy",
      outletIds: pharmacies,
      chosen: new Set(pharmacies),
    };
    expect(guideRequest(choice, { largePrint: false, elderly: false })).toEqual({
      category: "pharmacy",
      largePrint: false,
      elderly: false,
    });
  });

  it("asks for the chosen outlets, in the order shown, when some were left out", () => {
    const choice = {
      kind: "category" as const,
      code: "pharmacy",
      outletIds: pharmacies,
      chosen: new Set(["wfxc-0151", "wfxc-0150"]),
    };
    expect(guideRequest(choice, { largePrint: true, elderly: false })).toEqual({
      outletIds: ["wfxc-0150", "wfxc-0151"],
      largePrint: true,
      elderly: true,
    });
  });

  it("prints outlets brought from an outlet's page as outlets, at the elderly pace in 长辈模式", () => {
    const choice = {
      kind: "outlets" as const,
      outletIds: ["wfxc-0141"],
      chosen: new Set(["wfxc-0141"]),
    };
    expect(guideRequest(choice, { largePrint: false, elderly: true })).toEqual({
      outletIds: ["wfxc-0141"],
      largePrint: false,
      elderly: true,
    });
  });

  it("asks for nothing when nothing is chosen", () => {
    const choice = {
      kind: "outlets" as const,
      outletIds: ["wfxc-0141"],
      chosen: new Set<string>(),
    };
    expect(guideRequest(choice, { largePrint: false, elderly: false })).toBeUndefined();
  });
});

describe("a print's progress in the resident's words", () => {
  it("is queued until the agent answers, then printing, then ready to take", () => {
    expect(printProgress(undefined)).toMatchObject({ step: 0, message: "printQueued" });
    expect(printProgress({ state: "queued", reason: null })).toMatchObject({ step: 0 });
    expect(printProgress({ state: "printing", reason: null })).toMatchObject({
      step: 1,
      message: "printPrinting",
      tone: "working",
    });
    expect(printProgress({ state: "done", reason: null })).toMatchObject({
      step: 2,
      message: "printDone",
      tone: "done",
    });
  });

  it("says why a held print waits, as a problem staff can fix, and that it will go on", () => {
    expect(printProgress({ state: "held", reason: "paper_out" })).toEqual({
      step: 1,
      message: "printPaperOut",
      tone: "problem",
      resumes: true,
    });
    expect(printProgress({ state: "held", reason: "cover_open" }).message).toBe("printCoverOpen");
    expect(printProgress({ state: "held", reason: null }).message).toBe("printUnavailable");
  });

  it("asks for staff when a print failed or may not have finished, without promising more", () => {
    expect(printProgress({ state: "failed", reason: null })).toMatchObject({
      message: "printFailed",
      tone: "problem",
      resumes: false,
    });
    expect(printProgress({ state: "uncertain", reason: null }).message).toBe("printUncertain");
  });

  it("stops following a print once it is done, failed or uncertain", () => {
    expect(["queued", "printing", "held"].map((state) => isFinalJobState(state as never))).toEqual([
      false,
      false,
      false,
    ]);
    expect(["done", "failed", "uncertain"].every((state) => isFinalJobState(state as never))).toBe(
      true,
    );
  });
});

describe("an agent's refusal to print, in words", () => {
  it("names a missing printer, an empty category and a vanished outlet", () => {
    expect(guideRefusal("LINLI_ERR_GUIDE_NO_PRINTER")).toBe("printNoPrinter");
    expect(guideRefusal("LINLI_ERR_GUIDE_NO_OUTLETS")).toBe("printNoCategoryOutlets");
    expect(guideRefusal("LINLI_ERR_OUTLET_NOT_FOUND")).toBe("printOutletGone");
    expect(guideRefusal("LINLI_ERR_SOMETHING_ELSE")).toBe("loadFailed");
  });
});
