import { Queue } from "bullmq";
import { failFastConnection, QUEUE_PREFIX } from "./connection";
import { RUNS_QUEUE, RUN_JOB_ATTEMPTS, RUN_JOB_BACKOFF, runPriority, type RunJob } from "./contract";
import { log } from "../log";
import { withTimeout } from "../util/timeout";
import { tickBatch } from "../util/tick-batch";
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

type RunToAdd = { runId: string; kind: string; trigger: string };

// Concurrent triggers share one `addBulk` (one Redis round trip) per turn of the event loop.
const addInBulk = tickBatch<RunToAdd, boolean>(async (runs) => {
  try {
    const jobs = runs.map((run) => ({
      name: run.kind,
      data: { runId: run.runId },
      opts: runJobOptions(run.runId, run.trigger),
    }));
    await withTimeout(runsQueue().addBulk(jobs), ENQUEUE_TIMEOUT_MS, "enqueue");
    return runs.map(() => true);
  } catch (error) {
    const runIds = runs.map((run) => run.runId);
    log.warn({ runIds, err: error instanceof Error ? error.message : String(error) }, "runs left for the reconciler");
    return runs.map(() => false);
  }
});

/**
 * Adds the job for a run already written to Postgres. Returns false instead of throwing when Redis is
 * unreachable: the run stays `queued` and the worker's reconciler enqueues it later.
 */
export function enqueueRun(runId: string, kind: string, trigger: string): Promise<boolean> {
  return addInBulk({ runId, kind, trigger });
}

/** For short-lived scripts: lets the process exit once the queue connection is closed. */
export async function closeRunsQueue(): Promise<void> {
  await existingSingleton<Queue<RunJob>>(RUNS_QUEUE_KEY)?.close();
  forgetSingleton(RUNS_QUEUE_KEY);
}
