import { UnrecoverableError, type Job } from "bullmq";
import { webhookJobSchema } from "../lib/queue/contract";
import { attemptDelivery } from "../lib/webhooks/deliver";

/** Processor for webhook jobs: one delivery attempt; the row in Postgres says what to send and records the outcome. */
export async function processWebhookJob(job: Job): Promise<{ outcome: string }> {
  const payload = webhookJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`invalid webhook job payload: ${payload.error.message}`);
  return { outcome: await attemptDelivery(payload.data.deliveryId) };
}
