import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "../db/client";
import { runs, type Run, type RunResult } from "../db/schema";
import { createRunEvents, queueRunEvents } from "../webhooks/run-events";
import { mailCreatorRunFailed } from "../subscriptions/failure-notice";
import { publishRunFinished } from "./finished-channel";

// An error is shown in the console and the API; a database or SMTP message is rarely longer, a stack never fits.
const ERROR_MESSAGE_MAX = 2_000;

function errorOf(message: string): { message: string } {
  return { message: message.length > ERROR_MESSAGE_MAX ? `${message.slice(0, ERROR_MESSAGE_MAX - 1)}…` : message };
}

/**
 * Starts an attempt: status running, attempts + 1, startedAt kept from the first attempt. Returns null when the
 * run is already finished (or gone), so a duplicate or late job does nothing.
 */
export async function markRunning(runId: string): Promise<Run | null> {
  const [run] = await db
    .update(runs)
    .set({
      status: "running",
      attempts: sql`${runs.attempts} + 1`,
      startedAt: sql`coalesce(${runs.startedAt}, now())`,
      heartbeatAt: sql`now()`,
      retryAt: null,
    })
    .where(and(eq(runs.id, runId), inArray(runs.status, ["queued", "running"])))
    .returning();
  return run ?? null;
}

// finishedAt uses clock_timestamp(): inside a transaction now() is the time it began, not the time the run ended.

/**
 * Finishes a run. Takes the transaction that made the run's effect, where there is one, so the effect and
 * "succeeded" commit together; the run's webhook events are written in the same transaction. Returns false when the
 * run was no longer running. The caller announces the end (announceRunFinished) once that transaction committed.
 */
export async function markSucceeded(runId: string, result: RunResult, executor: Db | Tx = db): Promise<boolean> {
  if (executor === db) return db.transaction((tx) => markSucceeded(runId, result, tx));
  const [run] = await executor
    .update(runs)
    .set({ status: "succeeded", finishedAt: sql`clock_timestamp()`, result, error: null, retryAt: null })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")))
    .returning();
  if (!run) return false;
  await createRunEvents(executor, run);
  return true;
}

/**
 * Final failure: the error stays on the run, with whatever result the attempts reached (e.g. partial deliveries).
 * Writes the run's webhook events with it, announces the end and sends the creator's failure notice (when asked for).
 */
export async function markFailed(runId: string, message: string, result: RunResult | null = null): Promise<boolean> {
  const failed = await db.transaction(async (tx) => {
    const [run] = await tx
      .update(runs)
      .set({
        status: "failed",
        finishedAt: sql`clock_timestamp()`,
        retryAt: null,
        error: errorOf(message),
        ...(result ? { result } : {}),
      })
      .where(and(eq(runs.id, runId), inArray(runs.status, ["queued", "running"])))
      .returning();
    if (run) await createRunEvents(tx, run);
    return Boolean(run);
  });
  if (failed) await Promise.all([announceRunFinished(runId), mailCreatorRunFailed(runId)]);
  return failed;
}

/**
 * After a run's final state committed: wakes `Prefer: wait` requests on every web instance and queues the run's
 * webhook deliveries. Never throws: waiters read the run again when their time is up, the reconciler queues
 * deliveries that Redis did not take.
 */
export async function announceRunFinished(runId: string): Promise<void> {
  await Promise.all([publishRunFinished(runId), queueRunEvents(runId)]);
}

/**
 * An attempt failed and another will follow: the run stays `running` (a refresh may not go back to `queued`, where
 * a newer trigger may already wait — one queued refresh per model) and shows the latest error until it ends, with
 * the time the next attempt is due ("waiting to retry").
 */
export async function recordAttemptError(
  runId: string,
  message: string,
  result: RunResult | null = null,
  retryAt: Date | null = null,
): Promise<void> {
  await db
    .update(runs)
    .set({ error: errorOf(message), retryAt, ...(result ? { result } : {}) })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")));
}

/** The attempt moved forward: the reconciler's evidence that its worker is alive. */
export async function recordHeartbeat(runId: string): Promise<void> {
  await db
    .update(runs)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")));
}

/** Whether the run has ended (or is gone): a late job for it has nothing to do. */
export async function isRunFinished(runId: string): Promise<boolean> {
  const [run] = await db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)).limit(1);
  return !run || run.status === "succeeded" || run.status === "failed";
}

/**
 * Runs an attempt is working on (not waiting to retry) that have not moved forward since `before`: their worker
 * froze, or lost them without letting go.
 */
export async function listRunsWithoutProgress(before: Date): Promise<Pick<Run, "id" | "kind" | "heartbeatAt">[]> {
  return db
    .select({ id: runs.id, kind: runs.kind, heartbeatAt: runs.heartbeatAt })
    .from(runs)
    .where(and(eq(runs.status, "running"), isNull(runs.retryAt), lt(runs.heartbeatAt, before)));
}

/** Runs that should have a job: the reconciler's worklist. */
export async function listOpenRuns(): Promise<Pick<Run, "id" | "kind" | "status" | "trigger">[]> {
  return db
    .select({ id: runs.id, kind: runs.kind, status: runs.status, trigger: runs.trigger })
    .from(runs)
    .where(inArray(runs.status, ["queued", "running"]))
    .orderBy(runs.createdAt);
}
