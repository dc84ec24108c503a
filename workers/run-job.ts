import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Run } from "../lib/db/schema";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { runJobSchema, runRetryDelayMs } from "../lib/queue/contract";
import { watchAttempt, type Attempt } from "../lib/runs/attempt";
import {
  announceRunFinished,
  isRunFinished,
  markFailed,
  markRunning,
  recordAttemptError,
  recordHeartbeat,
} from "../lib/runs/lifecycle";
import { DomainError } from "../lib/domain-error";
import { PartialRunError, PermanentRunError } from "../lib/runs/lifecycle-errors";
import { tryLockRun, type RunLock } from "../lib/runs/lifecycle-lock";
import { processSemanticRefresh } from "./semantic-refresh";
import { processSubscriptionRun } from "./subscription-run";

// When another process holds the run (a stalled copy still finishing), look again after this; it costs no attempt.
const LOCKED_RUN_RECHECK_MS = 5_000;
// The heartbeat is for the reconciler, which waits minutes before calling a run stuck: a write every few seconds.
const HEARTBEAT_WRITE_INTERVAL_MS = 5_000;

const processors: Record<Run["kind"], (run: Run, attempt: Attempt) => Promise<Record<string, unknown>>> = {
  subscription: processSubscriptionRun,
  "semantic-model-refresh": processSemanticRefresh,
};

/**
 * One attempt of a run job. The run row decides what to do (its kind, whether it is finished); the job only names
 * it. Each processor marks its run succeeded; failures are settled here: permanent ones and the last attempt fail
 * the run, others leave it running for BullMQ's next attempt.
 *
 * A watchdog stops an attempt that makes no progress for RUN_STALL_LIMIT_MS (longer than any send may take), so a
 * wedge fails the attempt and the job is retried rather than held forever. The run lock stays taken until the
 * stopped attempt's work has really ended: a second attempt never overlaps sends still in flight.
 */
export async function processRunJob(job: Job, token?: string): Promise<{ outcome: string }> {
  const payload = runJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`invalid run job payload: ${payload.error.message}`);
  const { runId } = payload.data;

  // A run the reconciler failed while a frozen process still holds its lock: nothing to wait for.
  if (await isRunFinished(runId)) return { outcome: "already finished" };
  const lock = await tryLockRun(runId);
  if (!lock) {
    log.info({ runId }, "run is being processed elsewhere; checking again later");
    await job.moveToDelayed(Date.now() + LOCKED_RUN_RECHECK_MS, token);
    throw new DelayedError();
  }
  let unfinished: Promise<unknown> | null = null;
  try {
    const run = await markRunning(runId);
    if (!run) return { outcome: "already finished" };
    log.info({ runId, kind: run.kind, attempt: run.attempts, trigger: run.trigger }, "run attempt started");
    const attempt = watchAttempt(env.RUN_STALL_LIMIT_MS, heartbeat(runId));
    const work = processors[run.kind](run, attempt);
    const outcome = await Promise.race([
      work.then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      attempt.stalled.then((error) => ({ ok: false as const, error, stalled: true })),
    ]);
    attempt.stop();
    if (outcome.ok) {
      await announceRunFinished(runId);
      log.info({ runId, kind: run.kind }, "run succeeded");
      return { outcome: "succeeded" };
    }
    if ("stalled" in outcome) {
      log.error(
        { runId, kind: run.kind, limitMs: env.RUN_STALL_LIMIT_MS },
        "run attempt made no progress; stopping it",
      );
      unfinished = work;
    }
    throw await settleFailure(job, run, outcome.error);
  } finally {
    if (unfinished) releaseWhenDone(runId, lock, unfinished);
    else await release(runId, lock);
  }
}

/** Lets go of the run only once the stopped attempt's last send or write has ended. */
function releaseWhenDone(runId: string, lock: RunLock, work: Promise<unknown>): void {
  log.warn({ runId }, "the stopped attempt still has work in flight; the run stays locked until it ends");
  void work
    .catch(() => {})
    .then(() => release(runId, lock))
    .then(() => log.info({ runId }, "the stopped attempt's work ended; run released"));
}

async function release(runId: string, lock: RunLock): Promise<void> {
  await lock.release().catch((error: unknown) => log.warn({ runId, err: messageOf(error) }, "run lock release failed"));
}

/** Records progress in Postgres at most every few seconds; a failed write only costs that heartbeat. */
function heartbeat(runId: string): () => void {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < HEARTBEAT_WRITE_INTERVAL_MS) return;
    last = now;
    recordHeartbeat(runId).catch((error: unknown) =>
      log.warn({ runId, err: messageOf(error) }, "run heartbeat not recorded"),
    );
  };
}

/** Records a failed attempt on the run and returns the error BullMQ should see. */
async function settleFailure(job: Job, run: Run, error: unknown): Promise<Error> {
  const message = messageOf(error);
  const result = error instanceof PartialRunError || error instanceof PermanentRunError ? error.result : null;
  // A domain refusal (a source query that lacks a column, a value of the wrong type) fails the same way again.
  const permanent = error instanceof PermanentRunError || error instanceof DomainError;
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (permanent || lastAttempt) {
    await markFailed(run.id, message, result);
    log.warn({ runId: run.id, kind: run.kind, attempt: run.attempts, err: message }, "run failed");
    // UnrecoverableError stops BullMQ's retries: the run is already final.
    return permanent ? new UnrecoverableError(message) : toError(error);
  }
  await recordAttemptError(run.id, message, result, new Date(Date.now() + runRetryDelayMs(job.attemptsMade)));
  log.warn({ runId: run.id, kind: run.kind, attempt: run.attempts, err: message }, "run attempt failed; will retry");
  return toError(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
