import { and, eq, sql } from "drizzle-orm";
import { db } from "../db/client";
import { auditEvents, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookDelivery } from "../db/schema";
import { log } from "../log";
import { resolveDestination, WebhookDestinationError } from "./destination";
import { mailAdminsEndpointDisabled } from "./notify";
import { enqueueDeliveries, type DueDelivery } from "./queue";
import { retryDelayMs } from "./retry";
import { decryptSecret } from "./secret";
import { isDelivered, sendWebhook, type SendOutcome } from "./send";

// SPEC §9: an endpoint whose attempts have failed for this long without one success is disabled.
export const FAILING_DAYS_BEFORE_DISABLE = 5;
const GONE = 410;

export type AttemptResult = "delivered" | "failed" | "skipped";

/**
 * One delivery attempt (the webhook job's work). The row is claimed (`pending` → `sending`) so two jobs for it do
 * not both send; a worker that dies while sending leaves it `sending`, and the reconciler puts it back to `pending`
 * after the send could no longer be in flight — at least once, with the same `webhook-id` every time.
 */
export async function attemptDelivery(deliveryId: string): Promise<AttemptResult> {
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ status: "sending", attemptedAt: sql`clock_timestamp()` })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")))
    .returning();
  if (!claimed) return "skipped";

  const [target] = await db
    .select({
      eventId: webhookEvents.id,
      body: webhookEvents.body,
      url: webhookEndpoints.url,
      status: webhookEndpoints.status,
      secretCiphertext: webhookEndpoints.secretCiphertext,
    })
    .from(webhookEvents)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookEvents.endpointId))
    .where(eq(webhookEvents.id, claimed.eventId))
    .limit(1);
  if (!target || target.status !== "active") {
    await db
      .update(webhookDeliveries)
      .set({ status: "cancelled", error: "The endpoint is disabled." })
      .where(eq(webhookDeliveries.id, deliveryId));
    return "skipped";
  }

  const outcome = await send(target.url, target.eventId, target.body, target.secretCiphertext);
  const delivered = isDelivered(outcome);
  if (delivered) await recordDelivered(claimed, outcome);
  else await recordFailed(claimed, outcome);
  log.info(
    {
      deliveryId,
      eventId: claimed.eventId,
      attempt: claimed.attempt,
      status: outcome.responseStatus,
      ms: outcome.durationMs,
    },
    delivered ? "webhook delivered" : "webhook attempt failed",
  );
  return delivered ? "delivered" : "failed";
}

async function send(url: string, id: string, body: string, secretCiphertext: string): Promise<SendOutcome> {
  const refused = (error: string): SendOutcome => ({ responseStatus: null, responseBody: null, error, durationMs: 0 });
  let secret: string;
  try {
    secret = decryptSecret(secretCiphertext);
  } catch {
    // Counted as a failed attempt (not a crash that would retry every minute): the admin re-adds the endpoint.
    return refused("The endpoint's secret cannot be read (was AUTH_SECRET changed?). Add the endpoint again.");
  }
  try {
    // Checked again at every attempt: the name may resolve elsewhere than when the endpoint was saved.
    return await sendWebhook(await resolveDestination(url), { id, body, secret });
  } catch (error) {
    if (!(error instanceof WebhookDestinationError)) throw error;
    return refused(error.message);
  }
}

function outcomeColumns(outcome: SendOutcome) {
  return {
    responseStatus: outcome.responseStatus,
    responseBody: outcome.responseBody,
    error: outcome.error,
    durationMs: outcome.durationMs,
  };
}

async function recordDelivered(delivery: WebhookDelivery, outcome: SendOutcome): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({ status: "succeeded", ...outcomeColumns(outcome) })
      .where(eq(webhookDeliveries.id, delivery.id));
    await tx.update(webhookEvents).set({ status: "delivered" }).where(eq(webhookEvents.id, delivery.eventId));
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: null })
      .where(and(eq(webhookEndpoints.id, delivery.endpointId), sql`${webhookEndpoints.failingSince} is not null`));
  });
}

/**
 * A failed attempt: the next one is written in the same transaction (the schedule of lib/webhooks/retry.ts), unless
 * the receiver answered 410 Gone, the attempt was a one-off redelivery, or the schedule is spent. 410 disables the
 * endpoint at once; so do five days of failures, and admins are e-mailed.
 */
async function recordFailed(delivery: WebhookDelivery, outcome: SendOutcome): Promise<void> {
  const gone = outcome.responseStatus === GONE;
  const delayMs = gone || delivery.manual ? null : retryDelayMs(delivery.attempt);
  const { next, disabled } = await db.transaction(async (tx) => {
    let next: DueDelivery | null = null;
    if (delayMs !== null) {
      const [row] = await tx
        .insert(webhookDeliveries)
        .values({
          eventId: delivery.eventId,
          endpointId: delivery.endpointId,
          attempt: delivery.attempt + 1,
          scheduledAt: sql`clock_timestamp() + ${`${delayMs} milliseconds`}::interval`,
        })
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id, scheduledAt: webhookDeliveries.scheduledAt });
      next = row ?? null;
    }
    await tx
      .update(webhookDeliveries)
      .set({ status: "failed", ...outcomeColumns(outcome), nextAttemptAt: next?.scheduledAt ?? null })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (!next) await tx.update(webhookEvents).set({ status: "failed" }).where(eq(webhookEvents.id, delivery.eventId));

    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(eq(webhookEndpoints.id, delivery.endpointId))
      .returning({ failingSince: webhookEndpoints.failingSince, url: webhookEndpoints.url });
    const failingTooLong =
      endpoint?.failingSince &&
      Date.now() - endpoint.failingSince.getTime() >= FAILING_DAYS_BEFORE_DISABLE * 86_400_000;
    const reason = gone
      ? "The receiver answered 410 Gone."
      : failingTooLong
        ? `Deliveries failed for ${FAILING_DAYS_BEFORE_DISABLE} days.`
        : null;
    if (!reason || !endpoint) return { next, disabled: null };
    const [disabledRow] = await tx
      .update(webhookEndpoints)
      .set({ status: "disabled", disabledReason: reason, disabledAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, delivery.endpointId), eq(webhookEndpoints.status, "active")))
      .returning({ id: webhookEndpoints.id });
    if (!disabledRow) return { next, disabled: null };
    await tx.insert(auditEvents).values({
      action: "webhook.disabled",
      actorLabel: "system",
      targetType: "webhook",
      targetId: delivery.endpointId,
      details: { reason, url: endpoint.url },
    });
    return { next, disabled: { url: endpoint.url, reason } };
  });
  if (next) await enqueueDeliveries([next]);
  if (disabled) {
    log.warn({ endpointId: delivery.endpointId, reason: disabled.reason }, "webhook endpoint disabled");
    await mailAdminsEndpointDisabled(delivery.endpointId, disabled.url, disabled.reason);
  }
}
