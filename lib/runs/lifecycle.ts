import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "../db/client";
import { runs, type Run, type RunResult } from "../db/schema";

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
    .set({ status: "running", attempts: sql`${runs.attempts} + 1`, startedAt: sql`coalesce(${runs.startedAt}, now())` })
    .where(and(eq(runs.id, runId), inArray(runs.status, ["queued", "running"])))
    .returning();
  return run ?? null;
}

// finishedAt uses clock_timestamp(): inside a transaction now() is the time it began, not the time the run ended.

/**
 * Finishes a run. Takes the transaction that made the run's effect, where there is one, so the effect and
 * "succeeded" commit together. Returns false when the run was no longer running.
 */
export async function markSucceeded(runId: string, result: RunResult, executor: Db | Tx = db): Promise<boolean> {
  const updated = await executor
    .update(runs)
    .set({ status: "succeeded", finishedAt: sql`clock_timestamp()`, result, error: null })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")))
    .returning({ id: runs.id });
  return updated.length > 0;
}

/** Final failure: the error stays on the run, with whatever result the attempts reached (e.g. partial deliveries). */
export async function markFailed(runId: string, message: string, result: RunResult | null = null): Promise<boolean> {
  const updated = await db
    .update(runs)
    .set({
      status: "failed",
      finishedAt: sql`clock_timestamp()`,
      error: errorOf(message),
      ...(result ? { result } : {}),
    })
    .where(and(eq(runs.id, runId), inArray(runs.status, ["queued", "running"])))
    .returning({ id: runs.id });
  return updated.length > 0;
}

/**
 * An attempt failed and another will follow: the run stays `running` (a refresh may not go back to `queued`, where
 * a newer trigger may already wait — one queued refresh per model) and shows the latest error until it ends.
 */
export async function recordAttemptError(
  runId: string,
  message: string,
  result: RunResult | null = null,
): Promise<void> {
  await db
    .update(runs)
    .set({ error: errorOf(message), ...(result ? { result } : {}) })
    .where(and(eq(runs.id, runId), eq(runs.status, "running")));
}

/** Runs that should have a job: the reconciler's worklist. */
export async function listOpenRuns(): Promise<Pick<Run, "id" | "kind" | "status" | "trigger">[]> {
  return db
    .select({ id: runs.id, kind: runs.kind, status: runs.status, trigger: runs.trigger })
    .from(runs)
    .where(inArray(runs.status, ["queued", "running"]))
    .orderBy(runs.createdAt);
}
