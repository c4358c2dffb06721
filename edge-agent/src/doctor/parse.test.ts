import { describe, expect, it } from "vitest";
import { parseChronyTracking, parseTimedatectl } from "./clock.js";
import { parseIdOutput } from "./user.js";

describe("what the doctor reads from system tools", () => {
  it("takes a user's groups from id(1), names and ids", () => {
    expect(
      parseIdOutput("uid=998(linli) gid=998(linli) groups=998(linli),20(dialout),7(lp)\n"),
    ).toEqual({
      name: "linli",
      uid: 998,
      gid: 998,
      groups: [
        { name: "linli", gid: 998 },
        { name: "dialout", gid: 20 },
        { name: "lp", gid: 7 },
      ],
    });
    expect(parseIdOutput("id: ‘nobody-here’: no such user")).toBeUndefined();
  });

  it("reads timedatectl show: synchronised or not, NTP on or off", () => {
    expect(parseTimedatectl("NTPSynchronized=no\nNTP=yes\n")).toEqual({
      synchronized: false,
      ntp: true,
      source: "timedatectl",
    });
    expect(parseTimedatectl("NTP=no\nNTPSynchronized=yes\n")).toEqual({
      synchronized: true,
      ntp: false,
      source: "timedatectl",
    });
    expect(parseTimedatectl("Failed to connect to bus: Host is down\n")).toBeUndefined();
  });

  it("reads chronyc tracking's leap status", () => {
    const tracking = (leap: string) =>
      `Reference ID    : 00000000 ()\nStratum         : 0\nLeap status     : ${leap}\n`;
    expect(parseChronyTracking(tracking("Normal"))?.synchronized).toBe(true);
    expect(parseChronyTracking(tracking("Not synchronised"))?.synchronized).toBe(false);
    expect(parseChronyTracking("506 Cannot talk to daemon\n")).toBeUndefined();
  });
});
