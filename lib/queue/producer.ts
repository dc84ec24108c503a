import { Queue } from "bullmq";
import { failFastConnection, QUEUE_PREFIX } from "./connection";
import { RUNS_QUEUE, RUN_JOB_ATTEMPTS, RUN_JOB_BACKOFF, runPriority, type RunJob } from "./contract";
import { log } from "../log";
import { withTimeout } from "../util/timeout";
import { existingSingleton, forgetSingleton, processSingleton } from "../util/process-singleton";

// A trigger must answer even when Redis is away: give up quickly and leave the run to the reconciler.
const ENQUEUE_TIMEOUT_MS = 750;

const RUNS_QUEUE_KEY = "runs-queue";

export function runsQueue(): Queue<RunJob> {
  return processSingleton(RUNS_QUEUE_KEY, () => {
    const queue = new Queue<RunJob>(RUNS_QUEUE, { prefix: QUEUE_PREFIX, connection: failFastConnection() });
    queue.on("error", () => {}); // reconnects by itself; enqueueRun reports its own failures
    return queue;
  });
}

export const runJobOptions = (runId: string, trigger: string) => ({
  jobId: runId,
  priority: runPriority(trigger),
  attempts: RUN_JOB_ATTEMPTS,
  backoff: RUN_JOB_BACKOFF,
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});

type PendingAdd = { runId: string; kind: string; trigger: string; done: (added: boolean) => void };

// The adds asked for during one turn of the event loop, sent together.
let pending: PendingAdd[] = [];

/**
 * Adds the job for a run already written to Postgres. Returns false instead of throwing when Redis is
 * unreachable: the run stays `queued` and the worker's reconciler enqueues it later. Concurrent triggers share one
 * `addBulk` (one Redis round trip) per turn of the event loop.
 */
export function enqueueRun(runId: string, kind: string, trigger: string): Promise<boolean> {
  return new Promise((done) => {
    pending.push({ runId, kind, trigger, done });
    if (pending.length === 1) setImmediate(() => void flushAdds());
  });
}

async function flushAdds(): Promise<void> {
  const batch = pending;
  pending = [];
  let added = false;
  try {
    const jobs = batch.map((add) => ({
      name: add.kind,
      data: { runId: add.runId },
      opts: runJobOptions(add.runId, add.trigger),
    }));
    await withTimeout(runsQueue().addBulk(jobs), ENQUEUE_TIMEOUT_MS, "enqueue");
    added = true;
  } catch (error) {
    const runIds = batch.map((add) => add.runId);
    log.warn({ runIds, err: error instanceof Error ? error.message : String(error) }, "runs left for the reconciler");
  }
  for (const add of batch) add.done(added);
}

/** For short-lived scripts: lets the process exit once the queue connection is closed. */
export async function closeRunsQueue(): Promise<void> {
  await existingSingleton<Queue<RunJob>>(RUNS_QUEUE_KEY)?.close();
  forgetSingleton(RUNS_QUEUE_KEY);
}
