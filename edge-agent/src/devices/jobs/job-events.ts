import type { EventBus } from "../../bus.js";
import type { Logger } from "../../log.js";
import type { JobStore } from "./job-store.js";

/**
 * Puts every job state change on the bus as `jobState`, after its
 * transaction commits (the hook runs inside it). A move to the same state
 * with the same detail (an attempt counted) is not news. Wire once per agent.
 */
export function relayJobStates(jobs: JobStore, bus: EventBus, log?: Logger): void {
  const last = new Map<string, string>();
  jobs.onTransition((job) => {
    const fingerprint = `${job.state}\0${job.error ?? ""}`;
    if (last.get(job.id) === fingerprint) return;
    last.delete(job.id);
    if (job.state !== "done" && job.state !== "failed") last.set(job.id, fingerprint);
    // Jobs left uncertain for ever must not grow the map without end: the oldest go.
    if (last.size > 1_000) last.delete(last.keys().next().value ?? "");
    const event = {
      jobId: job.id,
      deviceId: job.deviceId,
      kind: job.kind,
      state: job.state,
      ...(job.error === null ? {} : { detail: job.error }),
    };
    queueMicrotask(() => {
      try {
        bus.emit("jobState", event);
      } catch (error) {
        log?.warn({ err: error, jobId: job.id }, "a jobState listener failed");
      }
    });
  });
}
