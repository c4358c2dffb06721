import { describe, expect, it } from "vitest";
import { translator } from "../i18n/i18n.js";
import { coolDownText, refusalText } from "./parcels-words.js";

const zh = translator("zh-CN");
const en = translator("en");

describe("the parcels screens' words for a refusal", () => {
  it("counts a cool-down down in minutes and seconds, then seconds alone", () => {
    expect(coolDownText(zh, 298)).toBe(
      "号码输错次数太多，请 4 分 58 秒后再试；如需帮助，请联系工作人员",
    );
    expect(coolDownText(zh, 42)).toContain("请 42 秒后再试");
    expect(coolDownText(en, 61)).toBe(
      "Too many wrong codes. Try again in 1 min 1 s, or ask the staff for help",
    );
  });

  it("names the code that was wrong and the tries left", () => {
    const wrong = { kind: "wrong-code", attemptsLeft: 2 } as const;
    expect(refusalText(zh, wrong)).toBe("取件码不对，请核对后重新输入（还可以再试 2 次）");
    expect(refusalText(zh, wrong, "return")).toContain("归还码不对");
    expect(refusalText(en, { kind: "wrong-code", attemptsLeft: undefined })).toBe(
      "That code is not right. Check it and try again",
    );
  });

  it("gives the return code of a borrow whose door may have opened, and the agent's words for the unknown", () => {
    expect(refusalText(zh, { kind: "door-uncertain", returnCode: "123456" })).toContain(
      "归还码是 123456",
    );
    expect(refusalText(en, { kind: "other", message: "柜子坏了" })).toBe("柜子坏了");
  });
});
