import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Store } from "../../store/index.js";
import { JobStore } from "./job-store.js";

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

function openStore(path = join(mkdtempSync(join(tmpdir(), "linli-jobs-")), "linli.db")): Store {
  const store = new Store(path, createLogger({ level: "silent" }));
  store.start();
  stores.push(store);
  return store;
}

describe("durable device jobs", () => {
  it("are recorded as queued before anything runs, and survive a restart", () => {
    const first = openStore();
    const job = new JobStore(first.db).create("printer-1", "print", { copies: 1 });
    first.stop();
    const again = openStore(first.path);
    expect(new JobStore(again.db).get(job.id)).toMatchObject({
      state: "queued",
      payload: { copies: 1 },
    });
  });

  it("move only from the states a caller names, so two paths cannot both run a job", () => {
    const jobs = new JobStore(openStore().db);
    const job = jobs.create("lockers-1", "door_open", { board: 1, lock: 3 });
    expect(jobs.transition(job.id, ["queued"], "running", { countAttempt: true })).toBe(true);
    expect(jobs.transition(job.id, ["queued"], "running", { countAttempt: true })).toBe(false);
    expect(jobs.get(job.id)).toMatchObject({ state: "running", attempts: 1 });
    expect(jobs.transition(job.id, ["running"], "done", { result: { opened: true } })).toBe(true);
    expect(jobs.get(job.id)?.result).toEqual({ opened: true });
  });

  it("mark jobs interrupted by a crash as uncertain instead of running them again", () => {
    const store = openStore();
    const jobs = new JobStore(store.db);
    const printing = jobs.create("printer-1", "print", {});
    jobs.transition(printing.id, ["queued"], "running");
    const waiting = jobs.create("printer-1", "print", {});
    store.stop();
    const restarted = new JobStore(openStore(store.path).db);
    const otherPrinter = restarted.create("printer-2", "print", {});
    restarted.transition(otherPrinter.id, ["queued"], "running");
    const marked = restarted.markInterruptedUncertain({ deviceId: "printer-1" });
    expect(marked.map((job) => job.id)).toEqual([printing.id]);
    expect(restarted.get(otherPrinter.id)?.state).toBe("running");
    expect(restarted.get(printing.id)?.state).toBe("uncertain");
    expect(restarted.get(waiting.id)?.state).toBe("queued");
  });

  it("call transition hooks inside the same transaction as the change", () => {
    const jobs = new JobStore(openStore().db);
    const seen: string[] = [];
    jobs.onTransition((job, previous) => seen.push(`${previous ?? "new"}→${job.state}`));
    const job = jobs.create("printer-1", "print", {});
    jobs.transition(job.id, ["queued"], "held");
    expect(seen).toEqual(["new→queued", "queued→held"]);
    jobs.onTransition(() => {
      throw new Error("outbox full");
    });
    expect(() => jobs.transition(job.id, ["held"], "running")).toThrow("outbox full");
    expect(jobs.get(job.id)?.state).toBe("held");
  });
});
