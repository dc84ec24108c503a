import { db, type Db, type Tx } from "../db/client";
import type { Run } from "../db/schema";
import { log } from "../log";
import { presentRun } from "../runs/present";
import { createEvents, eventBody, pendingDeliveriesOf } from "./events";
import { enqueueDeliveries } from "./queue";

const sourceKey = (runId: string) => `run:${runId}`;

/** In the transaction that finishes the run: its `run.succeeded` / `run.failed` event for each subscribed endpoint. */
export async function createRunEvents(executor: Db | Tx, run: Run): Promise<void> {
  if (run.status !== "succeeded" && run.status !== "failed") return;
  const type = `run.${run.status}`;
  await createEvents(executor, {
    type,
    body: eventBody(type, run.finishedAt ?? new Date(), presentRun(run)),
    sourceKey: sourceKey(run.id),
  });
}

/** After that transaction committed: queue the run's deliveries. Never throws; the reconciler covers a failure. */
export async function queueRunEvents(runId: string): Promise<void> {
  try {
    await enqueueDeliveries(await pendingDeliveriesOf(db, sourceKey(runId)));
  } catch (error) {
    log.warn(
      { runId, err: error instanceof Error ? error.message : String(error) },
      "run webhooks left for the reconciler",
    );
  }
}
