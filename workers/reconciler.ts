import { Queue, type Job } from "bullmq";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { failFastConnection, QUEUE_PREFIX } from "../lib/queue/connection";
import { RUNS_QUEUE, type RunJob } from "../lib/queue/contract";
import { runJobOptions } from "../lib/queue/producer";
import { listOpenRuns, listRunsWithoutProgress, markFailed } from "../lib/runs/lifecycle";
import { tryLockRun } from "../lib/runs/lifecycle-lock";
import { getRunStatus } from "../lib/runs/queries";
import { syncAllSchedules } from "../lib/schedules/sync";
import { withTimeout } from "../lib/util/timeout";
import { startPeriodic } from "./periodic";

// Job look-ups per round trip batch.
const LOOKUP_BATCH = 50;
// One pass may not outlive the interval by much; the next pass simply tries again.
const PASS_TIMEOUT_MS = 10_000;

export type Reconciler = { stop(): Promise<void>; runOnce(): Promise<void> };

/**
 * Keeps Redis in step with Postgres, which is the source of truth (SPEC §5): every queued or running run has a job,
 * every schedule has a job scheduler. Runs on start and then every interval; each pass tolerates Redis or Postgres
 * being away and the next pass picks up where it failed.
 */
export function startReconciler(intervalMs: number): Reconciler {
  const queue = new Queue<RunJob>(RUNS_QUEUE, { prefix: QUEUE_PREFIX, connection: failFastConnection() });
  queue.on("error", () => {}); // reconnects by itself; each pass reports its own failure
  const periodic = startPeriodic("reconciliation", intervalMs, async (afterFailure) => {
    const enqueued = await withTimeout(reconcileRuns(queue), PASS_TIMEOUT_MS, "run reconciliation");
    const stuck = await withTimeout(failStuckRuns(), PASS_TIMEOUT_MS, "stuck run check");
    const schedules = await syncAllSchedules();
    if (enqueued > 0 || stuck > 0 || schedules.upserted > 0 || schedules.removed > 0 || afterFailure) {
      log.info({ enqueued, stuck, ...schedules }, "reconciled runs and schedules");
    }
  });
  return {
    runOnce: periodic.runOnce,
    async stop() {
      await periodic.stop();
      await queue.close().catch(() => {});
    },
  };
}

/** Gives every open run a job; returns how many it (re-)enqueued. */
async function reconcileRuns(queue: Queue<RunJob>): Promise<number> {
  const open = await listOpenRuns();
  let enqueued = 0;
  for (let i = 0; i < open.length; i += LOOKUP_BATCH) {
    const batch = open.slice(i, i + LOOKUP_BATCH);
    const jobs = await Promise.all(batch.map((run) => queue.getJob(run.id)));
    for (const [index, run] of batch.entries()) {
      if (await repair(queue, run, jobs[index])) enqueued++;
    }
  }
  return enqueued;
}

/**
 * Waiting, delayed and active jobs are left alone (an active job whose worker died is BullMQ's stalled check's). A
 * missing job is added; a finished job of a run that is still open is settled: a run that never started gets a
 * fresh job, one that ran to a final BullMQ failure without its run being marked (the worker lost Postgres at that
 * moment) is marked failed with BullMQ's reason.
 */
async function repair(
  queue: Queue<RunJob>,
  run: { id: string; kind: string; trigger: string },
  job: Job<RunJob> | undefined,
): Promise<boolean> {
  if (!job) {
    await queue.add(run.kind, { runId: run.id }, runJobOptions(run.id, run.trigger));
    log.info({ runId: run.id }, "enqueued a run that had no job");
    return true;
  }
  const state = await job.getState();
  if (state !== "completed" && state !== "failed") return false;
  // The job may have finished the run between our two reads: look at the run again before touching it.
  const status = await getRunStatus(run.id);
  if (!status || status === "succeeded" || status === "failed") return false;
  if (state === "failed" && status === "running") {
    await markFailed(run.id, job.failedReason || "The run's job failed.");
    log.warn({ runId: run.id }, "marked failed a run whose job had failed");
    return false;
  }
  await job.remove();
  await queue.add(run.kind, { runId: run.id }, runJobOptions(run.id, run.trigger));
  log.info({ runId: run.id, state }, "re-enqueued an open run whose job had ended");
  return true;
}

/**
 * Fails, visibly, each run that an attempt holds (its run lock is taken) without progress for RUN_STUCK_AFTER_MS —
 * far past the attempt's own watchdog, so its process is frozen or wedged beyond it. It is failed, not retried:
 * that process may still wake and send, and a second attempt beside it could e-mail recipients twice. A run with no
 * holder is left to its job (BullMQ's stalled check and the repair above restart it). Returns how many it failed.
 */
async function failStuckRuns(): Promise<number> {
  const since = new Date(Date.now() - env.RUN_STUCK_AFTER_MS);
  let failed = 0;
  for (const run of await listRunsWithoutProgress(since)) {
    const lock = await tryLockRun(run.id);
    if (lock) {
      await lock.release();
      continue;
    }
    const lastProgress = run.heartbeatAt?.toISOString() ?? "its start";
    const message =
      `No progress since ${lastProgress}: the worker running it stopped responding, so the run was stopped.` +
      (run.kind === "subscription" ? " Recipients not yet e-mailed did not get the report." : "");
    if (await markFailed(run.id, message)) {
      failed++;
      log.error({ runId: run.id, kind: run.kind, lastProgress }, "failed a run stuck without progress");
    }
  }
  return failed;
}
