import { describe, expect, it } from "vitest";
import { type DoorAnswer, followDoor, type OpenedDoor, openedDoor } from "./door-follow.js";

const door = { deviceId: "lockers-1", board: 1, lock: 3, size: "M" } as const;
const answer: DoorAnswer = {
  door,
  jobId: "parcel-p-pickup-1",
  state: "opened",
  repeated: false,
  message: "3 号柜门已打开，请取件后关好柜门",
};
const at = (state: "open" | "closed" | "left-open", from: "event" | "state" = "event") =>
  ({ kind: "door", deviceId: "lockers-1", board: 1, lock: 3, state, from }) as const;

function follow(start: OpenedDoor, ...news: Parameters<typeof followDoor>[1][]) {
  let current: ReturnType<typeof followDoor> = start;
  for (const one of news) if (typeof current !== "string") current = followDoor(current, one);
  return current;
}

describe("following a door that opened for a resident", () => {
  it("is open when the agent says so, and closed once the locker reports it shut", () => {
    const opened = openedDoor("pickup", answer, "closed");
    expect(opened).toMatchObject({ phase: "open", spokenNumber: "3", seenOpen: false });
    expect(follow(opened, at("closed"))).toMatchObject({ phase: "closed" });
  });

  it("does not take a listing made before the door opened for the door being shut", () => {
    const opened = openedDoor("pickup", answer, "closed");
    expect(follow(opened, at("closed", "state"))).toMatchObject({ phase: "open" });
    expect(follow(opened, at("open", "state"), at("closed", "state"))).toMatchObject({
      phase: "closed",
    });
  });

  it("says when the door is left open, and keeps saying it until it is shut", () => {
    const opened = openedDoor("borrow", answer, undefined);
    expect(follow(opened, at("left-open"), at("open", "state"))).toMatchObject({
      phase: "left-open",
    });
    expect(follow(opened, at("left-open"), at("closed"))).toMatchObject({ phase: "closed" });
  });

  it("waits for a door still opening, and gives up on one that failed", () => {
    const opening = openedDoor("return", { ...answer, state: "opening" }, undefined);
    expect(opening.phase).toBe("opening");
    const job = (state: string, jobId = answer.jobId) => ({ kind: "job", jobId, state }) as const;
    expect(follow(opening, job("done", "another-job"))).toBe(opening);
    expect(follow(opening, job("running"), job("done"))).toMatchObject({ phase: "open" });
    expect(follow(opening, job("failed"))).toBe("door-failed");
    expect(follow(opening, job("uncertain"))).toBe("door-uncertain");
  });

  it("takes a repeated code's door as the stream last saw it, since nothing opened again", () => {
    expect(openedDoor("pickup", { ...answer, repeated: true }, "closed").phase).toBe("closed");
    expect(openedDoor("pickup", { ...answer, repeated: true }, "left-open").phase).toBe(
      "left-open",
    );
    expect(openedDoor("pickup", { ...answer, repeated: true }, undefined).phase).toBe("open");
  });

  it("ignores other doors, and a shut door stays shut", () => {
    const opened = openedDoor("pickup", answer, undefined);
    expect(follow(opened, { ...at("closed"), lock: 4 })).toBe(opened);
    expect(follow(opened, at("closed"), at("open"))).toMatchObject({ phase: "closed" });
  });
});
