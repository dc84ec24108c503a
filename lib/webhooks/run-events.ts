import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "../db/client";
import { runs, type Run } from "../db/schema";
import { log } from "../log";
import { presentRun } from "../runs/present";
import { createEvents, eventBody, pendingDeliveriesOf } from "./events";
import { enqueueDeliveries } from "./queue";

// A run ends once, unless Re-send to failed queues it again: each re-send's end is an event of its own.
const sourceKey = (run: Pick<Run, "id" | "attempts" | "resendRecipients">) =>
  run.resendRecipients === null ? `run:${run.id}` : `run:${run.id}:resend:${run.attempts}`;

/** In the transaction that finishes the run: its `run.succeeded` / `run.failed` event for each subscribed endpoint. */
export async function createRunEvents(executor: Db | Tx, run: Run): Promise<void> {
  if (run.status !== "succeeded" && run.status !== "failed") return;
  const type = `run.${run.status}`;
  await createEvents(executor, {
    type,
    body: eventBody(type, run.finishedAt ?? new Date(), presentRun(run)),
    sourceKey: sourceKey(run),
  });
}

/** After that transaction committed: queue the run's deliveries. Never throws; the reconciler covers a failure. */
export async function queueRunEvents(runId: string): Promise<void> {
  try {
    const [run] = await db
      .select({ id: runs.id, attempts: runs.attempts, resendRecipients: runs.resendRecipients })
      .from(runs)
      .where(eq(runs.id, runId));
    if (run) await enqueueDeliveries(await pendingDeliveriesOf(db, sourceKey(run)));
  } catch (error) {
    log.warn(
      { runId, err: error instanceof Error ? error.message : String(error) },
      "run webhooks left for the reconciler",
    );
  }
}
