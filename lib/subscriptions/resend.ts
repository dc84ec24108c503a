import { and, eq, inArray, ne } from "drizzle-orm";
import { db } from "../db/client";
import { deliveries, runs } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, notFound } from "../domain-error";
import { log } from "../log";
import { runsQueue, enqueueRun } from "../queue/producer";
import { withTimeout } from "../util/timeout";

// The finished job of the earlier attempts holds the run's job id; removing it may not hold up the console.
const REMOVE_JOB_TIMEOUT_MS = 750;

/**
 * Re-send to failed: the ended run goes back to the queue as a new attempt limited to the recipients whose delivery
 * failed. Recipients already sent keep their `sent` row, so nobody gets the report twice; the run's lock and job id
 * are the same as for any attempt. Audited with the recipients it retries.
 */
export async function resendToFailed(runId: string, actor: Actor): Promise<{ recipients: string[] }> {
  const { run, recipients } = await db.transaction(async (tx) => {
    const [run] = await tx
      .select({ id: runs.id, status: runs.status, subscriptionId: runs.subscriptionId, trigger: runs.trigger })
      .from(runs)
      .where(and(eq(runs.id, runId), eq(runs.kind, "subscription")))
      .for("update")
      .limit(1);
    if (!run?.subscriptionId) throw notFound("run");
    if (run.status !== "failed" && run.status !== "succeeded") {
      throw new DomainError("invalid", "This run has not ended yet; re-send once it has.");
    }
    const failed = await tx
      .select({ recipient: deliveries.recipient })
      .from(deliveries)
      .where(and(eq(deliveries.runId, runId), eq(deliveries.status, "failed")));
    if (failed.length === 0) throw new DomainError("invalid", "No recipient of this run failed.");
    // One queued run per subscription (runs_one_queued_subscription_run_idx): wait for a queued one to start.
    const [queued] = await tx
      .select({ id: runs.id })
      .from(runs)
      .where(
        and(
          eq(runs.subscriptionId, run.subscriptionId),
          eq(runs.kind, "subscription"),
          inArray(runs.status, ["queued"]),
          ne(runs.id, runId),
        ),
      )
      .limit(1);
    if (queued)
      throw new DomainError("invalid", "Another run of this subscription is queued; re-send once it has started.");
    const recipients = failed.map((row) => row.recipient);
    await tx
      .update(runs)
      .set({ status: "queued", finishedAt: null, retryAt: null, error: null, resendRecipients: recipients })
      .where(eq(runs.id, runId));
    await writeAudit(tx, {
      action: "subscription.resent",
      ...actorColumns(actor),
      targetType: "subscription",
      targetId: run.subscriptionId,
      details: { runId, recipients },
    });
    return { run, recipients };
  });
  await requeue(runId, run.trigger);
  return { recipients };
}

/**
 * The earlier attempts' job has ended but keeps the run's id in Redis (BullMQ would ignore a new job with that id):
 * remove it and add the new one. When Redis is away the reconciler does the same for the queued run.
 */
async function requeue(runId: string, trigger: string): Promise<void> {
  try {
    const job = await withTimeout(runsQueue().getJob(runId), REMOVE_JOB_TIMEOUT_MS, "find the run's job");
    if (job) await withTimeout(job.remove(), REMOVE_JOB_TIMEOUT_MS, "remove the run's job");
  } catch (error) {
    log.warn({ runId, err: error instanceof Error ? error.message : String(error) }, "re-send left for the reconciler");
    return;
  }
  await enqueueRun(runId, "subscription", trigger);
}
