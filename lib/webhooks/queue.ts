import { Queue } from "bullmq";
import { failFastConnection, QUEUE_PREFIX } from "../queue/connection";
import { WEBHOOKS_QUEUE, type WebhookJob } from "../queue/contract";
import { existingSingleton, forgetSingleton, processSingleton } from "../util/process-singleton";
import { log } from "../log";
import { withTimeout } from "../util/timeout";

// Same reasoning as a run's trigger: never wait on an absent Redis; the row in Postgres is queued again later.
const ENQUEUE_TIMEOUT_MS = 750;
// A job that fails outright (Postgres away while recording an attempt) is tried again soon; the row stays pending.
const JOB_ATTEMPTS = 3;
const JOB_BACKOFF = { type: "exponential" as const, delay: 5_000 };

const QUEUE_KEY = "webhooks-queue";

export function webhooksQueue(): Queue<WebhookJob> {
  return processSingleton(QUEUE_KEY, () => {
    const queue = new Queue<WebhookJob>(WEBHOOKS_QUEUE, { prefix: QUEUE_PREFIX, connection: failFastConnection() });
    queue.on("error", () => {}); // reconnects by itself; enqueueDeliveries reports its own failures
    return queue;
  });
}

export type DueDelivery = { id: string; scheduledAt: Date };

// Finished jobs are dropped at once: the attempt's outcome lives in Postgres, and the same id may be queued again.
export function webhookJobOptions(delivery: DueDelivery) {
  return {
    jobId: delivery.id,
    delay: Math.max(0, delivery.scheduledAt.getTime() - Date.now()),
    attempts: JOB_ATTEMPTS,
    backoff: JOB_BACKOFF,
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/** Queues delivery attempts already written to Postgres; on a Redis failure they wait for the reconciler. */
export async function enqueueDeliveries(deliveries: readonly DueDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  try {
    await withTimeout(
      webhooksQueue().addBulk(
        deliveries.map((delivery) => ({
          name: "deliver",
          data: { deliveryId: delivery.id },
          opts: webhookJobOptions(delivery),
        })),
      ),
      ENQUEUE_TIMEOUT_MS,
      "enqueue webhook deliveries",
    );
  } catch (error) {
    log.warn(
      { deliveries: deliveries.length, err: error instanceof Error ? error.message : String(error) },
      "webhook deliveries left for the reconciler",
    );
  }
}

export async function closeWebhooksQueue(): Promise<void> {
  await existingSingleton<Queue<WebhookJob>>(QUEUE_KEY)?.close();
  forgetSingleton(QUEUE_KEY);
}
