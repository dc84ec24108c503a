import type { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { db } from "../db/client";
import type { WebhookJob } from "../queue/contract";
import { DELIVERY_TIMEOUT_MS } from "./send";
import { webhookJobOptions } from "./queue";

// A `sending` row older than this cannot still be in flight (the send gives up at 15 s): its worker died.
const STALE_SENDING_MS = DELIVERY_TIMEOUT_MS * 4;
// Pending attempts looked at per pass; the next pass takes the rest.
const PASS_LIMIT = 1_000;
// Job look-ups per round trip batch.
const LOOKUP_BATCH = 50;

/**
 * Postgres holds every attempt still owed (SPEC §9): puts back attempts whose worker died mid-send, and queues every
 * pending attempt that has no job (Redis flushed or restarted). Returns how many it queued.
 */
export async function reconcileWebhookDeliveries(queue: Queue<WebhookJob>): Promise<number> {
  await db.execute(sql`
    update webhook_deliveries set status = 'pending', scheduled_at = now()
    where status = 'sending' and attempted_at < now() - make_interval(secs => ${STALE_SENDING_MS / 1_000})`);
  const pending = await db.execute<{ id: string; scheduled_at: string }>(sql`
    select id, scheduled_at from webhook_deliveries where status = 'pending'
    order by scheduled_at limit ${PASS_LIMIT}`);
  let queued = 0;
  for (let i = 0; i < pending.length; i += LOOKUP_BATCH) {
    const batch = pending.slice(i, i + LOOKUP_BATCH);
    const jobs = await Promise.all(batch.map((row) => queue.getJob(row.id)));
    const missing = batch.filter((_, index) => !jobs[index]);
    await Promise.all(
      missing.map((row) =>
        queue.add(
          "deliver",
          { deliveryId: row.id },
          webhookJobOptions({ id: row.id, scheduledAt: new Date(row.scheduled_at) }),
        ),
      ),
    );
    queued += missing.length;
  }
  return queued;
}
