import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Run } from "../lib/db/schema";
import { log } from "../lib/log";
import { runJobSchema } from "../lib/queue/contract";
import { announceRunFinished, markFailed, markRunning, recordAttemptError } from "../lib/runs/lifecycle";
import { PartialRunError, PermanentRunError } from "../lib/runs/lifecycle-errors";
import { tryLockRun } from "../lib/runs/lifecycle-lock";
import { processSemanticRefresh } from "./semantic-refresh";
import { processSubscriptionRun } from "./subscription-run";

// When another process holds the run (a stalled copy still finishing), look again after this; it costs no attempt.
const LOCKED_RUN_RECHECK_MS = 5_000;

const processors: Record<Run["kind"], (run: Run) => Promise<Record<string, unknown>>> = {
  subscription: processSubscriptionRun,
  "semantic-model-refresh": processSemanticRefresh,
};

/**
 * One attempt of a run job. The run row decides what to do (its kind, whether it is finished); the job only names
 * it. Each processor marks its run succeeded; failures are settled here: permanent ones and the last attempt fail
 * the run, others leave it running for BullMQ's next attempt.
 */
export async function processRunJob(job: Job, token?: string): Promise<{ outcome: string }> {
  const payload = runJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`invalid run job payload: ${payload.error.message}`);
  const { runId } = payload.data;

  const lock = await tryLockRun(runId);
  if (!lock) {
    log.info({ runId }, "run is being processed elsewhere; checking again later");
    await job.moveToDelayed(Date.now() + LOCKED_RUN_RECHECK_MS, token);
    throw new DelayedError();
  }
  try {
    const run = await markRunning(runId);
    if (!run) return { outcome: "already finished" };
    log.info({ runId, kind: run.kind, attempt: run.attempts, trigger: run.trigger }, "run attempt started");
    try {
      await processors[run.kind](run);
      await announceRunFinished(runId);
      log.info({ runId, kind: run.kind }, "run succeeded");
      return { outcome: "succeeded" };
    } catch (error) {
      throw await settleFailure(job, run, error);
    }
  } finally {
    await lock
      .release()
      .catch((error: unknown) => log.warn({ runId, err: messageOf(error) }, "run lock release failed"));
  }
}

/** Records a failed attempt on the run and returns the error BullMQ should see. */
async function settleFailure(job: Job, run: Run, error: unknown): Promise<Error> {
  const message = messageOf(error);
  const result = error instanceof PartialRunError || error instanceof PermanentRunError ? error.result : null;
  const permanent = error instanceof PermanentRunError;
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (permanent || lastAttempt) {
    await markFailed(run.id, message, result);
    log.warn({ runId: run.id, kind: run.kind, attempt: run.attempts, err: message }, "run failed");
    // UnrecoverableError stops BullMQ's retries: the run is already final.
    return permanent ? new UnrecoverableError(message) : toError(error);
  }
  await recordAttemptError(run.id, message, result);
  log.warn({ runId: run.id, kind: run.kind, attempt: run.attempts, err: message }, "run attempt failed; will retry");
  return toError(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
